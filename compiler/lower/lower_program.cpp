// Program layout (data sets, columns, globals), the init function and rules.
#include "compiler/lower/lowerer.h"
#include "compiler/sema/literals.h"

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

bc::ValueKind ValueKindOf(Type t) {
  switch (t.kind) {
    case TypeKind::kInt:
      return bc::ValueKind::kInt;
    case TypeKind::kDate:
      return bc::ValueKind::kDate;
    case TypeKind::kText:
      return bc::ValueKind::kText;
    default:
      return bc::ValueKind::kDec;
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
    rd.period_rule = r.period_rule;
    rd.at_start = r.decl->at_start;
    out_.rules.push_back(std::move(rd));
  }
  for (const sema::TiersInfo& t : p_.tiers) {
    bc::TierDesc td;
    td.name = t.name;
    td.base = g;
    td.size = static_cast<int>(t.decl->entries.size());
    td.date_thresholds = t.threshold.kind == TypeKind::kDate;
    td.value = ValueKindOf(t.value);
    g += 2 * td.size;
    out_.tiers.push_back(std::move(td));
  }
  for (const sema::MetricInfo& m : p_.metrics) {
    bc::MetricDesc md;
    md.name = m.name;
    md.aggregate = static_cast<bc::Aggregate>(m.aggregate);
    md.value = m.aggregate == sema::Aggregate::kCount || m.decl->arg == nullptr
                   ? bc::ValueKind::kInt
                   : ValueKindOf(p_.TypeOf(m.decl->arg));
    md.dataset = m.source;
    md.key_dataset =
        m.key.kind == TypeKind::kRecord ? p_.records[static_cast<size_t>(m.key.index)].dataset : -1;
    out_.metrics.push_back(std::move(md));
  }
  for (const sema::LeaderboardInfo& lb : p_.leaderboards) {
    bc::LeaderboardDesc ld;
    ld.name = lb.name;
    ld.dataset = lb.source;
    ld.every = UnitOf(lb.decl->every);
    ld.ascending = lb.decl->ascending;
    ld.top = lb.top;
    ld.score = KindOf(lb.score);
    out_.leaderboards.push_back(std::move(ld));
  }
  if (g > UINT16_MAX) g = UINT16_MAX;  // the verifier reports programs this large
  out_.num_globals = static_cast<uint16_t>(g);
}

void Lowerer::EmitDeps(const ast::Expr* e) {
  // The lets and tier tables an init expression reads are stored before it is
  // evaluated: emitted inside it, they could land in a branch that never runs.
  if (e == nullptr) return;
  const sema::Ref ref = p_.RefOf(e);
  if (ref.kind == sema::RefKind::kLet && e->kind == ast::ExprKind::kName) EmitLet(ref.index);
  if (ref.kind == sema::RefKind::kTiers && e->kind == ast::ExprKind::kMethod) EmitTier(ref.index);
  if (ref.kind == sema::RefKind::kFn && e->kind == ast::ExprKind::kCall) {
    EmitDeps(p_.fns[static_cast<size_t>(ref.index)].decl->body);
  }
  for (const ast::Expr* k : e->kids) EmitDeps(k);
}

void Lowerer::EmitLet(int index) {
  if (let_emitted_[static_cast<size_t>(index)]) return;
  let_emitted_[static_cast<size_t>(index)] = true;
  const sema::LetInfo& let = p_.lets[static_cast<size_t>(index)];
  EmitDeps(let.decl->value);
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
  let_emitted_.assign(p_.lets.size(), false);
  tier_emitted_.assign(p_.tiers.size(), false);
  for (size_t i = 0; i < p_.params.size(); ++i) {
    const sema::ParamInfo& prm = p_.params[i];
    EmitDeps(prm.decl->value);
    const uint16_t cur = NewReg();
    Emit(bc::Op::kLoadGlobal, cur, static_cast<uint16_t>(i), 0, prm.decl->value);
    const size_t skip = Emit(bc::Op::kJumpIfPresent, cur, 0, 0, prm.decl->value);
    const uint16_t v = ExprAs(prm.decl->value, prm.type);
    Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(i), v, 0, prm.decl->value);
    PatchJump(skip);
  }
  for (size_t i = 0; i < p_.lets.size(); ++i) EmitLet(static_cast<int>(i));
  for (size_t i = 0; i < p_.rules.size(); ++i) {
    const ast::RuleDecl& d = *p_.rules[i].decl;
    EmitDeps(d.cap);
    EmitDeps(d.budget);
    if (d.cap) {
      Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(out_.rules[i].cap_global), Expr(d.cap), 0,
           d.cap);
    }
    if (d.budget) {
      Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(out_.rules[i].budget_global), Expr(d.budget),
           0, d.budget);
    }
  }
  for (size_t i = 0; i < p_.tiers.size(); ++i) EmitTier(static_cast<int>(i));
  Emit(bc::Op::kReturn, 0, 0, 0, nullptr);
  in_init_ = false;
}

void Lowerer::EmitTier(int index) {
  // Like lets, on first use: a let or cap may read a table whose entries read params or lets.
  if (tier_emitted_[static_cast<size_t>(index)]) return;
  tier_emitted_[static_cast<size_t>(index)] = true;
  const sema::TiersInfo& info = p_.tiers[static_cast<size_t>(index)];
  const bc::TierDesc& td = out_.tiers[static_cast<size_t>(index)];
  for (const ast::TierEntry& entry : info.decl->entries) {
    EmitDeps(entry.threshold);
    EmitDeps(entry.value);
  }
  const Type dec = Type::Of(TypeKind::kDecimal);
  for (size_t i = 0; i < info.decl->entries.size(); ++i) {
    const ast::TierEntry& entry = info.decl->entries[i];
    const uint16_t th = td.date_thresholds ? Expr(entry.threshold) : ExprAs(entry.threshold, dec);
    Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(td.base + static_cast<int>(i)), th, 0,
         entry.threshold);
    Emit(bc::Op::kStoreGlobal, static_cast<uint16_t>(td.base + td.size + static_cast<int>(i)),
         ExprAs(entry.value, dec), 0, entry.value);
  }
  if (td.size > 0) {
    Emit(bc::Op::kTierCheck, static_cast<uint16_t>(index), 0, 0, info.decl->entries[0].threshold);
  }
}

void Lowerer::StartFunction(bc::Function& f, std::string name) {
  f.name = std::move(name);
  fn_ = &f;
  fn_->num_regs = 1;  // reg 0: the row
  reg_consts_.clear();
  let_regs_.clear();
}

void Lowerer::LowerMetric(const sema::MetricInfo& m, bc::MetricDesc& out) {
  StartFunction(out.feed, "metric " + m.name);
  const ast::MetricDecl& d = *m.decl;
  size_t skip_where = 0;
  if (d.where) skip_where = Emit(bc::Op::kJumpIfFalse, Expr(d.where), 0, 0, d.where);
  const uint16_t key = Expr(d.by);
  const size_t skip_key = Emit(bc::Op::kJumpIfAbsent, key, 0, 0, d.by);
  const uint16_t value = d.arg != nullptr ? Expr(d.arg) : key;
  Emit(bc::Op::kMetricAdd, static_cast<uint16_t>(&m - p_.metrics.data()), key, value,
       d.arg != nullptr ? d.arg : d.by);
  PatchJump(skip_key);
  if (d.where) PatchJump(skip_where);
  Emit(bc::Op::kReturn, 0, 0, 0, nullptr);
}

void Lowerer::LowerLeaderboard(const sema::LeaderboardInfo& lb, bc::LeaderboardDesc& out) {
  StartFunction(out.fn, "leaderboard " + lb.name);
  site_unit_ = out.every;
  const ast::LeaderboardDecl& d = *lb.decl;
  const uint16_t score = NewReg();  // reg 1: the score, absent unless the row is ranked
  const uint16_t absent = Const(Value::Absent(), d.rank_by);
  Emit(bc::Op::kMove, score, absent, 0, d.rank_by);
  size_t skip = 0;
  if (d.where) skip = Emit(bc::Op::kJumpIfFalse, Expr(d.where), 0, 0, d.where);
  Emit(bc::Op::kMove, score, Expr(d.rank_by), 0, d.rank_by);
  if (d.where) PatchJump(skip);
  Emit(bc::Op::kReturn, 0, 0, 0, nullptr);
}

void Lowerer::LowerRule(const sema::RuleInfo& rule) {
  bc::RuleDesc& rd = out_.rules[static_cast<size_t>(&rule - p_.rules.data())];
  StartFunction(rd.fn, "rule " + rule.name);
  site_unit_ = rd.every;
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

void Lowerer::LowerTests() {
  for (const sema::TestInfo& t : p_.tests) {
    bc::TestDesc td;
    td.name = t.name;
    td.path = t.decl->span.file != nullptr ? t.decl->span.file->path() : "";
    td.line = static_cast<uint32_t>(sema::CheckedProgram::LineOf(t.decl->span));
    for (const sema::TestTableInfo& table : t.tables) {
      bc::TestTableDesc tt;
      tt.dataset = table.dataset;
      tt.fields = table.fields;
      for (size_t r = 0; r < table.rows.size(); ++r) {
        std::vector<std::optional<std::string>> cells;
        for (const sema::TestCellInfo& c : table.rows[r]) {
          cells.push_back(c.absent ? std::nullopt : std::optional<std::string>(c.text));
        }
        tt.rows.push_back(std::move(cells));
        tt.lines.push_back(static_cast<uint32_t>(table.row_lines[r]));
      }
      td.tables.push_back(std::move(tt));
    }
    for (const auto& [param, text] : t.params) {
      td.params.emplace_back(p_.params[static_cast<size_t>(param)].name, text);
    }
    for (const sema::ExpectInfo& ex : t.expects) {
      bc::ExpectDesc ed;
      ed.kind = static_cast<bc::ExpectKind>(ex.kind);
      ed.index = ex.index;
      ed.key = ex.key.text;
      if (!ex.period.empty()) {
        Date first, last;
        if (sema::ParsePeriodLiteral(ex.period, &first, &last)) {
          ed.unit =
              ex.period.find('Q') != std::string::npos ? PeriodUnit::kQuarter : PeriodUnit::kMonth;
          ed.period = PeriodIndex(ed.unit, first);
        } else {
          ed.unit = PeriodUnit::kYear;
          ed.period = std::stoi(ex.period);
        }
      }
      if (!ex.value.absent) ed.value = ex.value.text;
      ed.value_kind = KindOf(ex.value_type);
      ed.line = static_cast<uint32_t>(ex.line);
      if (t.decl->span.file != nullptr) {
        std::string_view src = t.decl->span.file->LineText(ex.line);
        while (!src.empty() && (src.front() == ' ' || src.front() == '\t')) src.remove_prefix(1);
        ed.source = std::string(src);
      }
      td.expects.push_back(std::move(ed));
    }
    out_.tests.push_back(std::move(td));
  }
}

void Lowerer::Run() {
  LowerLayout();
  LowerInit();
  for (const sema::RuleInfo& r : p_.rules) LowerRule(r);
  for (size_t i = 0; i < p_.metrics.size(); ++i) LowerMetric(p_.metrics[i], out_.metrics[i]);
  for (size_t i = 0; i < p_.leaderboards.size(); ++i) {
    LowerLeaderboard(p_.leaderboards[i], out_.leaderboards[i]);
  }
  LowerTests();
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
