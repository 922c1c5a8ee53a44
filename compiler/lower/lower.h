#pragma once
// CheckedProgram -> bytecode Program. Constant folding happens here; fns are
// inlined (they are pure and never recursive), so the VM needs no call frames.
#include "compiler/diag/diagnostic.h"
#include "compiler/sema/checked_program.h"
#include "runtime/bytecode/program.h"

namespace incant {

// Lowers a program the checker accepted (no errors in `sink`).
[[nodiscard]] bc::Program Lower(const sema::CheckedProgram& checked, Sink& sink);

}  // namespace incant
