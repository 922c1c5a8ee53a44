// Expressions -> typed register code, with constant folding of literal subtrees.
#include "compiler/lower/lowerer.h"
#include "compiler/sema/literals.h"
#include "runtime/value/checked_int.h"
#include "stdlib/builtins.h"

namespace incant::lower {
namespace {

using ast::ExprKind;
using bc::Op;
using stdlib::Builtin;

bool IsDec(Type t) { return t.kind == TypeKind::kDecimal || t.kind == TypeKind::kMoney; }

}  // namespace

uint16_t Lowerer::NewReg() { return fn_->num_regs++; }

uint32_t Lowerer::Loc(const ast::Expr* at) {
  if (at == nullptr || at->span.file == nullptr) return 0;
  const auto key = std::make_pair(at->span.file, at->span.begin);
  if (const auto it = loc_ids_.find(key); it != loc_ids_.end()) return it->second;
  const LineCol lc = at->span.file->Locate(at->span.begin);
  const auto id = static_cast<uint32_t>(out_.locs.size());
  out_.locs.push_back(bc::SourceLoc{at->span.file->path(), lc.line, lc.column});
  loc_ids_[key] = id;
  return id;
}

size_t Lowerer::Emit(Op op, uint16_t a, uint16_t b, uint16_t c, const ast::Expr* at) {
  fn_->code.push_back(bc::Instr{op, 0, a, b, c});
  fn_->locs.push_back(Loc(at));
  if (op != Op::kLoadK) reg_consts_.erase(a);
  return fn_->code.size() - 1;
}

void Lowerer::PatchJump(size_t at_pc) {
  bc::Instr& in = fn_->code[at_pc];
  const auto target = static_cast<uint16_t>(fn_->code.size());
  if (in.op == Op::kJump) {
    in.a = target;
  } else {
    in.b = target;
  }
}

uint16_t Lowerer::Const(Value v, const ast::Expr* at) {
  const auto key = std::make_pair(static_cast<int64_t>(v.raw >> 64), static_cast<int64_t>(v.raw));
  uint16_t k = 0;
  if (const auto it = const_ids_.find(key); it != const_ids_.end()) {
    k = it->second;
  } else {
    k = static_cast<uint16_t>(out_.constants.size());
    out_.constants.push_back(v);
    const_ids_[key] = k;
  }
  const uint16_t r = NewReg();
  Emit(Op::kLoadK, r, k, 0, at);
  reg_consts_[r] = v;
  return r;
}

uint16_t Lowerer::TextConst(const std::string& s, const ast::Expr* at) {
  auto it = text_ids_.find(s);
  if (it == text_ids_.end()) {
    it = text_ids_.emplace(s, static_cast<uint16_t>(out_.texts.size())).first;
    out_.texts.push_back(s);
  }
  return Const(Value{it->second}, at);
}

std::optional<Value> Lowerer::ConstOf(uint16_t reg) const {
  const auto it = reg_consts_.find(reg);
  if (it == reg_consts_.end()) return std::nullopt;
  return it->second;
}

uint16_t Lowerer::Convert(uint16_t reg, Type from, Type to, const ast::Expr* at) {
  if (from.kind == TypeKind::kInt && IsDec(to)) {
    if (const auto c = ConstOf(reg); c && !c->IsAbsent())
      return Const(Value::Dec(Decimal::FromInt(c->AsInt())), at);
    const uint16_t r = NewReg();
    // An absent optional Int stays absent.
    Emit(Op::kMove, r, reg, 0, at);
    const size_t skip = Emit(Op::kJumpIfAbsent, r, 0, 0, at);
    Emit(Op::kIntToDec, r, reg, 0, at);
    PatchJump(skip);
    return r;
  }
  return reg;
}

uint16_t Lowerer::ExprAs(const ast::Expr* e, Type want) {
  return Convert(Expr(e), p_.TypeOf(e), want, e);
}

uint16_t Lowerer::Binary(const ast::Expr* e) {
  const Type ta = p_.TypeOf(e->kids[0]), tb = p_.TypeOf(e->kids[1]), tr = p_.TypeOf(e);
  uint16_t a = Expr(e->kids[0]);
  uint16_t b = Expr(e->kids[1]);
  if (ta.kind == TypeKind::kDate && tb.kind == TypeKind::kDate) {
    const uint16_t r = NewReg();
    Emit(Op::kSubDate, r, a, b, e);
    return r;
  }
  const bool dec = IsDec(tr) || e->op == ast::Op::kDiv || IsDec(ta) || IsDec(tb);
  if (dec) {
    a = Convert(a, ta, Type::Of(TypeKind::kDecimal), e->kids[0]);
    b = Convert(b, tb, Type::Of(TypeKind::kDecimal), e->kids[1]);
  }
  const auto ca = ConstOf(a), cb = ConstOf(b);
  if (ca && cb) {  // fold: same arithmetic as the VM; an error is left for run time
    ArithStatus st = ArithStatus::kOverflow;
    Value v;
    if (dec) {
      Decimal d;
      switch (e->op) {
        case ast::Op::kAdd:
          st = Decimal::Add(ca->AsDec(), cb->AsDec(), &d);
          break;
        case ast::Op::kSub:
          st = Decimal::Sub(ca->AsDec(), cb->AsDec(), &d);
          break;
        case ast::Op::kMul:
          st = Decimal::Mul(ca->AsDec(), cb->AsDec(), &d);
          break;
        case ast::Op::kDiv:
          st = Decimal::Div(ca->AsDec(), cb->AsDec(), &d);
          break;
        default:
          break;
      }
      v = Value::Dec(d);
    } else {
      int64_t n = 0;
      switch (e->op) {
        case ast::Op::kAdd:
          st = AddInt(ca->AsInt(), cb->AsInt(), &n);
          break;
        case ast::Op::kSub:
          st = SubInt(ca->AsInt(), cb->AsInt(), &n);
          break;
        case ast::Op::kMul:
          st = MulInt(ca->AsInt(), cb->AsInt(), &n);
          break;
        default:
          break;
      }
      v = Value::Int(n);
    }
    if (st == ArithStatus::kOk) return Const(v, e);
  }
  Op op = Op::kAddDec;
  switch (e->op) {
    case ast::Op::kAdd:
      op = dec ? Op::kAddDec : Op::kAddInt;
      break;
    case ast::Op::kSub:
      op = dec ? Op::kSubDec : Op::kSubInt;
      break;
    case ast::Op::kMul:
      op = dec ? Op::kMulDec : Op::kMulInt;
      break;
    default:
      op = Op::kDivDec;
      break;
  }
  const uint16_t r = NewReg();
  Emit(op, r, a, b, e);
  return r;
}

uint16_t Lowerer::Compare(const ast::Expr* e) {
  const Type ta = p_.TypeOf(e->kids[0]), tb = p_.TypeOf(e->kids[1]);
  uint16_t a = Expr(e->kids[0]), b = Expr(e->kids[1]);
  if (IsDec(ta) || IsDec(tb)) {
    a = Convert(a, ta, Type::Of(TypeKind::kDecimal), e->kids[0]);
    b = Convert(b, tb, Type::Of(TypeKind::kDecimal), e->kids[1]);
  }
  const bool text = ta.kind == TypeKind::kText;
  const uint16_t r = NewReg();
  switch (e->op) {
    case ast::Op::kEq:
      Emit(Op::kEq, r, a, b, e);
      break;
    case ast::Op::kNe:
      Emit(Op::kNe, r, a, b, e);
      break;
    case ast::Op::kLt:
      Emit(text ? Op::kLtText : Op::kLt, r, a, b, e);
      break;
    case ast::Op::kLe:
      Emit(text ? Op::kLeText : Op::kLe, r, a, b, e);
      break;
    case ast::Op::kGt:
      Emit(text ? Op::kLtText : Op::kLt, r, b, a, e);
      break;
    default:
      Emit(text ? Op::kLeText : Op::kLe, r, b, a, e);
      break;
  }
  return r;
}

uint16_t Lowerer::In(const ast::Expr* e) {
  const Type ts = p_.TypeOf(e->kids[0]);
  const uint16_t r = NewReg();
  std::vector<size_t> to_end;
  if (e->kind == ExprKind::kInList) {
    bool any_dec = IsDec(ts);
    for (size_t i = 1; i < e->kids.size(); ++i) any_dec |= IsDec(p_.TypeOf(e->kids[i]));
    const Type common = any_dec ? Type::Of(TypeKind::kDecimal) : ts;
    const uint16_t s = Convert(Expr(e->kids[0]), ts, common, e->kids[0]);
    const uint16_t f = Const(Value::Bool(false), e);
    Emit(Op::kMove, r, f, 0, e);
    for (size_t i = 1; i < e->kids.size(); ++i) {
      const uint16_t v = ExprAs(e->kids[i], common);
      Emit(Op::kEq, r, s, v, e->kids[i]);
      to_end.push_back(Emit(Op::kJumpIfTrue, r, 0, 0, e));
    }
  } else {
    const ast::Expr* lo = nullptr;
    const ast::Expr* hi = nullptr;
    if (e->kind == ExprKind::kInRange) {
      lo = e->kids[1];
      hi = e->kids[2];
    }
    bool any_dec = IsDec(ts) || (lo && IsDec(p_.TypeOf(lo))) || (hi && IsDec(p_.TypeOf(hi)));
    const Type common = any_dec ? Type::Of(TypeKind::kDecimal) : ts;
    const bool text = ts.kind == TypeKind::kText;
    const uint16_t s = Convert(Expr(e->kids[0]), ts, common, e->kids[0]);
    const uint16_t t = Const(Value::Bool(true), e);
    Emit(Op::kMove, r, t, 0, e);
    uint16_t lo_r = 0, hi_r = 0;
    bool has_lo = lo != nullptr, has_hi = hi != nullptr;
    if (e->kind == ExprKind::kInPeriod) {
      Date first, last;
      (void)sema::ParsePeriodLiteral(e->text, &first, &last);
      lo_r = Const(Value::Day(first), e);
      hi_r = Const(Value::Day(last), e);
      has_lo = has_hi = true;
    } else {
      if (lo) lo_r = ExprAs(lo, common);
      if (hi) hi_r = ExprAs(hi, common);
    }
    if (has_lo) {
      Emit(text ? Op::kLeText : Op::kLe, r, lo_r, s, e);
      to_end.push_back(Emit(Op::kJumpIfFalse, r, 0, 0, e));
    }
    if (has_hi) Emit(text ? Op::kLeText : Op::kLe, r, s, hi_r, e);
  }
  for (const size_t j : to_end) PatchJump(j);
  if (e->negated) Emit(Op::kNot, r, r, 0, e);
  return r;
}

uint16_t Lowerer::Case(const ast::Expr* e) {
  const Type result = p_.TypeOf(e);
  const Type ts = p_.TypeOf(e->kids[0]);
  bool any_dec = IsDec(ts);
  for (const ast::CaseArm& arm : e->arms) {
    for (const ast::Expr* pat : arm.patterns) any_dec |= IsDec(p_.TypeOf(pat));
  }
  const Type common = any_dec ? Type::Of(TypeKind::kDecimal) : ts;
  const uint16_t s = Convert(Expr(e->kids[0]), ts, common, e->kids[0]);
  const uint16_t r = NewReg();
  const uint16_t hit = NewReg();
  std::vector<size_t> to_end;
  for (const ast::CaseArm& arm : e->arms) {
    std::vector<size_t> to_body;
    size_t to_next = 0;
    bool has_next = false;
    if (!arm.patterns.empty()) {
      for (const ast::Expr* pat : arm.patterns) {
        const uint16_t v = ExprAs(pat, common);
        Emit(Op::kEq, hit, s, v, pat);
        to_body.push_back(Emit(Op::kJumpIfTrue, hit, 0, 0, pat));
      }
      to_next = Emit(Op::kJump, 0, 0, 0, e);
      has_next = true;
    }
    for (const size_t j : to_body) PatchJump(j);
    const uint16_t v = ExprAs(arm.body, result);
    Emit(Op::kMove, r, v, 0, arm.body);
    to_end.push_back(Emit(Op::kJump, 0, 0, 0, e));
    if (has_next) PatchJump(to_next);
  }
  for (const size_t j : to_end) PatchJump(j);
  return r;
}

uint16_t Lowerer::Builtin(const ast::Expr* e, int id) {
  const auto b = static_cast<stdlib::Builtin>(id);
  const Type tr = p_.TypeOf(e);
  const uint16_t r = NewReg();
  auto arg_type = [&](size_t i) { return p_.TypeOf(e->kids[i]); };
  switch (b) {
    case Builtin::kMin:
    case Builtin::kMax: {
      uint16_t acc = ExprAs(e->kids[0], tr);
      for (size_t i = 1; i < e->kids.size(); ++i) {
        const uint16_t v = ExprAs(e->kids[i], tr);
        const uint16_t next = NewReg();
        Emit(b == Builtin::kMin ? Op::kMin : Op::kMax, next, acc, v, e);
        acc = next;
      }
      return acc;
    }
    case Builtin::kAbs:
      Emit(IsDec(tr) ? Op::kAbsDec : Op::kAbsInt, r, Expr(e->kids[0]), 0, e);
      return r;
    case Builtin::kRound: {
      const uint16_t x = Expr(e->kids[0]);
      if (arg_type(0).kind == TypeKind::kInt) return x;
      Emit(Op::kRoundDec, r, x, Expr(e->kids[1]), e);
      return r;
    }
    case Builtin::kFloor:
    case Builtin::kCeil: {
      const uint16_t x = Expr(e->kids[0]);
      if (arg_type(0).kind == TypeKind::kInt) return x;
      const bool money = arg_type(0).kind == TypeKind::kMoney;
      Emit(b == Builtin::kFloor ? (money ? Op::kFloorDec : Op::kFloorDecInt)
                                : (money ? Op::kCeilDec : Op::kCeilDecInt),
           r, x, 0, e);
      return r;
    }
    case Builtin::kPresent:
      Emit(Op::kIsPresent, r, Expr(e->kids[0]), 0, e);
      return r;
    case Builtin::kYear:
      Emit(Op::kDatePart, r, Expr(e->kids[0]), 0, e);
      return r;
    case Builtin::kQuarter:
      Emit(Op::kDatePart, r, Expr(e->kids[0]), 1, e);
      return r;
    case Builtin::kMonth:
      Emit(Op::kDatePart, r, Expr(e->kids[0]), 2, e);
      return r;
    case Builtin::kDay:
      Emit(Op::kDatePart, r, Expr(e->kids[0]), 3, e);
      return r;
    case Builtin::kAddDays: {
      const uint16_t d = Expr(e->kids[0]);
      Emit(Op::kAddDays, r, d, Expr(e->kids[1]), e);
      return r;
    }
    case Builtin::kDaysBetween: {
      const uint16_t a = Expr(e->kids[0]);
      Emit(Op::kSubDate, r, Expr(e->kids[1]), a, e);
      return r;
    }
    case Builtin::kLower:
    case Builtin::kUpper:
    case Builtin::kLen:
      Emit(Op::kTextOp, r, Expr(e->kids[0]), static_cast<uint16_t>(id), e);
      return r;
    case Builtin::kStartsWith:
    case Builtin::kEndsWith:
    case Builtin::kContains: {
      // TextTest reads two consecutive registers.
      const uint16_t a = Expr(e->kids[0]);
      const uint16_t bb = Expr(e->kids[1]);
      const uint16_t pair = NewReg();
      NewReg();
      Emit(Op::kMove, pair, a, 0, e);
      Emit(Op::kMove, static_cast<uint16_t>(pair + 1), bb, 0, e);
      Emit(Op::kTextTest, r, pair, static_cast<uint16_t>(id), e);
      return r;
    }
  }
  return r;
}

uint16_t Lowerer::MetricCall(const ast::Expr* e, const sema::Ref& ref) {
  const sema::MetricInfo& m = p_.metrics[static_cast<size_t>(ref.index)];
  const uint16_t key = ExprAs(e->kids[0], m.key);
  const bc::MetricSite site{ref.index, static_cast<bc::Window>(ref.extra), site_unit_};
  uint16_t id = 0;
  while (id < out_.metric_sites.size() && !(out_.metric_sites[id].metric == site.metric &&
                                            out_.metric_sites[id].window == site.window &&
                                            out_.metric_sites[id].unit == site.unit)) {
    ++id;
  }
  if (id == out_.metric_sites.size()) out_.metric_sites.push_back(site);
  const uint16_t r = NewReg();
  Emit(Op::kMetric, r, key, id, e);
  return r;
}

uint16_t Lowerer::Method(const ast::Expr* e) {
  const sema::Ref ref = p_.RefOf(e);
  const uint16_t r = NewReg();
  if (ref.kind == sema::RefKind::kFund) {
    Emit(Op::kFundBalance, r, Expr(e->kids[1]), static_cast<uint16_t>(ref.index), e);
    return r;
  }
  if (ref.kind == sema::RefKind::kLeaderboard) {
    Emit(Op::kRank, r, Expr(e->kids[1]), static_cast<uint16_t>(ref.index), e);
    return r;
  }
  // Tier tables: numeric arguments are compared as Decimal (TierDesc).
  const auto t = static_cast<uint16_t>(ref.index);
  if (in_init_) EmitTier(ref.index);
  const bc::TierDesc& td = out_.tiers[t];
  auto arg = [&](size_t i) {
    const ast::Expr* x = e->kids[i];
    return td.date_thresholds ? Expr(x) : ExprAs(x, Type::Of(TypeKind::kDecimal));
  };
  if (e->text == "index") {
    Emit(Op::kTierIndex, r, arg(1), t, e);
  } else if (e->text == "at") {
    Emit(Op::kTierAt, r, arg(1), t, e);
  } else if (e->kids.size() == 2) {
    Emit(Op::kTierMarginal, r, arg(1), t, e);
  } else {  // T.marginal(a, b) = T.marginal(b) - T.marginal(a)
    const uint16_t lo = NewReg();
    Emit(Op::kTierMarginal, lo, arg(1), t, e);
    Emit(Op::kTierMarginal, r, arg(2), t, e);
    Emit(Op::kSubDec, r, r, lo, e);
  }
  return r;
}

uint16_t Lowerer::Call(const ast::Expr* e) {
  const sema::Ref ref = p_.RefOf(e);
  if (ref.kind == sema::RefKind::kBuiltin) return Builtin(e, ref.index);
  if (ref.kind == sema::RefKind::kMetric) return MetricCall(e, ref);
  const sema::FnInfo& fn = p_.fns[static_cast<size_t>(ref.index)];
  std::vector<uint16_t> args;
  for (size_t i = 0; i < e->kids.size(); ++i) args.push_back(ExprAs(e->kids[i], fn.params[i]));
  fn_frames_.push_back(std::move(args));
  const uint16_t r = ExprAs(fn.decl->body, fn.result);
  fn_frames_.pop_back();
  return r;
}

uint16_t Lowerer::Expr(const ast::Expr* e) {
  switch (e->kind) {
    case ExprKind::kIntLit: {
      int64_t v = 0;
      (void)sema::ParseIntLiteral(e->text, &v);
      return Const(Value::Int(v), e);
    }
    case ExprKind::kDecimalLit:
    case ExprKind::kPercentLit:
    case ExprKind::kMoneyLit: {
      Decimal d;
      (void)sema::ParseDecimalLiteral(e->text, e->kind == ExprKind::kPercentLit, &d);
      return Const(Value::Dec(d), e);
    }
    case ExprKind::kTextLit:
      return TextConst(e->text, e);
    case ExprKind::kBoolLit:
      return Const(Value::Bool(e->text == "true"), e);
    case ExprKind::kDateLit: {
      Date d;
      (void)Date::Parse(e->text, &d);
      return Const(Value::Day(d), e);
    }
    case ExprKind::kName: {
      const sema::Ref ref = p_.RefOf(e);
      switch (ref.kind) {
        case sema::RefKind::kRowVar:
          return 0;
        case sema::RefKind::kRuleLet:
          return let_regs_[static_cast<size_t>(ref.index)];
        case sema::RefKind::kFnParam:
          return fn_frames_.back()[static_cast<size_t>(ref.index)];
        case sema::RefKind::kEnumMember:
          return Const(Value{ref.index}, e);
        case sema::RefKind::kParam: {
          const uint16_t r = NewReg();
          Emit(Op::kLoadGlobal, r, static_cast<uint16_t>(ref.index), 0, e);
          return r;
        }
        case sema::RefKind::kLet: {
          if (in_init_) EmitLet(ref.index);
          const uint16_t r = NewReg();
          Emit(Op::kLoadGlobal, r,
               static_cast<uint16_t>(let_global_[static_cast<size_t>(ref.index)]), 0, e);
          return r;
        }
        default:
          return Const(Value::Absent(), e);
      }
    }
    case ExprKind::kField: {
      const sema::Ref ref = p_.RefOf(e);
      const sema::RecordInfo& rec = p_.records[static_cast<size_t>(ref.extra)];
      const bc::DataSetDesc& ds = out_.datasets[static_cast<size_t>(rec.dataset)];
      const uint16_t base = Expr(e->kids[0]);
      const bc::FieldDesc& f = ds.fields[static_cast<size_t>(ref.index)];
      const Op op = f.column_kind() == bc::ColumnKind::kI64   ? Op::kFieldI64
                    : f.column_kind() == bc::ColumnKind::kDec ? Op::kFieldDec
                                                              : Op::kFieldI32;
      const uint16_t r = NewReg();
      Emit(op, r, base, static_cast<uint16_t>(ds.first_column + ref.index), e);
      return r;
    }
    case ExprKind::kCall:
      return Call(e);
    case ExprKind::kMethod:
      return Method(e);
    case ExprKind::kNeg: {
      const Type t = p_.TypeOf(e);
      const uint16_t x = Expr(e->kids[0]);
      if (const auto c = ConstOf(x)) {
        if (IsDec(t)) return Const(Value{-c->raw}, e);
        int64_t n = 0;
        if (NegInt(c->AsInt(), &n) == ArithStatus::kOk) return Const(Value::Int(n), e);
      }
      const uint16_t r = NewReg();
      Emit(IsDec(t) ? Op::kNegDec : Op::kNegInt, r, x, 0, e);
      return r;
    }
    case ExprKind::kNot: {
      const uint16_t r = NewReg();
      Emit(Op::kNot, r, Expr(e->kids[0]), 0, e);
      return r;
    }
    case ExprKind::kAnd:
    case ExprKind::kOr: {
      const uint16_t r = NewReg();
      Emit(Op::kMove, r, Expr(e->kids[0]), 0, e);
      const size_t j =
          Emit(e->kind == ExprKind::kAnd ? Op::kJumpIfFalse : Op::kJumpIfTrue, r, 0, 0, e);
      Emit(Op::kMove, r, Expr(e->kids[1]), 0, e);
      PatchJump(j);
      return r;
    }
    case ExprKind::kBinary:
      return Binary(e);
    case ExprKind::kCompare:
      return Compare(e);
    case ExprKind::kInList:
    case ExprKind::kInRange:
    case ExprKind::kInPeriod:
      return In(e);
    case ExprKind::kCoalesce: {
      const Type tr = p_.TypeOf(e);
      const uint16_t r = NewReg();
      Emit(Op::kMove, r, ExprAs(e->kids[0], tr), 0, e);
      const size_t j = Emit(Op::kJumpIfPresent, r, 0, 0, e);
      Emit(Op::kMove, r, ExprAs(e->kids[1], tr), 0, e);
      PatchJump(j);
      return r;
    }
    case ExprKind::kIf: {
      const Type tr = p_.TypeOf(e);
      const uint16_t r = NewReg();
      const size_t to_else = Emit(Op::kJumpIfFalse, Expr(e->kids[0]), 0, 0, e);
      Emit(Op::kMove, r, ExprAs(e->kids[1], tr), 0, e);
      const size_t to_end = Emit(Op::kJump, 0, 0, 0, e);
      PatchJump(to_else);
      Emit(Op::kMove, r, ExprAs(e->kids[2], tr), 0, e);
      PatchJump(to_end);
      return r;
    }
    case ExprKind::kCase:
      return Case(e);
    case ExprKind::kList:
    case ExprKind::kError:
      break;
  }
  return Const(Value::Absent(), e);
}

}  // namespace incant::lower
