#pragma once
#include <string>

#include "runtime/bytecode/program.h"

namespace incant::bc {

// Checks every operand is in range (registers, constants, globals, columns,
// jump targets, effects, funds) and every function ends in Return, so the VM
// can run without bounds checks. Returns an empty string when valid.
[[nodiscard]] std::string Verify(const Program& p);

}  // namespace incant::bc
