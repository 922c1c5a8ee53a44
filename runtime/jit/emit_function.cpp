#include "runtime/jit/emit_function.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>

#include <cstddef>
#include <vector>

#include "runtime/vm/vm.h"

namespace incant::jit {
namespace {

using bc::Op;

// The generated code reads vm::Context and vm::Column by byte offset.
constexpr uint64_t kGlobalsOffset = offsetof(vm::Context, globals);
constexpr uint64_t kColumnsOffset = offsetof(vm::Context, columns);
constexpr uint64_t kColumnDataOffset = offsetof(vm::Column, data);
static_assert(sizeof(vm::Column) == 16);
static_assert(sizeof(Value) == 16 && alignof(Value) == 16);
constexpr unsigned kValueAlign = 16;

// What the native code calls for an opcode it does not emit inline: the
// interpreter's own definition of that opcode (returns a vm::Outcome).
int32_t StepThunk(const bc::Instr* in, uint32_t pc, Value* regs, const vm::Context* ctx,
                  vm::Error* err) {
  return static_cast<int32_t>(vm::Step(*in, pc, regs, *ctx, err));
}

class Emitter {
 public:
  Emitter(const bc::Program& p, const bc::Function& f, llvm::Function* fn)
      : p_(p), f_(f), fn_(fn), b_(fn->getContext()), i128_(b_.getIntNTy(128)) {}

  void Emit() {
    llvm::LLVMContext& c = fn_->getContext();
    auto* entry = llvm::BasicBlock::Create(c, "entry", fn_);
    for (size_t pc = 0; pc < f_.code.size(); ++pc) {
      blocks_.push_back(llvm::BasicBlock::Create(c, "pc" + std::to_string(pc), fn_));
    }
    regs_ = fn_->getArg(0);
    ctx_ = fn_->getArg(1);
    err_ = fn_->getArg(2);
    b_.SetInsertPoint(entry);
    globals_ = b_.CreateLoad(i128_->getPointerTo(),
                             BytePtr(ctx_, kGlobalsOffset, i128_->getPointerTo()), "globals");
    columns_ = b_.CreateLoad(b_.getInt8PtrTy(), BytePtr(ctx_, kColumnsOffset, b_.getInt8PtrTy()),
                             "columns");
    b_.CreateBr(blocks_[0]);
    for (size_t pc = 0; pc < f_.code.size(); ++pc) {
      b_.SetInsertPoint(blocks_[pc]);
      EmitInstr(pc);
    }
  }

 private:
  // A pointer to a field at `offset` bytes into the struct at `base`, typed as `field*`.
  llvm::Value* BytePtr(llvm::Value* base, uint64_t offset, llvm::Type* field) {
    llvm::Value* at = b_.CreateConstGEP1_64(b_.getInt8Ty(), base, offset);
    return b_.CreateBitCast(at, field->getPointerTo());
  }
  llvm::Value* Slot(llvm::Value* array, uint64_t i) {
    return b_.CreateConstGEP1_64(i128_, array, i);
  }
  llvm::Value* Reg(uint16_t r) {
    return b_.CreateAlignedLoad(i128_, Slot(regs_, r), llvm::MaybeAlign(kValueAlign));
  }
  void SetReg(uint16_t r, llvm::Value* v) {
    b_.CreateAlignedStore(v, Slot(regs_, r), llvm::MaybeAlign(kValueAlign));
  }
  llvm::ConstantInt* Const(int128 v) {
    const auto u = static_cast<uint128>(v);
    const uint64_t words[2] = {static_cast<uint64_t>(u), static_cast<uint64_t>(u >> 64U)};
    return llvm::ConstantInt::get(fn_->getContext(), llvm::APInt(128, words));
  }
  llvm::BasicBlock* Next(size_t pc) { return blocks_[pc + 1]; }

  // Calls vm::Step for instruction pc: returns its outcome unless kOk, then
  // goes on to the next instruction.
  void EmitStep(size_t pc) {
    llvm::Type* i8p = b_.getInt8PtrTy();
    auto* type = llvm::FunctionType::get(
        b_.getInt32Ty(), {i8p, b_.getInt32Ty(), i128_->getPointerTo(), i8p, i8p}, false);
    llvm::Value* callee = b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uint64_t>(&StepThunk)),
                                            type->getPointerTo());
    llvm::Value* instr =
        b_.CreateIntToPtr(b_.getInt64(reinterpret_cast<uint64_t>(&f_.code[pc])), i8p);
    llvm::Value* out = b_.CreateCall(
        type, callee, {instr, b_.getInt32(static_cast<uint32_t>(pc)), regs_, ctx_, err_});
    auto* stop = llvm::BasicBlock::Create(fn_->getContext(), "stop", fn_);
    b_.CreateCondBr(b_.CreateICmpNE(out, b_.getInt32(0)), stop, Next(pc));
    b_.SetInsertPoint(stop);
    b_.CreateRet(out);
  }

  // Stores `value` into reg a unless `bad`, in which case vm::Step redoes the
  // instruction and reports the error its way.
  void StoreUnless(size_t pc, llvm::Value* bad, llvm::Value* value) {
    auto* fast = llvm::BasicBlock::Create(fn_->getContext(), "fast", fn_);
    auto* slow = llvm::BasicBlock::Create(fn_->getContext(), "slow", fn_);
    b_.CreateCondBr(bad, slow, fast);
    b_.SetInsertPoint(fast);
    SetReg(f_.code[pc].a, value);
    b_.CreateBr(Next(pc));
    b_.SetInsertPoint(slow);
    EmitStep(pc);
  }

  // Int + - *: the intrinsic's overflow bit sends the instruction to vm::Step.
  void EmitIntArith(size_t pc, llvm::Intrinsic::ID id) {
    const bc::Instr& in = f_.code[pc];
    llvm::Value* x = b_.CreateTrunc(Reg(in.b), b_.getInt64Ty());
    llvm::Value* y = b_.CreateTrunc(Reg(in.c), b_.getInt64Ty());
    llvm::Value* r = b_.CreateBinaryIntrinsic(id, x, y);
    StoreUnless(pc, b_.CreateExtractValue(r, 1), b_.CreateSExt(b_.CreateExtractValue(r, 0), i128_));
  }

  // Decimal + -: operands are below 10^36, so the int128 result is exact and
  // only its range needs a check (Decimal::Add).
  void EmitDecArith(size_t pc, bool add) {
    const bc::Instr& in = f_.code[pc];
    llvm::Value* r = add ? b_.CreateAdd(Reg(in.b), Reg(in.c)) : b_.CreateSub(Reg(in.b), Reg(in.c));
    llvm::Value* limit = Const(Decimal::kRawLimit);
    llvm::Value* bad =
        b_.CreateOr(b_.CreateICmpSGE(r, limit), b_.CreateICmpSLE(r, b_.CreateNeg(limit)));
    StoreUnless(pc, bad, r);
  }

  void EmitCompare(size_t pc, llvm::CmpInst::Predicate pred) {
    const bc::Instr& in = f_.code[pc];
    SetReg(in.a, b_.CreateZExt(b_.CreateICmp(pred, Reg(in.b), Reg(in.c)), i128_));
    b_.CreateBr(Next(pc));
  }

  // Cell `row` of column c: typed load, absent sentinel widened to Value's.
  void EmitField(size_t pc, llvm::Type* cell, int128 absent_cell) {
    const bc::Instr& in = f_.code[pc];
    llvm::Value* data = b_.CreateLoad(
        b_.getInt8PtrTy(),
        BytePtr(columns_, in.c * sizeof(vm::Column) + kColumnDataOffset, b_.getInt8PtrTy()));
    llvm::Value* row = b_.CreateTrunc(Reg(in.b), b_.getInt64Ty());
    llvm::Value* at = b_.CreateGEP(cell, b_.CreateBitCast(data, cell->getPointerTo()), row);
    llvm::Value* v = b_.CreateLoad(cell, at);
    if (cell == i128_) {
      SetReg(in.a, v);  // Decimal columns store absent as Value's sentinel
    } else {
      llvm::Value* absent = b_.CreateICmpEQ(
          v, llvm::ConstantInt::get(cell, static_cast<uint64_t>(absent_cell), true));
      SetReg(in.a, b_.CreateSelect(absent, Const(Value::kAbsentRaw), b_.CreateSExt(v, i128_)));
    }
    b_.CreateBr(Next(pc));
  }

  void EmitBranch(size_t pc, llvm::Value* taken) {
    b_.CreateCondBr(taken, blocks_[f_.code[pc].b], Next(pc));
  }

  void EmitInstr(size_t pc) {
    const bc::Instr& in = f_.code[pc];
    switch (in.op) {
      case Op::kLoadK:
        SetReg(in.a, Const(p_.constants[in.b].raw));
        break;
      case Op::kMove:
        SetReg(in.a, Reg(in.b));
        break;
      case Op::kLoadGlobal:
        SetReg(in.a,
               b_.CreateAlignedLoad(i128_, Slot(globals_, in.b), llvm::MaybeAlign(kValueAlign)));
        break;
      case Op::kFieldI32:
        EmitField(pc, b_.getInt32Ty(), vm::kAbsentI32);
        return;
      case Op::kFieldI64:
        EmitField(pc, b_.getInt64Ty(), vm::kAbsentI64);
        return;
      case Op::kFieldDec:
        EmitField(pc, i128_, 0);
        return;
      case Op::kAddInt:
        EmitIntArith(pc, llvm::Intrinsic::sadd_with_overflow);
        return;
      case Op::kSubInt:
        EmitIntArith(pc, llvm::Intrinsic::ssub_with_overflow);
        return;
      case Op::kMulInt:
        EmitIntArith(pc, llvm::Intrinsic::smul_with_overflow);
        return;
      case Op::kAddDec:
        EmitDecArith(pc, true);
        return;
      case Op::kSubDec:
        EmitDecArith(pc, false);
        return;
      case Op::kEq:
        EmitCompare(pc, llvm::CmpInst::ICMP_EQ);
        return;
      case Op::kNe:
        EmitCompare(pc, llvm::CmpInst::ICMP_NE);
        return;
      case Op::kLt:
        EmitCompare(pc, llvm::CmpInst::ICMP_SLT);
        return;
      case Op::kLe:
        EmitCompare(pc, llvm::CmpInst::ICMP_SLE);
        return;
      case Op::kNot:
        SetReg(in.a, b_.CreateZExt(b_.CreateICmpEQ(Reg(in.b), Const(0)), i128_));
        break;
      case Op::kIsPresent:
        SetReg(in.a, b_.CreateZExt(b_.CreateICmpNE(Reg(in.b), Const(Value::kAbsentRaw)), i128_));
        break;
      case Op::kMin:
      case Op::kMax: {
        llvm::Value* x = Reg(in.b);
        llvm::Value* y = Reg(in.c);
        llvm::Value* take_y = in.op == Op::kMin ? b_.CreateICmpSLT(y, x) : b_.CreateICmpSGT(y, x);
        SetReg(in.a, b_.CreateSelect(take_y, y, x));
        break;
      }
      case Op::kJump:
        b_.CreateBr(blocks_[in.a]);
        return;
      case Op::kJumpIfFalse:
        EmitBranch(pc, b_.CreateICmpEQ(Reg(in.a), Const(0)));
        return;
      case Op::kJumpIfTrue:
        EmitBranch(pc, b_.CreateICmpNE(Reg(in.a), Const(0)));
        return;
      case Op::kJumpIfAbsent:
        EmitBranch(pc, b_.CreateICmpEQ(Reg(in.a), Const(Value::kAbsentRaw)));
        return;
      case Op::kJumpIfPresent:
        EmitBranch(pc, b_.CreateICmpNE(Reg(in.a), Const(Value::kAbsentRaw)));
        return;
      case Op::kReturn:
        b_.CreateRet(b_.getInt32(static_cast<int32_t>(vm::Outcome::kOk)));
        return;
      default:
        EmitStep(pc);
        return;
    }
    b_.CreateBr(Next(pc));
  }

  const bc::Program& p_;
  const bc::Function& f_;
  llvm::Function* fn_;
  llvm::IRBuilder<> b_;
  llvm::IntegerType* i128_;
  std::vector<llvm::BasicBlock*> blocks_;
  llvm::Value* regs_ = nullptr;
  llvm::Value* ctx_ = nullptr;
  llvm::Value* err_ = nullptr;
  llvm::Value* globals_ = nullptr;
  llvm::Value* columns_ = nullptr;
};

}  // namespace

void EmitFunction(const bc::Program& p, const bc::Function& f, const std::string& name,
                  llvm::Module& m) {
  llvm::LLVMContext& c = m.getContext();
  llvm::Type* i8p = llvm::Type::getInt8PtrTy(c);
  auto* type = llvm::FunctionType::get(
      llvm::Type::getInt32Ty(c), {llvm::Type::getIntNTy(c, 128)->getPointerTo(), i8p, i8p}, false);
  auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, m);
  Emitter(p, f, fn).Emit();
}

}  // namespace incant::jit
