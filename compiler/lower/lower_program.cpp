// Program layout (data sets, columns, globals), the init function and rules.
#include "compiler/lower/lowerer.h"

namespace incant::lower {
namespace {

bc::FieldKind KindOf(Type t) {
  switch (t.kind) {
    case TypeKind::kInt:
      return bc::FieldKind::kInt;
    case TypeKind::kDecimal:
      return bc::FieldKind::kDecimal;
    case TypeKind::kMoney:
      return bc::FieldKind::kMoney;
    case TypeKind::kBool:
      return bc::FieldKind::kBool;
    case TypeKind::kDate:
      return bc::FieldKind::kDate;
    case TypeKind::kEnum:
      return bc::FieldKind::kEnum;
    case TypeKind::kRecord:
      return bc::FieldKind::kRef;
    default:
      return bc::FieldKind::kText;
  }
}

PeriodUnit UnitOf(ast::PeriodUnit u) {
  switch (u) {
    case ast::PeriodUnit::kMonth:
      return PeriodUnit::kMonth;
    case ast::PeriodUnit::kQuarter:
      return PeriodUnit::kQuarter;
    case ast::PeriodUnit::kYear:
      return PeriodUnit::kYear;
    default:
      return PeriodUnit::kProgram;
  }
}

}  // namespace

void Lowerer::LowerLayout() {
  out_.title = p_.title;
  out_.currency = p_.currency;
  out_.minor_digits = p_.minor_digits;
  out_.rounding = p_.rounding;
  out_.period_from = p_.period_from;
  out_.period_to = p_.period_to;
  for (const sema::EnumInfo& e : p_.enums) out_.enums.push_back(bc::EnumDesc{e.name, e.members});
  uint16_t column = 0;
  for (const sema::DataSetInfo& ds : p_.datasets) {
    bc::DataSetDesc d;
    d.name = ds.name;
    d.is_events = ds.is_events;
    d.date_field = ds.date_field;
    d.first_column = column;
    if (ds.record >= 0) {
      const sema::RecordInfo& rec = p_.records[static_cast<size_t>(ds.record)];
      d.record = rec.name;
      d.key_field = rec.key_field;
      for (const sema::FieldInfo& f : rec.fields) {
        const int target = f.type.kind == TypeKind::kRecord
                               ? p_.records[static_cast<size_t>(f.type.index)].dataset
                               : f.type.index;
        d.fields.push_back(bc::FieldDesc{f.name, KindOf(f.type), f.type.optional, target});
      }
    }
    column = static_cast<uint16_t>(column + d.fields.size());
    out_.datasets.push_back(std::move(d));
  }
  out_.num_columns = column;
  for (const sema::FundInfo& f : p_.funds) out_.funds.push_back(f.name);
  // Globals: params, then lets, then each rule's cap and budget.
  int g = 0;
  for (const sema::ParamInfo& prm : p_.params) {
    out_.params.push_back(bc::ParamDesc{prm.name, KindOf(prm.type), prm.type.index, g++});
  }
  first_let_global_ = g;
  for (size_t i = 0; i < p_.lets.size(); ++i) let_global_.push_back(g++);
  for (const sema::RuleInfo& r : p_.rules) {
    bc::RuleDesc rd;
    rd.name = r.name;
    rd.dataset = r.source;
    rd.every = UnitOf(r.decl->every);
    rd.effective_from = r.effective_from;
    rd.effective_to = r.effective_to;
    if (r.decl->cap) rd.cap_global = g++;
    if (r.decl->budget) rd.budget_global = g++;
    for (const sema::EffectInfo& e : r.effects) {
      rd.effects.push_back(bc::EffectDesc{static_cast<bc::EffectKind>(e.kind), e.fund,
                                          e.payee_dataset, e.ast->badge});
    }
    out_.rules.push_back(std::move(rd));
  }
  out_.num_globals = static_cast<uint16_t>(g);
}

void Lowerer::EmitLet(int index) {
  if (let_emitted_[static_cast<size_t>(index)]) return;
  let_emitted_[static_cast<size_t>(index)] = true;
  const sema::LetInfo& let = p_.lets[static_cast<size_t>(index)];
  const uint16_t v = Expr(let.decl->value);
  Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(let_global_[static_cast<size_t>(index)]), v, 0,
       let.decl->value);
}

void Lowerer::LowerInit() {
  out_.init.name = "init";
  fn_ = &out_.init;
  in_init_ = true;
  reg_consts_.clear();
  // Params set on the command line are already in their slots; the rest get their defaults.
  for (size_t i = 0; i < p_.params.size(); ++i) {
    const sema::ParamInfo& prm = p_.params[i];
    const uint16_t cur = NewReg();
    Emit(bc::Op::kLoadGlobal, cur, static_cast<uint16_t>(i), 0, prm.decl->value);
    const size_t skip = Emit(bc::Op::kJumpIfPresent, cur, 0, 0, prm.decl->value);
    const uint16_t v = ExprAs(prm.decl->value, prm.type);
    Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(i), v, 0, prm.decl->value);
    PatchJump(skip);
  }
  let_emitted_.assign(p_.lets.size(), false);
  for (size_t i = 0; i < p_.lets.size(); ++i) EmitLet(static_cast<int>(i));
  for (size_t i = 0; i < p_.rules.size(); ++i) {
    const ast::RuleDecl& d = *p_.rules[i].decl;
    if (d.cap) {
      Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(out_.rules[i].cap_global), Expr(d.cap), 0,
           d.cap);
    }
    if (d.budget) {
      Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(out_.rules[i].budget_global), Expr(d.budget),
           0, d.budget);
    }
  }
  Emit(bc::Op::kReturn, 0, 0, 0, nullptr);
  in_init_ = false;
}

void Lowerer::LowerRule(const sema::RuleInfo& rule) {
  bc::RuleDesc& rd = out_.rules[static_cast<size_t>(&rule - p_.rules.data())];
  rd.fn.name = "rule " + rule.name;
  fn_ = &rd.fn;
  fn_->num_regs = 1;  // reg 0: the event's row
  reg_consts_.clear();
  let_regs_.clear();
  const ast::RuleDecl& d = *rule.decl;
  for (const ast::RuleLet& l : d.lets) let_regs_.push_back(Expr(l.value));
  size_t skip = 0;
  const bool has_when = d.when != nullptr;
  if (has_when) skip = Emit(bc::Op::kJumpIfFalse, Expr(d.when), 0, 0, d.when);
  for (size_t i = 0; i < d.effects.size(); ++i) {
    const ast::Effect& e = d.effects[i];
    const uint16_t payee = Expr(e.payee);
    const uint16_t amount = e.amount != nullptr ? Expr(e.amount) : payee;
    Emit(bc::Op::kEmit, static_cast<uint16_t>(i), payee, amount,
         e.amount != nullptr ? e.amount : e.payee);
  }
  if (has_when) PatchJump(skip);
  Emit(bc::Op::kReturn, 0, 0, 0, nullptr);
}

void Lowerer::Run() {
  LowerLayout();
  LowerInit();
  for (const sema::RuleInfo& r : p_.rules) LowerRule(r);
}

}  // namespace incant::lower

namespace incant {

bc::Program Lower(const sema::CheckedProgram& checked, Sink& sink) {
  (void)sink;
  bc::Program out;
  lower::Lowerer(checked, out).Run();
  return out;
}

}  // namespace incant
