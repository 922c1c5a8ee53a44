// Test blocks (brief §6): input tables, params and expectations, checked at
// their spans so a broken test is a compile error, never a silent pass.
#include <fmt/format.h>

#include "compiler/sema/checker.h"
#include "compiler/sema/literals.h"

namespace incant::sema {
namespace {

using ast::ExprKind;

// `2026-Q4`, `2026-10` or `2026`.
bool ValidPeriod(const std::string& text) {
  Date first, last;
  if (ParsePeriodLiteral(text, &first, &last)) return true;
  if (text.size() != 4) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool Checker::CheckCell(const ast::TestCell& cell, Type want, TestCellInfo* out, const char* what) {
  if (want.IsError()) return false;
  if (cell.kind == ast::TestCell::Kind::kAbsent) {
    if (!want.optional) {
      sink_.Report(DiagKind::kTestTable, cell.span,
                   fmt::format("{} is `{}`, which cannot be absent", what, TypeName(want)),
                   "`_` is only for optional (`T?`) values");
      return false;
    }
    out->absent = true;
    return true;
  }
  // A reference cell holds the referenced row's key.
  if (want.kind == TypeKind::kRecord) {
    const RecordInfo& rec = p_.records[static_cast<size_t>(want.index)];
    want = rec.fields[static_cast<size_t>(rec.key_field)].type;
  }
  if (cell.kind == ast::TestCell::Kind::kName) {
    const auto it = enum_members_.find(cell.name.text);
    if (want.kind == TypeKind::kEnum && it != enum_members_.end() &&
        it->second.first == want.index) {
      out->text = cell.name.text;
      return true;
    }
    sink_.Report(
        DiagKind::kTestTable, cell.span,
        fmt::format("{} needs a `{}` literal, not `{}`", what, TypeName(want.Required()),
                    cell.name.text),
        want.kind == TypeKind::kEnum
            ? fmt::format("the members of `{}` are: {}", TypeName(want.Required()),
                          fmt::join(p_.enums[static_cast<size_t>(want.index)].members, ", "))
            : "");
    return false;
  }
  const ast::Expr* lit = cell.literal;
  const bool neg = lit->kind == ExprKind::kNeg;
  if (neg) lit = lit->kids[0];
  const Type got = CheckLiteral(lit);
  if (got.IsError()) return false;
  p_.types[lit] = got;
  const bool numeric_ok =
      (want.kind == TypeKind::kDecimal && got.IsNumeric()) || (want.kind == got.kind);
  if (!numeric_ok || (neg && !(got.IsNumeric() || got.kind == TypeKind::kMoney))) {
    sink_.Report(DiagKind::kTestTable, cell.span,
                 fmt::format("{} needs a `{}` literal; this one is `{}`", what,
                             TypeName(want.Required()), TypeName(got)),
                 want.kind == TypeKind::kMoney ? fmt::format("write an amount with its currency, "
                                                             "such as `1500.00 {}`",
                                                             p_.currency)
                                               : "");
    return false;
  }
  switch (lit->kind) {
    case ExprKind::kIntLit: {
      int64_t v = 0;
      (void)ParseIntLiteral(lit->text, &v);
      out->text = std::to_string(neg ? -v : v);
      break;
    }
    case ExprKind::kDecimalLit:
    case ExprKind::kPercentLit:
    case ExprKind::kMoneyLit: {
      Decimal d;
      (void)ParseDecimalLiteral(lit->text, lit->kind == ExprKind::kPercentLit, &d);
      if (neg) (void)Decimal::Neg(d, &d);
      out->text = d.ToString();
      break;
    }
    default:  // Text, Date, Bool: their literal text is the input text
      out->text = lit->text;
      break;
  }
  return true;
}

void Checker::CheckTest(TestInfo& t) {
  const ast::TestDecl& d = *t.decl;
  std::vector<bool> seen(p_.datasets.size(), false);
  for (const ast::TestTable& table : d.tables) {
    TestTableInfo info;
    info.dataset = p_.DataSetIndex(table.name.text);
    if (info.dataset < 0) {
      std::vector<std::string> pool;
      for (const DataSetInfo& ds : p_.datasets) pool.push_back(ds.name);
      sink_.Report(DiagKind::kTestTable, table.name.span,
                   fmt::format("`{}` is not a table or events declaration", table.name.text),
                   Suggest(table.name.text, pool));
      continue;
    }
    if (seen[static_cast<size_t>(info.dataset)]) {
      sink_.Report(DiagKind::kTestTable, table.name.span,
                   fmt::format("`{}` is given twice in this test", table.name.text));
      continue;
    }
    seen[static_cast<size_t>(info.dataset)] = true;
    const DataSetInfo& ds = p_.datasets[static_cast<size_t>(info.dataset)];
    if (ds.record < 0) continue;
    const RecordInfo& rec = p_.records[static_cast<size_t>(ds.record)];
    bool header_ok = true;
    std::vector<bool> has(rec.fields.size(), false);
    for (const ast::Name& h : table.header) {
      const int f = rec.FieldIndex(h.text);
      if (f < 0) {
        std::vector<std::string> pool;
        for (const FieldInfo& fi : rec.fields) pool.push_back(fi.name);
        sink_.Report(DiagKind::kTestTable, h.span,
                     fmt::format("record `{}` has no field `{}`", rec.name, h.text),
                     Suggest(h.text, pool));
        header_ok = false;
      } else if (has[static_cast<size_t>(f)]) {
        sink_.Report(DiagKind::kTestTable, h.span,
                     fmt::format("column `{}` appears twice", h.text));
        header_ok = false;
      } else {
        has[static_cast<size_t>(f)] = true;
      }
      info.fields.push_back(f);
    }
    for (size_t f = 0; f < rec.fields.size(); ++f) {
      if (!has[f] && !rec.fields[f].type.optional && header_ok) {
        sink_.Report(DiagKind::kTestTable, table.name.span,
                     fmt::format("test table `{}` lacks the column `{}`", table.name.text,
                                 rec.fields[f].name),
                     "only optional fields may be left out (they are absent)");
        header_ok = false;
      }
    }
    if (!header_ok) continue;
    for (const auto& row : table.rows) {
      if (row.size() != table.header.size()) continue;  // reported by the parser
      std::vector<TestCellInfo> cells(row.size());
      for (size_t c = 0; c < row.size(); ++c) {
        const FieldInfo& fi = rec.fields[static_cast<size_t>(info.fields[c])];
        const std::string what = fmt::format("column `{}`", fi.name);
        (void)CheckCell(row[c], fi.type, &cells[c], what.c_str());
      }
      info.rows.push_back(std::move(cells));
      info.row_lines.push_back(row.empty() ? 0 : p_.LineOf(row[0].span));
    }
    t.tables.push_back(std::move(info));
  }
  for (const auto& [name, cell] : d.params) {
    const Symbol* sym = Lookup(name.text);
    if (sym == nullptr || sym->kind != RefKind::kParam) {
      std::vector<std::string> pool;
      for (const ParamInfo& prm : p_.params) pool.push_back(prm.name);
      sink_.Report(DiagKind::kUnknownName, name.span, fmt::format("`{}` is not a param", name.text),
                   Suggest(name.text, pool));
      continue;
    }
    TestCellInfo v;
    const std::string what = fmt::format("param `{}`", name.text);
    if (CheckCell(cell, p_.params[static_cast<size_t>(sym->index)].type, &v, what.c_str())) {
      t.params.emplace_back(sym->index, v.text);
    }
  }
  for (const ast::TestExpect& ex : d.expects) {
    ExpectInfo info;
    info.line = p_.LineOf(ex.span);
    const std::string& subject = ex.subject.text;
    Type key_type = Type::Of(TypeKind::kText);  // a payee's key (Text or Int)
    if (subject == "total" || subject == "points") {
      info.kind = subject == "total" ? ExpectKind::kTotal : ExpectKind::kPoints;
      info.value_type = Type::Of(subject == "total" ? TypeKind::kMoney : TypeKind::kInt);
    } else {
      const Symbol* sym = Lookup(subject);
      int rule = -1;
      for (size_t r = 0; r < p_.rules.size(); ++r) {
        if (p_.rules[r].name == subject) rule = static_cast<int>(r);
      }
      if (rule >= 0) {
        info.kind = ExpectKind::kRule;
        info.index = rule;
        bool points_only = !p_.rules[static_cast<size_t>(rule)].effects.empty();
        for (const EffectInfo& e : p_.rules[static_cast<size_t>(rule)].effects) {
          points_only = points_only &&
                        (e.kind == ast::EffectKind::kPoints || e.kind == ast::EffectKind::kBadge);
        }
        info.value_type = Type::Of(points_only ? TypeKind::kInt : TypeKind::kMoney);
      } else if (sym != nullptr && sym->kind == RefKind::kFund) {
        info.kind = ExpectKind::kFund;
        info.index = sym->index;
        info.value_type = Type::Of(TypeKind::kMoney);
      } else if (sym != nullptr && sym->kind == RefKind::kMetric) {
        const MetricInfo& m = p_.metrics[static_cast<size_t>(sym->index)];
        info.kind = ExpectKind::kMetric;
        info.index = sym->index;
        info.value_type = m.result;
        key_type = m.key;
      } else {
        std::vector<std::string> pool{"total", "points"};
        for (const RuleInfo& r : p_.rules) pool.push_back(r.name);
        for (const FundInfo& f : p_.funds) pool.push_back(f.name);
        for (const MetricInfo& m : p_.metrics) pool.push_back(m.name);
        sink_.Report(
            DiagKind::kUnknownName, ex.subject.span,
            fmt::format("`{}` is not a rule, fund or metric (nor `total` or `points`)", subject),
            Suggest(subject, pool));
        continue;
      }
    }
    bool ok = true;
    if (info.kind == ExpectKind::kMetric) {
      ok = CheckCell(ex.key, key_type, &info.key, "the key");
    } else if (ex.key.kind != ast::TestCell::Kind::kLiteral ||
               !(ex.key.literal->kind == ExprKind::kTextLit ||
                 ex.key.literal->kind == ExprKind::kIntLit)) {
      sink_.Report(DiagKind::kTestTable, ex.key.span,
                   "the payee is named by its key: a Text or Int literal such as \"P1\"");
      ok = false;
    } else {
      ok = CheckCell(
          ex.key,
          Type::Of(ex.key.literal->kind == ExprKind::kIntLit ? TypeKind::kInt : TypeKind::kText),
          &info.key, "the key");
    }
    if (ex.period) {
      info.period = ex.period->text;
      if (!ValidPeriod(info.period)) {
        sink_.Report(DiagKind::kTestTable, ex.period->span,
                     fmt::format("`{}` is not a period", info.period),
                     "write a quarter `2026-Q4`, a month `2026-10` or a year `2026`");
        ok = false;
      }
    }
    ok = CheckCell(ex.value, info.value_type, &info.value, "the expected value") && ok;
    if (ok) t.expects.push_back(std::move(info));
  }
  if (d.expects.empty()) {
    sink_.Report(DiagKind::kTestWithoutExpect, Span{d.span.file, d.span.begin, d.span.begin + 4},
                 fmt::format("test \"{}\" expects nothing, so it can never fail", t.name),
                 "add `expect RULE for KEY == VALUE`");
  }
}

void Checker::CheckTests() {
  for (TestInfo& t : p_.tests) CheckTest(t);
}

}  // namespace incant::sema
