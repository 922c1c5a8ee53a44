// The warnings of brief §8 that look at the whole program: unused
// declarations, a `when` that is constantly false, rates above 100 % in a
// tier table of rates. (Effective ranges, needless `??` and tests that
// expect nothing are reported where they are checked.)
#include <fmt/format.h>

#include <optional>
#include <set>

#include "compiler/sema/checker.h"
#include "compiler/sema/literals.h"

namespace incant::sema {
namespace {

using ast::ExprKind;

std::optional<Decimal> ConstNumber(const ast::Expr* e) {
  bool neg = false;
  if (e->kind == ExprKind::kNeg) {
    neg = true;
    e = e->kids[0];
  }
  Decimal d;
  if (e->kind == ExprKind::kIntLit) {
    int64_t v = 0;
    if (!ParseIntLiteral(e->text, &v)) return std::nullopt;
    d = Decimal::FromInt(v);
  } else if (e->kind == ExprKind::kDecimalLit || e->kind == ExprKind::kPercentLit ||
             e->kind == ExprKind::kMoneyLit) {
    if (!ParseDecimalLiteral(e->text, e->kind == ExprKind::kPercentLit, &d)) return std::nullopt;
  } else if (e->kind == ExprKind::kDateLit) {
    Date day;
    if (!Date::Parse(e->text, &day)) return std::nullopt;
    d = Decimal::FromInt(day.days());
  } else {
    return std::nullopt;
  }
  if (neg) (void)Decimal::Neg(d, &d);
  return d;
}

// The value of a condition made of literals only (`false`, `not true`,
// `1 > 2`, `a and false`), or nullopt when it depends on data.
std::optional<bool> ConstBool(const ast::Expr* e) {
  switch (e->kind) {
    case ExprKind::kBoolLit:
      return e->text == "true";
    case ExprKind::kNot: {
      const auto v = ConstBool(e->kids[0]);
      return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    case ExprKind::kAnd: {
      const auto a = ConstBool(e->kids[0]), b = ConstBool(e->kids[1]);
      if ((a && !*a) || (b && !*b)) return false;
      if (a && b) return true;
      return std::nullopt;
    }
    case ExprKind::kOr: {
      const auto a = ConstBool(e->kids[0]), b = ConstBool(e->kids[1]);
      if ((a && *a) || (b && *b)) return true;
      if (a && b) return false;
      return std::nullopt;
    }
    case ExprKind::kCompare: {
      const auto a = ConstNumber(e->kids[0]), b = ConstNumber(e->kids[1]);
      if (!a || !b) return std::nullopt;
      switch (e->op) {
        case ast::Op::kEq:
          return *a == *b;
        case ast::Op::kNe:
          return *a != *b;
        case ast::Op::kLt:
          return *a < *b;
        case ast::Op::kLe:
          return *a <= *b;
        case ast::Op::kGt:
          return *a > *b;
        case ast::Op::kGe:
          return *a >= *b;
        default:
          return std::nullopt;
      }
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

void Checker::Lint() {
  // Unused: declarations of the main file that nothing refers to. Imported
  // files are libraries; a program may use only part of one.
  std::set<std::pair<RefKind, int>> used;
  for (const auto& [expr, ref] : p_.refs) used.insert({ref.kind, ref.index});
  const SourceFile* main = p_.files.empty() ? nullptr : p_.files[0].get();
  auto unused = [&](RefKind kind, size_t index, const ast::Decl* d, const char* what) {
    if (d == nullptr || d->span.file != main || used.count({kind, static_cast<int>(index)})) return;
    sink_.Report(DiagKind::kUnused, d->name.span,
                 fmt::format("{} `{}` is never used", what, d->name.text),
                 "remove it, or use it in a rule");
  };
  for (size_t i = 0; i < p_.params.size(); ++i) {
    unused(RefKind::kParam, i, p_.params[i].decl, "param");
  }
  for (size_t i = 0; i < p_.lets.size(); ++i) unused(RefKind::kLet, i, p_.lets[i].decl, "let");
  for (size_t i = 0; i < p_.fns.size(); ++i) unused(RefKind::kFn, i, p_.fns[i].decl, "fn");
  for (size_t i = 0; i < p_.metrics.size(); ++i) {
    // A metric that only tests look at is still used.
    bool in_test = false;
    for (const TestInfo& t : p_.tests) {
      for (const ExpectInfo& ex : t.expects) {
        in_test |= ex.kind == ExpectKind::kMetric && ex.index == static_cast<int>(i);
      }
    }
    if (!in_test) unused(RefKind::kMetric, i, p_.metrics[i].decl, "metric");
  }
  for (size_t i = 0; i < p_.tiers.size(); ++i)
    unused(RefKind::kTiers, i, p_.tiers[i].decl, "tiers");

  for (const RuleInfo& r : p_.rules) {
    if (r.decl->when == nullptr) continue;
    if (const auto v = ConstBool(r.decl->when); v && !*v) {
      sink_.Report(DiagKind::kConstantFalseWhen, r.decl->when->span,
                   fmt::format("this `when` is always false, so rule `{}` never pays", r.name),
                   "remove the rule, or fix the condition");
    }
  }

  // A tier table of rates (Decimal values) with a literal above 100 %.
  for (const TiersInfo& t : p_.tiers) {
    if (t.value.kind != TypeKind::kDecimal) continue;
    for (const ast::TierEntry& entry : t.decl->entries) {
      const auto v = ConstNumber(entry.value);
      if (v && Decimal::FromInt(1) < *v) {
        sink_.Report(DiagKind::kRateAbove100, entry.value->span,
                     fmt::format(
                         "a rate of {}% in tier table `{}` pays more than the amount it "
                         "applies to",
                         [&] {
                           Decimal pct;
                           (void)Decimal::Mul(*v, Decimal::FromInt(100), &pct);
                           return pct.ToString();
                         }(),
                         t.name),
                     "rates are written `8%` or `0.08`; is a `%` missing?");
      }
    }
  }
}

}  // namespace incant::sema
