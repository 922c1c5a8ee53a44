#include "runtime/vm/vm.h"

#include <algorithm>

#include "runtime/value/checked_int.h"
#include "stdlib/builtins.h"

namespace incant::vm {
namespace {

using bc::Op;

// Cells at the width the opcode names (the verifier checked it is the column's).
Value LoadI32(const Column& col, int64_t row) {
  const int32_t v = static_cast<const int32_t*>(col.data)[row];
  return v == kAbsentI32 ? Value::Absent() : Value{v};
}
Value LoadI64(const Column& col, int64_t row) {
  const int64_t v = static_cast<const int64_t*>(col.data)[row];
  return v == kAbsentI64 ? Value::Absent() : Value{v};
}
Value LoadDec(const Column& col, int64_t row) {
  return Value{static_cast<const int128*>(col.data)[row]};  // absent is stored as absent
}

std::string AsciiCase(std::string_view s, bool upper) {
  std::string out(s);
  for (char& c : out) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

int64_t CodePoints(std::string_view s) {
  int64_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return n;
}

// Tier tables (brief §3). Thresholds and values sit in globals; thresholds of
// one table share a representation (Decimal or Date), so raw order is value order.
const Value* Thresholds(const Context& ctx, const bc::TierDesc& t) { return ctx.globals + t.base; }

int64_t TierIndex(const Context& ctx, const bc::TierDesc& t, Value x) {
  const Value* th = Thresholds(ctx, t);
  int64_t n = 0;
  while (n < t.size && th[n].raw <= x.raw) ++n;
  return n;
}

Value TierAt(const Context& ctx, const bc::TierDesc& t, Value x) {
  const int64_t i = TierIndex(ctx, t, x);
  // Below the first threshold: the value type's zero (raw 0 for Int and Decimal alike).
  if (i == 0) return Value{0};
  const Value v = ctx.globals[t.base + t.size + i - 1];  // stored as Decimal
  return t.value == bc::ValueKind::kInt ? Value::Int(static_cast<int64_t>(v.raw / Decimal::kOne))
                                        : v;
}

// Σ value_i × (the part of x inside bracket i); each product rounds half-even
// to 12 digits before the sum (a documented decision, docs/language.md).
ArithStatus TierMarginal(const Context& ctx, const bc::TierDesc& t, Value x, Value* out) {
  const Value* th = Thresholds(ctx, t);
  const Value* rate = ctx.globals + t.base + t.size;
  Decimal total;
  for (int i = 0; i < t.size && x.raw > th[i].raw; ++i) {
    const int128 top = i + 1 < t.size && th[i + 1].raw < x.raw ? th[i + 1].raw : x.raw;
    Decimal portion, part;
    ArithStatus st = Decimal::Sub(Decimal::FromRaw(top), th[i].AsDec(), &portion);
    if (st == ArithStatus::kOk) st = Decimal::Mul(portion, rate[i].AsDec(), &part);
    if (st == ArithStatus::kOk) st = Decimal::Add(total, part, &total);
    if (st != ArithStatus::kOk) return st;
  }
  *out = Value::Dec(total);
  return ArithStatus::kOk;
}

bool TiersIncrease(const Context& ctx, const bc::TierDesc& t) {
  const Value* th = Thresholds(ctx, t);
  for (int i = 1; i < t.size; ++i) {
    if (th[i].raw <= th[i - 1].raw) return false;
  }
  return true;
}

// One instruction that is not control flow (jumps and Return are the caller's:
// the interpreter's loop below, or the branches of jit/'s native code).
[[gnu::always_inline]] inline Outcome Exec(const bc::Instr& in, uint32_t pc, Value* r,
                                           const Context& ctx, Error* err) {
  const Value* k = ctx.program->constants.data();
  auto fail = [&](const char* message) {
    err->message = message;
    err->pc = pc;
    return Outcome::kError;
  };
#define ARITH(call)                                                    \
  do {                                                                 \
    const ArithStatus st_ = (call);                                    \
    if (st_ != ArithStatus::kOk) return fail(ArithStatusMessage(st_)); \
  } while (0)
  Value& a = r[in.a];
  switch (in.op) {
    case Op::kLoadK:
      a = k[in.b];
      break;
    case Op::kMove:
      a = r[in.b];
      break;
    case Op::kLoadGlobal:
      a = ctx.globals[in.b];
      break;
    case Op::kStoreGlobal:
      ctx.globals[in.a] = r[in.b];
      break;
    case Op::kFieldI32:
      a = LoadI32(ctx.columns[in.c], static_cast<int64_t>(r[in.b].raw));
      break;
    case Op::kFieldI64:
      a = LoadI64(ctx.columns[in.c], static_cast<int64_t>(r[in.b].raw));
      break;
    case Op::kFieldDec:
      a = LoadDec(ctx.columns[in.c], static_cast<int64_t>(r[in.b].raw));
      break;
    case Op::kAddInt: {
      int64_t out = 0;
      ARITH(AddInt(r[in.b].AsInt(), r[in.c].AsInt(), &out));
      a = Value::Int(out);
      break;
    }
    case Op::kSubInt: {
      int64_t out = 0;
      ARITH(SubInt(r[in.b].AsInt(), r[in.c].AsInt(), &out));
      a = Value::Int(out);
      break;
    }
    case Op::kMulInt: {
      int64_t out = 0;
      ARITH(MulInt(r[in.b].AsInt(), r[in.c].AsInt(), &out));
      a = Value::Int(out);
      break;
    }
    case Op::kNegInt: {
      int64_t out = 0;
      ARITH(NegInt(r[in.b].AsInt(), &out));
      a = Value::Int(out);
      break;
    }
    case Op::kIntToDec:
      a = Value::Dec(Decimal::FromInt(r[in.b].AsInt()));
      break;
    case Op::kAddDec: {
      Decimal out;
      ARITH(Decimal::Add(r[in.b].AsDec(), r[in.c].AsDec(), &out));
      a = Value::Dec(out);
      break;
    }
    case Op::kSubDec: {
      Decimal out;
      ARITH(Decimal::Sub(r[in.b].AsDec(), r[in.c].AsDec(), &out));
      a = Value::Dec(out);
      break;
    }
    case Op::kMulDec: {
      Decimal out;
      ARITH(Decimal::Mul(r[in.b].AsDec(), r[in.c].AsDec(), &out));
      a = Value::Dec(out);
      break;
    }
    case Op::kDivDec: {
      Decimal out;
      ARITH(Decimal::Div(r[in.b].AsDec(), r[in.c].AsDec(), &out));
      a = Value::Dec(out);
      break;
    }
    case Op::kNegDec:
      a = Value{-r[in.b].raw};
      break;
    case Op::kSubDate:
      a = Value::Int(int64_t{r[in.b].AsI32()} - r[in.c].AsI32());
      break;
    case Op::kEq:
      a = Value::Bool(r[in.b].raw == r[in.c].raw);
      break;
    case Op::kNe:
      a = Value::Bool(r[in.b].raw != r[in.c].raw);
      break;
    case Op::kLt:
      a = Value::Bool(r[in.b].raw < r[in.c].raw);
      break;
    case Op::kLe:
      a = Value::Bool(r[in.b].raw <= r[in.c].raw);
      break;
    case Op::kLtText:
      a = Value::Bool(ctx.texts->Get(static_cast<uint32_t>(r[in.b].raw)) <
                      ctx.texts->Get(static_cast<uint32_t>(r[in.c].raw)));
      break;
    case Op::kLeText:
      a = Value::Bool(ctx.texts->Get(static_cast<uint32_t>(r[in.b].raw)) <=
                      ctx.texts->Get(static_cast<uint32_t>(r[in.c].raw)));
      break;
    case Op::kNot:
      a = Value::Bool(!r[in.b].AsBool());
      break;
    case Op::kIsPresent:
      a = Value::Bool(!r[in.b].IsAbsent());
      break;
    case Op::kMin:
      a = r[in.c].raw < r[in.b].raw ? r[in.c] : r[in.b];
      break;
    case Op::kMax:
      a = r[in.c].raw > r[in.b].raw ? r[in.c] : r[in.b];
      break;
    case Op::kAbsInt: {
      int64_t out = r[in.b].AsInt();
      if (out < 0) ARITH(NegInt(out, &out));
      a = Value::Int(out);
      break;
    }
    case Op::kAbsDec:
      a = Value{r[in.b].raw < 0 ? -r[in.b].raw : r[in.b].raw};
      break;
    case Op::kRoundDec: {
      const int64_t digits = r[in.c].AsInt();
      if (digits < 0 || digits > Decimal::kScale) return fail("round() digits must be 0..12");
      a = Value::Dec(r[in.b].AsDec().Round(static_cast<int>(digits), ctx.program->rounding));
      break;
    }
    case Op::kFloorDecInt: {
      int64_t out = 0;
      ARITH(r[in.b].AsDec().FloorToInt(&out));
      a = Value::Int(out);
      break;
    }
    case Op::kCeilDecInt: {
      int64_t out = 0;
      ARITH(r[in.b].AsDec().CeilToInt(&out));
      a = Value::Int(out);
      break;
    }
    case Op::kFloorDec:
      a = Value::Dec(r[in.b].AsDec().Floor());
      break;
    case Op::kCeilDec:
      a = Value::Dec(r[in.b].AsDec().Ceil());
      break;
    case Op::kDatePart: {
      const CivilDate c = r[in.b].AsDate().ToCivil();
      const int parts[4] = {c.year, (c.month - 1) / 3 + 1, c.month, c.day};
      a = Value::Int(parts[in.c & 3U]);
      break;
    }
    case Op::kAddDays: {
      const int64_t d = int64_t{r[in.b].AsI32()} + r[in.c].AsInt();
      if (d < Date::FromCivil(1, 1, 1).days() || d > Date::FromCivil(9999, 12, 31).days()) {
        return fail("date out of range");
      }
      a = Value{d};
      break;
    }
    case Op::kTextOp: {
      const std::string_view s = ctx.texts->Get(static_cast<uint32_t>(r[in.b].raw));
      const auto id = static_cast<stdlib::Builtin>(in.c);
      if (id == stdlib::Builtin::kLen) {
        a = Value::Int(CodePoints(s));
      } else {
        a = Value{ctx.texts->Intern(AsciiCase(s, id == stdlib::Builtin::kUpper))};
      }
      break;
    }
    case Op::kTextTest: {
      const std::string_view s = ctx.texts->Get(static_cast<uint32_t>(r[in.b].raw));
      const std::string_view t = ctx.texts->Get(static_cast<uint32_t>(r[in.b + 1].raw));
      const auto id = static_cast<stdlib::Builtin>(in.c);
      const bool res = id == stdlib::Builtin::kStartsWith ? s.substr(0, t.size()) == t
                       : id == stdlib::Builtin::kEndsWith
                           ? (s.size() >= t.size() && s.substr(s.size() - t.size()) == t)
                           : s.find(t) != std::string_view::npos;
      a = Value::Bool(res);
      break;
    }
    case Op::kFundBalance:
      a = ctx.host->FundBalance(in.c, r[in.b]);
      break;
    case Op::kMetricAdd:
      if (!ctx.host->MetricAdd(in.a, r[in.b], r[in.c])) return Outcome::kStopped;
      break;
    case Op::kMetric:
      a = ctx.host->Metric(in.c, r[in.b]);
      break;
    case Op::kRank:
      a = ctx.host->Rank(in.c, r[in.b]);
      break;
    case Op::kTierAt:
      a = TierAt(ctx, ctx.program->tiers[in.c], r[in.b]);
      break;
    case Op::kTierIndex:
      a = Value::Int(TierIndex(ctx, ctx.program->tiers[in.c], r[in.b]));
      break;
    case Op::kTierMarginal:
      ARITH(TierMarginal(ctx, ctx.program->tiers[in.c], r[in.b], &a));
      break;
    case Op::kTierCheck:
      if (!TiersIncrease(ctx, ctx.program->tiers[in.a])) {
        return fail("tier thresholds do not strictly increase (check the params they use)");
      }
      break;
    case Op::kEmit:
      if (!ctx.host->Emit(in.a, r[in.b], r[in.c])) return Outcome::kStopped;
      break;
    case Op::kJump:
    case Op::kJumpIfFalse:
    case Op::kJumpIfTrue:
    case Op::kJumpIfAbsent:
    case Op::kJumpIfPresent:
    case Op::kReturn:
      break;
  }
  return Outcome::kOk;
#undef ARITH
}

}  // namespace

Outcome Run(const bc::Function& f, Value* r, const Context& ctx, Error* err) {
  const bc::Instr* code = f.code.data();
  for (uint32_t pc = 0;; ++pc) {
    const bc::Instr& in = code[pc];
    switch (in.op) {
      case Op::kJump:
        pc = in.a - 1U;
        break;
      case Op::kJumpIfFalse:
        if (!r[in.a].AsBool()) pc = in.b - 1U;
        break;
      case Op::kJumpIfTrue:
        if (r[in.a].AsBool()) pc = in.b - 1U;
        break;
      case Op::kJumpIfAbsent:
        if (r[in.a].IsAbsent()) pc = in.b - 1U;
        break;
      case Op::kJumpIfPresent:
        if (!r[in.a].IsAbsent()) pc = in.b - 1U;
        break;
      case Op::kReturn:
        return Outcome::kOk;
      default:
        if (const Outcome o = Exec(in, pc, r, ctx, err); o != Outcome::kOk) return o;
    }
  }
}

Outcome Step(const bc::Instr& in, uint32_t pc, Value* regs, const Context& ctx, Error* err) {
  return Exec(in, pc, regs, ctx, err);
}

}  // namespace incant::vm
