#pragma once
// The LLVM back end: every function of a program compiled to native code with
// LLVM ORC, for `incant run --jit`. The code keeps the interpreter's register
// file and calls vm::Step for every opcode it does not emit inline, so both
// back ends give the same ledger byte for byte (tests/e2e/jit_differential.py).
#include <memory>
#include <string>

#include "runtime/bytecode/program.h"
#include "runtime/vm/vm.h"

namespace incant::jit {

// Compiles `p`'s init, rules, metric feeds and leaderboards. `p` must outlive
// the result (the code points at its instructions). nullptr, with *error set,
// when LLVM cannot build code for this machine.
[[nodiscard]] std::unique_ptr<vm::NativeCode> Compile(const bc::Program& p, std::string* error);

}  // namespace incant::jit
