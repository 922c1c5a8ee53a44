// The bytecode verifier: the back ends trust what it accepts (registers,
// jump targets, column widths), so each rule it enforces is tested on a
// program tampered with after compiling.
#include "runtime/bytecode/verify.h"

#include <gtest/gtest.h>

#include "compiler/driver/compile.h"

namespace incant {
namespace {

const char* kProgram = R"(program "t" {
  currency USD
  period 2026-01-01 .. 2026-12-31
}
record P key id {
  id: Text
}
record S key id {
  id: Text
  p: P
  date: Date
  units: Int
  amount: Money
}
table ps: P
events ss: S
rule r {
  for s in ss
  when s.units > 2
  pay s.p 10% * s.amount
}
)";

bc::Program Compiled() {
  Sink sink;
  Compilation c = CompileText("verify_test.incant", kProgram, sink);
  EXPECT_EQ(sink.ErrorCount(), 0);
  return *c.program;
}

// The first instruction of rule r with opcode `op`.
bc::Instr& First(bc::Program& p, bc::Op op) {
  for (bc::Instr& in : p.rules[0].fn.code) {
    if (in.op == op) return in;
  }
  ADD_FAILURE() << "no " << bc::OpName(op);
  return p.rules[0].fn.code[0];
}

TEST(Verify, AcceptsWhatTheCompilerEmits) { EXPECT_EQ(bc::Verify(Compiled()), ""); }

TEST(Verify, RejectsAFieldLoadAtTheWrongWidth) {
  bc::Program p = Compiled();
  First(p, bc::Op::kFieldDec).op = bc::Op::kFieldI32;  // s.amount is an int128 column
  EXPECT_NE(bc::Verify(p).find("FieldI32 on a column of another width"), std::string::npos)
      << bc::Verify(p);
}

TEST(Verify, RejectsAJumpOutsideTheFunction) {
  bc::Program p = Compiled();
  First(p, bc::Op::kJumpIfFalse).b = static_cast<uint16_t>(p.rules[0].fn.code.size());
  EXPECT_NE(bc::Verify(p).find("out of range"), std::string::npos) << bc::Verify(p);
}

TEST(Verify, RejectsARegisterOutsideTheFrame) {
  bc::Program p = Compiled();
  First(p, bc::Op::kFieldI64).a = p.rules[0].fn.num_regs;
  EXPECT_NE(bc::Verify(p).find("operand out of range"), std::string::npos) << bc::Verify(p);
}

TEST(Verify, RejectsAFunctionThatDoesNotReturn) {
  bc::Program p = Compiled();
  p.rules[0].fn.code.back().op = bc::Op::kMove;
  EXPECT_NE(bc::Verify(p).find("does not end in Return"), std::string::npos) << bc::Verify(p);
}

}  // namespace
}  // namespace incant
