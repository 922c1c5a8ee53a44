#pragma once
// `--jit`: the LLVM back end when this build has it (INCANT_ENABLE_JIT).
#include <memory>
#include <string>

#include "runtime/bytecode/program.h"
#include "runtime/vm/vm.h"

namespace incant::cli {

// Empty when this build has the LLVM back end; otherwise why `--jit` cannot run.
[[nodiscard]] std::string NativeBackendMissing();
// nullptr with *error set when the build has no back end or LLVM fails.
[[nodiscard]] std::unique_ptr<vm::NativeCode> CompileNative(const bc::Program& p,
                                                            std::string* error);

}  // namespace incant::cli
