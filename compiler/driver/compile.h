#pragma once
// Reads a program file and its imports, parses and checks them, and lowers the
// result. The one entry point the CLI uses for every command.
#include <memory>
#include <optional>
#include <string>

#include "compiler/diag/diagnostic.h"
#include "compiler/sema/checked_program.h"
#include "runtime/bytecode/program.h"

namespace incant {

struct Compilation {
  std::unique_ptr<sema::CheckedProgram> checked;
  std::optional<bc::Program> program;  // present when there were no errors
};

// Parses and checks `path` with its imports (cycles and missing files are
// diagnostics); lowers and verifies when `lower` and the check passed.
[[nodiscard]] Compilation CompileFile(const std::string& path, Sink& sink, bool lower = true);
// The same for a main file whose text is in memory (tests, fuzzers, the test runner);
// imports are still read from disk relative to `path`.
[[nodiscard]] Compilation CompileText(const std::string& path, const std::string& text, Sink& sink,
                                      bool lower = true);

}  // namespace incant
