// Declarations in canonical layout (docs/style.md).
#include <algorithm>

#include "compiler/format/formatter.h"

namespace incant::fmt_ {
namespace {

using ast::ExprKind;

constexpr size_t kWidth = 100;

std::string Label(const std::string& label) { return label.empty() ? "" : " " + Quote(label); }

std::string TypeText(const ast::TypeRef& t) { return t.name + (t.optional ? "?" : ""); }

std::string UnitWord(ast::PeriodUnit u) { return ast::PeriodUnitWord(u); }

std::string CellText(const ast::TestCell& c) {
  switch (c.kind) {
    case ast::TestCell::Kind::kAbsent:
      return "_";
    case ast::TestCell::Kind::kName:
      return c.name.text;
    case ast::TestCell::Kind::kLiteral:
      return ExprText(c.literal);
  }
  return "";
}

// Flattens a chain of one operator (`a and b and c`) for line breaking.
void Chain(const ast::Expr* e, ExprKind kind, std::vector<const ast::Expr*>* out) {
  if (e->kind == kind) {
    Chain(e->kids[0], kind, out);
    out->push_back(e->kids[1]);
  } else {
    out->push_back(e);
  }
}

}  // namespace

bool Formatter::IsBlock(const ast::Decl& d) {
  switch (d.kind) {
    case ast::DeclKind::kProgram:
    case ast::DeclKind::kRecord:
    case ast::DeclKind::kTiers:
    case ast::DeclKind::kLeaderboard:
    case ast::DeclKind::kRule:
    case ast::DeclKind::kTest:
      return true;
    case ast::DeclKind::kFn:
      return static_cast<const ast::FnDecl&>(d).body->kind == ExprKind::kCase;
    default:
      return false;
  }
}

void Formatter::Clause(uint32_t anchor, int indent, const std::string& head, const ast::Expr* e,
                       bool blank) {
  const std::string one = head + ExprText(e);
  if (one.size() + static_cast<size_t>(indent) * 2 <= kWidth) {
    p_.Line(anchor, indent, one, blank);
    return;
  }
  // Continuations align under the expression's first character.
  const int cont = indent;
  const std::string pad(head.size(), ' ');
  if (e->kind == ExprKind::kIf) {
    p_.Line(anchor, indent, head + "if " + ExprText(e->kids[0]), blank);
    p_.Continue(cont, pad + "then " + ExprText(e->kids[1]));
    p_.Continue(cont, pad + "else " + ExprText(e->kids[2]));
    return;
  }
  if (e->kind == ExprKind::kAnd || e->kind == ExprKind::kOr) {
    std::vector<const ast::Expr*> parts;
    Chain(e, e->kind, &parts);
    const char* op = e->kind == ExprKind::kAnd ? "and " : "or ";
    auto part = [&](const ast::Expr* x) {
      // A looser operand keeps its parentheses, as ExprText would give them.
      const bool paren =
          x->kind == ExprKind::kIf || (e->kind == ExprKind::kAnd && x->kind == ExprKind::kOr);
      return paren ? "(" + ExprText(x) + ")" : ExprText(x);
    };
    p_.Line(anchor, indent, head + part(parts[0]), blank);
    for (size_t i = 1; i < parts.size(); ++i) p_.Continue(cont, pad + op + part(parts[i]));
    return;
  }
  p_.Line(anchor, indent, one, blank);
}

void Formatter::Program(const ast::ProgramDecl& d, bool blank) {
  p_.Line(d.span.begin, 0, "program " + Quote(d.title) + " {", blank);
  // Clauses in their source order (any order is valid).
  struct Item {
    uint32_t at;
    std::string text;
  };
  std::vector<Item> items;
  if (d.currency) items.push_back({d.currency->span.begin, "currency " + d.currency->text});
  if (d.period_from && d.period_to) {
    items.push_back(
        {d.period_from->span.begin, "period " + d.period_from->text + " .. " + d.period_to->text});
  }
  if (d.rounding) items.push_back({d.rounding->span.begin, "rounding " + d.rounding->text});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at < b.at; });
  for (const Item& i : items) p_.Line(i.at, 1, i.text);
  p_.Close(EndOf(d), 0, "}");
}

void Formatter::Enum(const ast::EnumDecl& d, bool blank) {
  std::string one = "enum " + d.name.text + " { ";
  for (size_t i = 0; i < d.members.size(); ++i) one += (i > 0 ? ", " : "") + d.members[i].text;
  one += " }";
  if (one.size() <= kWidth && !p_.HasCommentIn(d.span.begin, d.span.end)) {
    p_.Line(d.span.begin, 0, one, blank);
    return;
  }
  p_.Line(d.span.begin, 0, "enum " + d.name.text + " {", blank);
  for (const ast::Name& m : d.members) p_.Line(m.span.begin, 1, m.text + ",");
  p_.Close(EndOf(d), 0, "}");
}

void Formatter::Record(const ast::RecordDecl& d, bool blank) {
  p_.Line(d.span.begin, 0, "record " + d.name.text + " key " + d.key.text + " {", blank);
  for (const ast::FieldDecl& f : d.fields) {
    p_.Line(f.name.span.begin, 1, f.name.text + ": " + TypeText(f.type));
  }
  p_.Close(EndOf(d), 0, "}");
}

void Formatter::Fn(const ast::FnDecl& d, bool blank) {
  std::string head = "fn " + d.name.text + "(";
  for (size_t i = 0; i < d.params.size(); ++i) {
    head += (i > 0 ? ", " : "") + d.params[i].name.text + ": " + TypeText(d.params[i].type);
  }
  head += ")";
  if (d.result) head += ": " + TypeText(*d.result);
  head += " =";
  if (d.body->kind != ExprKind::kCase) {
    Clause(d.span.begin, 0, head + " ", d.body, blank);
    return;
  }
  // A `case` body: one arm per line.
  p_.Line(d.span.begin, 0, head, blank);
  p_.Line(d.body->span.begin, 1, "case " + ExprText(d.body->kids[0]) + " {");
  for (const ast::CaseArm& arm : d.body->arms) {
    std::string pat;
    for (size_t k = 0; k < arm.patterns.size(); ++k) {
      pat += (k > 0 ? ", " : "") + ExprText(arm.patterns[k]);
    }
    Clause(arm.span.begin, 2, (arm.patterns.empty() ? "else" : pat) + " => ", arm.body);
  }
  p_.Close(d.body->span.end - 1, 1, "}");
}

void Formatter::Tiers(const ast::TiersDecl& d, bool blank) {
  p_.Line(d.span.begin, 0, "tiers " + d.name.text + " {", blank);
  for (const ast::TierEntry& e : d.entries) {
    p_.Line(e.threshold->span.begin, 1, ExprText(e.threshold) + " => " + ExprText(e.value));
  }
  p_.Close(EndOf(d), 0, "}");
}

void Formatter::Metric(const ast::MetricDecl& d, bool blank) {
  const std::string agg = d.aggregate.text + "(" + (d.arg ? ExprText(d.arg) : "") + ")";
  const std::string src = "for " + d.var.text + " in " + d.source.text;
  const std::string where = d.where ? "where " + ExprText(d.where) : "";
  const std::string by = d.by ? "by " + ExprText(d.by) : "";
  std::string one = "metric " + d.name.text + " = " + agg + " " + src;
  if (!where.empty()) one += " " + where;
  if (!by.empty()) one += " " + by;
  if (one.size() <= kWidth) {
    p_.Line(d.span.begin, 0, one, blank);
    return;
  }
  p_.Line(d.span.begin, 0, "metric " + d.name.text + " = " + agg, blank);
  p_.Continue(1, src);
  if (!where.empty()) p_.Continue(1, where);
  if (!by.empty()) p_.Continue(1, by);
}

void Formatter::Leaderboard(const ast::LeaderboardDecl& d, bool blank) {
  p_.Line(d.span.begin, 0, "leaderboard " + d.name.text + Label(d.label) + " {", blank);
  p_.Line(d.var.span.begin, 1,
          "for " + d.var.text + " in " + d.source.text + " every " + UnitWord(d.every));
  if (d.where) Clause(d.where->span.begin, 1, "where ", d.where);
  if (d.rank_by) {
    p_.Line(d.rank_by->span.begin, 1,
            "rank by " + ExprText(d.rank_by) + (d.ascending ? " asc" : " desc"));
  }
  if (d.top) p_.Line(d.rank_by ? d.rank_by->span.end : d.span.begin, 1, "top " + *d.top);
  p_.Close(EndOf(d), 0, "}");
}

void Formatter::Rule(const ast::RuleDecl& d, bool blank) {
  p_.Line(d.span.begin, 0, "rule " + d.name.text + Label(d.label) + " {", blank);
  std::string head = "for " + d.var.text + " in " + d.source.text;
  if (d.every != ast::PeriodUnit::kNone) head += " every " + UnitWord(d.every);
  if (d.at_start) head += " at start";
  p_.Line(d.for_span.begin, 1, head);
  for (const ast::RuleLet& l : d.lets)
    Clause(l.name.span.begin, 1, "let " + l.name.text + " = ", l.value);
  if (d.when) Clause(d.when->span.begin, 1, "when ", d.when);
  for (const ast::Effect& e : d.effects) {
    const std::string payee = ExprText(e.payee);
    std::string text;
    switch (e.kind) {
      case ast::EffectKind::kPay:
        text = "pay " + payee + " " + ExprText(e.amount) + (e.fund ? " from " + e.fund->text : "");
        break;
      case ast::EffectKind::kAccrue:
        text = "accrue " + payee + " " + ExprText(e.amount) + " to " + (e.fund ? e.fund->text : "");
        break;
      case ast::EffectKind::kPoints:
        text = "award " + payee + " " + ExprText(e.amount) + " points";
        break;
      case ast::EffectKind::kBadge:
        text = "award " + payee + " badge " + Quote(e.badge);
        break;
    }
    p_.Line(e.span.begin, 1, text);
  }
  if (d.cap) p_.Line(d.cap->span.begin, 1, "cap " + ExprText(d.cap));
  if (d.budget) p_.Line(d.budget->span.begin, 1, "budget " + ExprText(d.budget));
  if (d.has_effective) {
    std::string eff = "effective ";
    if (d.effective_from) eff += d.effective_from->text + " ";
    eff += "..";
    if (d.effective_to) eff += " " + d.effective_to->text;
    p_.Line(d.effective_span.begin, 1, eff);
  }
  p_.Close(EndOf(d), 0, "}");
}

void Formatter::TestTable(const ast::TestTable& t) {
  p_.Line(t.name.span.begin, 1, t.name.text + " {");
  // Columns padded to their widest cell, like the tables of the brief.
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header;
  for (const ast::Name& h : t.header) header.push_back(h.text);
  cells.push_back(header);
  for (const auto& row : t.rows) {
    std::vector<std::string> r;
    r.reserve(row.size());
    for (const ast::TestCell& c : row) r.push_back(CellText(c));
    cells.push_back(r);
  }
  std::vector<size_t> width;
  for (const auto& r : cells) {
    for (size_t c = 0; c < r.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], r[c].size());
    }
  }
  auto text = [&](const std::vector<std::string>& r) {
    std::string out;
    for (size_t c = 0; c < r.size(); ++c) {
      if (c > 0) out += " | ";
      out += r[c];
      if (c + 1 < r.size()) out.append(width[c] - r[c].size(), ' ');
    }
    return out;
  };
  if (!t.header.empty()) p_.Line(t.header[0].span.begin, 2, text(cells[0]));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const uint32_t at = t.rows[r].empty() ? t.span.begin : t.rows[r][0].span.begin;
    p_.Line(at, 2, text(cells[r + 1]));
  }
  p_.Close(t.span.end - 1, 1, "}");
}

void Formatter::Test(const ast::TestDecl& d, bool blank) {
  p_.Line(d.span.begin, 0, "test " + Quote(d.title) + " {", blank);
  // Tables, params and expectations in their source order (any order is valid).
  struct Item {
    uint32_t at;
    int kind;  // 0 table, 1 params, 2 expect
    size_t index;
  };
  std::vector<Item> items;
  for (size_t i = 0; i < d.tables.size(); ++i) items.push_back({d.tables[i].span.begin, 0, i});
  if (!d.params.empty()) items.push_back({d.params[0].first.span.begin, 1, 0});
  for (size_t i = 0; i < d.expects.size(); ++i) items.push_back({d.expects[i].span.begin, 2, i});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at < b.at; });
  for (const Item& it : items) {
    if (it.kind == 0) {
      TestTable(d.tables[it.index]);
    } else if (it.kind == 1) {
      p_.Line(it.at, 1, "params {");
      for (const auto& [name, cell] : d.params) {
        p_.Line(name.span.begin, 2, name.text + " = " + CellText(cell));
      }
      p_.Close(d.params.back().second.span.end, 1, "}");
    } else {
      const ast::TestExpect& ex = d.expects[it.index];
      std::string text = "expect " + ex.subject.text + " for " + CellText(ex.key);
      if (ex.period) text += " in " + ex.period->text;
      p_.Line(ex.span.begin, 1, text + " == " + CellText(ex.value));
    }
  }
  p_.Close(EndOf(d), 0, "}");
}

void Formatter::Decl(const ast::Decl& d, bool blank) {
  switch (d.kind) {
    case ast::DeclKind::kProgram:
      return Program(static_cast<const ast::ProgramDecl&>(d), blank);
    case ast::DeclKind::kImport:
      return p_.Line(d.span.begin, 0,
                     "import " + Quote(static_cast<const ast::ImportDecl&>(d).path), blank);
    case ast::DeclKind::kEnum:
      return Enum(static_cast<const ast::EnumDecl&>(d), blank);
    case ast::DeclKind::kRecord:
      return Record(static_cast<const ast::RecordDecl&>(d), blank);
    case ast::DeclKind::kTable:
    case ast::DeclKind::kEvents:
      return p_.Line(d.span.begin, 0,
                     std::string(d.kind == ast::DeclKind::kTable ? "table " : "events ") +
                         d.name.text + ": " + static_cast<const ast::DataDecl&>(d).record.text,
                     blank);
    case ast::DeclKind::kParam: {
      const auto& pd = static_cast<const ast::ParamDecl&>(d);
      p_.Line(d.span.begin, 0,
              "param " + d.name.text + ": " + TypeText(pd.type) + " = " + ExprText(pd.value),
              blank);
      return;
    }
    case ast::DeclKind::kLet:
      p_.Line(d.span.begin, 0,
              "let " + d.name.text + " = " + ExprText(static_cast<const ast::LetDecl&>(d).value),
              blank);
      return;
    case ast::DeclKind::kFn:
      return Fn(static_cast<const ast::FnDecl&>(d), blank);
    case ast::DeclKind::kTiers:
      return Tiers(static_cast<const ast::TiersDecl&>(d), blank);
    case ast::DeclKind::kMetric:
      return Metric(static_cast<const ast::MetricDecl&>(d), blank);
    case ast::DeclKind::kFund: {
      const auto& fd = static_cast<const ast::FundDecl&>(d);
      return p_.Line(d.span.begin, 0, "fund " + d.name.text + Label(fd.label), blank);
    }
    case ast::DeclKind::kLeaderboard:
      return Leaderboard(static_cast<const ast::LeaderboardDecl&>(d), blank);
    case ast::DeclKind::kRule:
      return Rule(static_cast<const ast::RuleDecl&>(d), blank);
    case ast::DeclKind::kTest:
      return Test(static_cast<const ast::TestDecl&>(d), blank);
  }
}

std::string Formatter::Run() {
  const ast::Decl* prev = nullptr;
  for (const auto& d : module_.decls()) {
    // Block declarations stand apart; one-liners keep the source's grouping.
    Decl(*d, prev != nullptr && (IsBlock(*prev) || IsBlock(*d)));
    prev = d.get();
  }
  return p_.Finish();
}

}  // namespace incant::fmt_

namespace incant {

std::string FormatModule(const SourceFile& file, const ast::Module& module) {
  return fmt_::Formatter(file, module).Run();
}

}  // namespace incant
