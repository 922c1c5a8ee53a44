#pragma once
// One bytecode Function as one LLVM IR function:
//   i32 NAME(i128* regs, i8* ctx, i8* err)   (vm::NativeFn)
// Each instruction becomes a basic block and jumps become branches, so there
// is no dispatch; plain register, field, integer and compare opcodes are
// emitted inline, the rest call vm::Step. A fast path that meets an error
// (overflow) hands the instruction to vm::Step too, which reports it exactly
// as the interpreter would.
#include <string>

#include "runtime/bytecode/program.h"

namespace llvm {
class Module;
}  // namespace llvm

namespace incant::jit {

void EmitFunction(const bc::Program& p, const bc::Function& f, const std::string& name,
                  llvm::Module& m);

}  // namespace incant::jit
