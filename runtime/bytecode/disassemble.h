#pragma once
#include <string>

#include "runtime/bytecode/program.h"

namespace incant::bc {

// A readable listing of every function (`incant run --dump-bytecode` / golden tests).
[[nodiscard]] std::string Disassemble(const Program& p);
[[nodiscard]] std::string Disassemble(const Program& p, const Function& f);

}  // namespace incant::bc
