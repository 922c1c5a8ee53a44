#include "compiler/ast/dump.h"

#include <fmt/format.h>

namespace incant::ast {
namespace {

const char* KindName(ExprKind k) {
  switch (k) {
    case ExprKind::kIntLit:
      return "int";
    case ExprKind::kDecimalLit:
      return "dec";
    case ExprKind::kPercentLit:
      return "pct";
    case ExprKind::kMoneyLit:
      return "money";
    case ExprKind::kTextLit:
      return "text";
    case ExprKind::kBoolLit:
      return "bool";
    case ExprKind::kDateLit:
      return "date";
    case ExprKind::kName:
      return "name";
    case ExprKind::kField:
      return "field";
    case ExprKind::kCall:
      return "call";
    case ExprKind::kMethod:
      return "method";
    case ExprKind::kNeg:
      return "neg";
    case ExprKind::kNot:
      return "not";
    case ExprKind::kBinary:
      return "bin";
    case ExprKind::kAnd:
      return "and";
    case ExprKind::kOr:
      return "or";
    case ExprKind::kCoalesce:
      return "??";
    case ExprKind::kCompare:
      return "cmp";
    case ExprKind::kInList:
      return "in-list";
    case ExprKind::kInRange:
      return "in-range";
    case ExprKind::kInPeriod:
      return "in-period";
    case ExprKind::kIf:
      return "if";
    case ExprKind::kCase:
      return "case";
    case ExprKind::kList:
      return "list";
    case ExprKind::kError:
      return "error";
  }
  return "?";
}

}  // namespace

std::string DumpExpr(const Expr* e) {
  if (e == nullptr) return "_";
  std::string out = fmt::format("({}", KindName(e->kind));
  if (e->op != Op::kNone) out += fmt::format(" {}", OpText(e->op));
  if (e->negated) out += " not";
  if (!e->text.empty()) out += fmt::format(" \"{}\"", e->text);
  if (!e->currency.empty()) out += fmt::format(" {}", e->currency);
  for (const Expr* k : e->kids) out += " " + DumpExpr(k);
  for (const CaseArm& arm : e->arms) {
    out += " [";
    if (arm.patterns.empty()) out += "else";
    for (const Expr* p : arm.patterns) out += DumpExpr(p);
    out += " => " + DumpExpr(arm.body) + "]";
  }
  return out + ")";
}

std::string DumpModule(const Module& m) {
  std::string out;
  for (const auto& d : m.decls()) {
    const LineCol at = m.file()->Locate(d->span.begin);
    out += fmt::format("{} {} @{}:{}", DeclKindWord(d->kind), d->name.text, at.line, at.column);
    if (!d->doc.empty()) out += fmt::format(" doc=\"{}\"", d->doc);
    out += "\n";
    switch (d->kind) {
      case DeclKind::kParam: {
        const auto& p = static_cast<const ParamDecl&>(*d);
        out += fmt::format("  type {}{} = {}\n", p.type.name, p.type.optional ? "?" : "",
                           DumpExpr(p.value));
        break;
      }
      case DeclKind::kLet:
        out += "  = " + DumpExpr(static_cast<const LetDecl&>(*d).value) + "\n";
        break;
      case DeclKind::kFn:
        out += "  = " + DumpExpr(static_cast<const FnDecl&>(*d).body) + "\n";
        break;
      case DeclKind::kRule: {
        const auto& r = static_cast<const RuleDecl&>(*d);
        out += fmt::format("  for {} in {} every {}{}\n", r.var.text, r.source.text,
                           PeriodUnitWord(r.every), r.at_start ? " at start" : "");
        for (const RuleLet& l : r.lets)
          out += fmt::format("  let {} = {}\n", l.name.text, DumpExpr(l.value));
        if (r.when) out += "  when " + DumpExpr(r.when) + "\n";
        for (const Effect& e : r.effects) {
          out += fmt::format("  {} {} {}{}{}\n", EffectKindWord(e.kind), DumpExpr(e.payee),
                             DumpExpr(e.amount), e.fund ? " fund=" + e.fund->text : "",
                             e.badge.empty() ? "" : " badge=" + e.badge);
        }
        if (r.cap) out += "  cap " + DumpExpr(r.cap) + "\n";
        if (r.budget) out += "  budget " + DumpExpr(r.budget) + "\n";
        if (r.has_effective) {
          out +=
              fmt::format("  effective {} .. {}\n", r.effective_from ? r.effective_from->text : "",
                          r.effective_to ? r.effective_to->text : "");
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

}  // namespace incant::ast
