#include "runtime/bytecode/opcode.h"

namespace incant::bc {

const char* OpName(Op op) {
  switch (op) {
#define X(name, operands, doc) \
  case Op::k##name:            \
    return #name;
#include "runtime/bytecode/opcodes.def"
#undef X
  }
  return "?";
}

const char* OpOperands(Op op) {
  switch (op) {
#define X(name, operands, doc) \
  case Op::k##name:            \
    return operands;
#include "runtime/bytecode/opcodes.def"
#undef X
  }
  return "";
}

}  // namespace incant::bc
