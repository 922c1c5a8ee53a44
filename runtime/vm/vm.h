#pragma once
// The interpreter: runs one Function over a register file. Typed opcodes, no
// dynamic type dispatch, no allocation (texts made by lower/upper excepted).
#include <cstdint>
#include <string>

#include "runtime/bytecode/program.h"
#include "runtime/value/text_pool.h"

namespace incant::vm {

// One loaded column, as the engine lays it out (see bytecode FieldDesc).
struct Column {
  bc::ColumnKind kind = bc::ColumnKind::kI32;
  const void* data = nullptr;
};
// Absent cells in typed columns.
inline constexpr int32_t kAbsentI32 = INT32_MIN;
inline constexpr int64_t kAbsentI64 = INT64_MIN;

// What the VM asks of the engine: effects, fund balances, metrics and ranks.
class Host {
 public:
  virtual ~Host() = default;
  // Returns false to stop the run (the engine has recorded why).
  virtual bool Emit(int effect, Value payee, Value amount) = 0;
  virtual Value FundBalance(int fund, Value payee) = 0;
  // Returns false on overflow (the engine has recorded why).
  virtual bool MetricAdd(int metric, Value key, Value value) = 0;
  virtual Value Metric(int site, Value key) = 0;
  virtual Value Rank(int leaderboard, Value row) = 0;
};

struct Context {
  const bc::Program* program = nullptr;
  Value* globals = nullptr;
  const Column* columns = nullptr;
  TextPool* texts = nullptr;
  Host* host = nullptr;
};

struct Error {
  std::string message;
  uint32_t pc = 0;
};

enum class Outcome : uint8_t { kOk, kError, kStopped };

// regs must hold f.num_regs values; regs[0] is the input row for rules.
[[nodiscard]] Outcome Run(const bc::Function& f, Value* regs, const Context& ctx, Error* err);

// Runs the one instruction `in` at `pc`, which must not be a jump or Return.
// Native code (jit/) calls it for every opcode it does not emit inline, so
// both back ends share one definition of what each opcode does.
[[nodiscard]] Outcome Step(const bc::Instr& in, uint32_t pc, Value* regs, const Context& ctx,
                           Error* err);

// A Function compiled to native code: same registers, same outcome (as an int).
using NativeFn = int32_t (*)(Value* regs, const Context* ctx, Error* err);

// Native code for a program's functions (jit/), or none of them.
class NativeCode {
 public:
  virtual ~NativeCode() = default;
  // nullptr: run `f` in the interpreter.
  [[nodiscard]] virtual NativeFn Find(const bc::Function& f) const = 0;
};

// `code`'s native function for `f`; nullptr when there is no native code.
[[nodiscard]] inline NativeFn FindNative(const NativeCode* code, const bc::Function& f) {
  return code != nullptr ? code->Find(f) : nullptr;
}

// Runs `f` natively when `native` is set, in the interpreter otherwise.
[[nodiscard]] inline Outcome Call(const bc::Function& f, NativeFn native, Value* regs,
                                  const Context& ctx, Error* err) {
  return native != nullptr ? static_cast<Outcome>(native(regs, &ctx, err)) : Run(f, regs, ctx, err);
}

}  // namespace incant::vm
