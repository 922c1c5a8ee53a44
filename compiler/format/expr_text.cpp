#include "compiler/format/expr_text.h"

#include <set>

namespace incant::fmt_ {
namespace {

using ast::Expr;
using ast::ExprKind;

// Binding strength, loosest first (brief §3): if, or, and, not,
// comparisons and `in`, ??, + -, * /, unary -, postfix and primaries.
enum Prec : int { kIf = 1, kOr, kAnd, kNot, kCmp, kCoal, kAdd, kMul, kUnary, kPostfix };

int PrecOf(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kIf:
      return kIf;
    case ExprKind::kOr:
      return kOr;
    case ExprKind::kAnd:
      return kAnd;
    case ExprKind::kNot:
      return kNot;
    case ExprKind::kCompare:
    case ExprKind::kInList:
    case ExprKind::kInRange:
    case ExprKind::kInPeriod:
      return kCmp;
    case ExprKind::kCoalesce:
      return kCoal;
    case ExprKind::kBinary:
      return e->op == ast::Op::kAdd || e->op == ast::Op::kSub ? kAdd : kMul;
    case ExprKind::kNeg:
      return kUnary;
    default:
      return kPostfix;
  }
}

std::string At(const Expr* e, int min_prec) {
  const std::string t = ExprText(e);
  return PrecOf(e) < min_prec ? "(" + t + ")" : t;
}

// The upper end of a range is restricted (brief §9): a literal, a name that is
// not a contextual keyword, a call, or a field path; anything else in parens.
bool PlainRangeEnd(const Expr* e) {
  static const std::set<std::string> kContextual = {
      "key", "currency", "period",    "rounding", "every",   "at",    "start",
      "pay", "accrue",   "award",     "points",   "badge",   "from",  "to",
      "cap", "budget",   "effective", "when",     "by",      "where", "rank",
      "asc", "desc",     "top",       "month",    "quarter", "year",  "params"};
  switch (e->kind) {
    case ExprKind::kIntLit:
    case ExprKind::kDecimalLit:
    case ExprKind::kPercentLit:
    case ExprKind::kMoneyLit:
    case ExprKind::kTextLit:
    case ExprKind::kBoolLit:
    case ExprKind::kDateLit:
      return true;
    case ExprKind::kNeg:
      return PlainRangeEnd(e->kids[0]) && e->kids[0]->kind != ExprKind::kNeg;
    case ExprKind::kName:
    case ExprKind::kCall:
      return kContextual.count(e->text) == 0;
    case ExprKind::kField:
    case ExprKind::kMethod:
      return PlainRangeEnd(e->kids[0]);
    default:
      return false;
  }
}

std::string Args(const Expr* e, size_t from) {
  std::string out;
  for (size_t i = from; i < e->kids.size(); ++i) {
    if (i > from) out += ", ";
    out += ExprText(e->kids[i]);
  }
  return out;
}

}  // namespace

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string ExprText(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kIntLit:
    case ExprKind::kDecimalLit:
    case ExprKind::kBoolLit:
    case ExprKind::kDateLit:
    case ExprKind::kName:
      return e->text;
    case ExprKind::kPercentLit:
      return e->text + "%";
    case ExprKind::kMoneyLit:
      return e->text + " " + e->currency;
    case ExprKind::kTextLit:
      return Quote(e->text);
    case ExprKind::kField:
      return At(e->kids[0], kPostfix) + "." + e->text;
    case ExprKind::kCall:
      return e->text + "(" + Args(e, 0) + ")";
    case ExprKind::kMethod:
      return At(e->kids[0], kPostfix) + "." + e->text + "(" + Args(e, 1) + ")";
    case ExprKind::kNeg: {
      // `- -x` would read as one token pair anyway, but `-(-x)` says what it means.
      const Expr* k = e->kids[0];
      return "-" + (k->kind == ExprKind::kNeg ? "(" + ExprText(k) + ")" : At(k, kUnary));
    }
    case ExprKind::kNot:
      return "not " + At(e->kids[0], kNot);
    case ExprKind::kBinary: {
      const int p = PrecOf(e);
      return At(e->kids[0], p) + " " + ast::OpText(e->op) + " " + At(e->kids[1], p + 1);
    }
    case ExprKind::kAnd:
      return At(e->kids[0], kAnd) + " and " + At(e->kids[1], kAnd + 1);
    case ExprKind::kOr:
      return At(e->kids[0], kOr) + " or " + At(e->kids[1], kOr + 1);
    case ExprKind::kCoalesce:
      return At(e->kids[0], kCoal) + " ?? " + At(e->kids[1], kCoal + 1);
    case ExprKind::kCompare:
      return At(e->kids[0], kCoal) + " " + ast::OpText(e->op) + " " + At(e->kids[1], kCoal);
    case ExprKind::kInList: {
      std::string out = At(e->kids[0], kCoal) + (e->negated ? " not in [" : " in [");
      return out + Args(e, 1) + "]";
    }
    case ExprKind::kInPeriod:
      return At(e->kids[0], kCoal) + (e->negated ? " not in " : " in ") + e->text;
    case ExprKind::kInRange: {
      std::string out = At(e->kids[0], kCoal) + (e->negated ? " not in " : " in ");
      const Expr* lo = e->kids.size() > 1 ? e->kids[1] : nullptr;
      const Expr* hi = e->kids.size() > 2 ? e->kids[2] : nullptr;
      if (lo != nullptr) out += At(lo, kCoal) + " ";
      out += "..";
      if (hi != nullptr) {
        out += " " + (PlainRangeEnd(hi) ? ExprText(hi) : "(" + ExprText(hi) + ")");
      }
      return out;
    }
    case ExprKind::kIf:
      return "if " + At(e->kids[0], kOr) + " then " + At(e->kids[1], kOr) + " else " +
             ExprText(e->kids[2]);
    case ExprKind::kCase: {
      std::string out = "case " + ExprText(e->kids[0]) + " { ";
      for (size_t i = 0; i < e->arms.size(); ++i) {
        const ast::CaseArm& arm = e->arms[i];
        if (i > 0) out += "  ";
        if (arm.patterns.empty()) {
          out += "else";
        } else {
          for (size_t k = 0; k < arm.patterns.size(); ++k) {
            out += (k > 0 ? ", " : "") + ExprText(arm.patterns[k]);
          }
        }
        out += " => " + ExprText(arm.body);
      }
      return out + " }";
    }
    case ExprKind::kList:
      return "[" + Args(e, 0) + "]";
    case ExprKind::kError:
      break;
  }
  return "";
}

}  // namespace incant::fmt_
