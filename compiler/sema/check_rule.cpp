// Rules (brief §4): the source, lets, `when`, effects, limits and `effective`.
#include <fmt/format.h>

#include "compiler/sema/checker.h"

namespace incant::sema {

void Checker::CheckEffect(RuleInfo& rule, EffectInfo& eff, const Env& env) {
  const ast::Effect& ae = *eff.ast;
  const Type payee = CheckExpr(ae.payee, env);
  if (!payee.IsError()) {
    if (payee.kind != TypeKind::kRecord) {
      sink_.Report(
          DiagKind::kPayeeNotKeyed, ae.payee->span,
          fmt::format("the payee must be a row of a keyed record, not `{}`", TypeName(payee)),
          "name a row, such as `s.partner`");
    } else {
      eff.payee_dataset = p_.records[static_cast<size_t>(payee.index)].dataset;
      if (eff.payee_dataset < 0) {
        sink_.Report(DiagKind::kPayeeNotKeyed, ae.payee->span,
                     fmt::format("`{}` rows are not held by any table or events stream, so they "
                                 "cannot be paid",
                                 TypeName(payee.Required())));
      }
    }
  }
  if (ae.fund) {
    const Symbol* f = Lookup(ae.fund->text);
    if (f == nullptr || f->kind != RefKind::kFund) {
      std::vector<std::string> pool;
      for (const FundInfo& fi : p_.funds) pool.push_back(fi.name);
      sink_.Report(DiagKind::kUnknownFund, ae.fund->span,
                   fmt::format("`{}` is not a fund", ae.fund->text),
                   pool.empty() ? fmt::format("declare it: `fund {}`", ae.fund->text)
                                : Suggest(ae.fund->text, pool));
    } else {
      eff.fund = f->index;
    }
  }
  if (ae.kind == ast::EffectKind::kBadge) return;
  const Type amount = CheckExpr(ae.amount, env);
  if (amount.IsError()) return;
  if (!RequirePresent(ae.amount, amount)) return;
  if (ae.kind == ast::EffectKind::kPoints) {
    if (amount.kind != TypeKind::kInt) {
      sink_.Report(DiagKind::kTypeMismatch, ae.amount->span,
                   fmt::format("points must be `Int`, not `{}`", TypeName(amount)));
    }
    return;
  }
  if (amount.kind != TypeKind::kMoney) {
    const char* verb = ae.kind == ast::EffectKind::kPay ? "pay" : "accrue";
    std::string help = amount.kind == TypeKind::kDecimal
                           ? "a rate needs an amount to apply to: `rate * s.amount`"
                           : (amount.kind == TypeKind::kInt
                                  ? fmt::format("write a money amount: `N {}`", p_.currency)
                                  : "");
    sink_.Report(DiagKind::kPayNotMoney, ae.amount->span,
                 fmt::format("`{}` needs a `Money` amount, not `{}`", verb, TypeName(amount)),
                 help);
  }
  (void)rule;
}

void Checker::CheckRule(RuleInfo& rule) {
  const ast::RuleDecl& d = *rule.decl;
  Env env;
  env.data_access = true;
  env.where = "a rule";
  if (!d.source.text.empty()) {
    rule.source = p_.DataSetIndex(d.source.text);
    if (rule.source < 0) {
      std::vector<std::string> pool;
      for (const DataSetInfo& ds : p_.datasets) pool.push_back(ds.name);
      sink_.Report(DiagKind::kUnknownName, d.source.span,
                   fmt::format("`{}` is not a table or events stream", d.source.text),
                   Suggest(d.source.text, pool));
    } else {
      const DataSetInfo& ds = p_.datasets[static_cast<size_t>(rule.source)];
      rule.period_rule = !ds.is_events;
      if (rule.period_rule && d.every == ast::PeriodUnit::kNone) {
        sink_.Report(
            DiagKind::kPeriodRuleWithoutEvery, d.for_span,
            fmt::format("rule `{}` runs over table `{}`, so it needs `every month`, `every "
                        "quarter` or `every year`",
                        rule.name, ds.name),
            "a rule over a table runs at the close of each period");
      } else if (!rule.period_rule && d.at_start) {
        sink_.Report(DiagKind::kTypeMismatch, d.for_span,
                     "`at start` applies to rules over a table, not to event rules");
      }
      if (ds.record >= 0) {
        env.locals.push_back(Env::Local{d.var.text, RefKind::kRowVar, 0,
                                        Type{TypeKind::kRecord, false, ds.record}, rule.source});
      }
    }
  }
  if (!d.var.text.empty() && Lookup(d.var.text) != nullptr) {
    sink_.Report(
        DiagKind::kDuplicateName, d.var.span,
        fmt::format("`{}` is already a declared name; pick another variable name", d.var.text));
  }
  for (size_t i = 0; i < d.lets.size(); ++i) {
    const ast::RuleLet& l = d.lets[i];
    const Type t = CheckExpr(l.value, env);
    if (Lookup(l.name.text) != nullptr || l.name.text == d.var.text) {
      sink_.Report(DiagKind::kDuplicateName, l.name.span,
                   fmt::format("`{}` is already declared", l.name.text));
    }
    rule.let_types.push_back(t);
    env.locals.push_back(Env::Local{l.name.text, RefKind::kRuleLet, static_cast<int>(i), t, -1});
  }
  if (d.when) Expect(d.when, env, Type::Of(TypeKind::kBool), "`when`");
  for (const ast::Effect& ae : d.effects) {
    EffectInfo eff{ae.kind, -1, -1, &ae};
    CheckEffect(rule, eff, env);
    rule.effects.push_back(eff);
  }
  Env const_env;
  const_env.where = "a cap or budget";
  if (d.cap) Expect(d.cap, const_env, Type::Of(TypeKind::kMoney), "`cap`");
  if (d.budget) Expect(d.budget, const_env, Type::Of(TypeKind::kMoney), "`budget`");
  auto date_of = [&](const std::optional<ast::Name>& n, std::optional<Date>* out) {
    if (!n) return;
    Date dt;
    if (!Date::Parse(n->text, &dt)) {
      sink_.Report(DiagKind::kInvalidLiteral, n->span,
                   fmt::format("`{}` is not a calendar date", n->text));
      return;
    }
    *out = dt;
  };
  date_of(d.effective_from, &rule.effective_from);
  date_of(d.effective_to, &rule.effective_to);
  if (rule.effective_from && rule.effective_to && *rule.effective_to < *rule.effective_from) {
    sink_.Report(DiagKind::kInvalidLiteral, d.effective_span,
                 "the `effective` range ends before it starts");
  } else if (d.has_effective && ((rule.effective_from && *rule.effective_from > p_.period_to) ||
                                 (rule.effective_to && *rule.effective_to < p_.period_from))) {
    sink_.Report(
        DiagKind::kEffectiveOutsidePeriod, d.effective_span,
        fmt::format("rule `{}` is effective only outside the program period, so it never applies",
                    rule.name));
  }
}

void Checker::CheckRules() {
  for (RuleInfo& r : p_.rules) CheckRule(r);
}

}  // namespace incant::sema
