#pragma once
#include <cstdint>

namespace incant::bc {

enum class Op : uint8_t {
#define X(name, operands, doc) k##name,
#include "runtime/bytecode/opcodes.def"
#undef X
};

[[nodiscard]] const char* OpName(Op op);
[[nodiscard]] const char* OpOperands(Op op);

// Fixed width: 8 bytes, three 16-bit operands.
struct Instr {
  Op op;
  uint8_t pad = 0;
  uint16_t a = 0, b = 0, c = 0;
};
static_assert(sizeof(Instr) == 8);

}  // namespace incant::bc
