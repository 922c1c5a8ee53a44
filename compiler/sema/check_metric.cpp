// Metrics and leaderboards (brief §2), and the calls that read them: metric
// calls with their window, tier-table methods and `L.rank(p)`.
#include <fmt/format.h>

#include "compiler/sema/checker.h"

namespace incant::sema {
namespace {

bool AggregateOf(const std::string& word, Aggregate* out) {
  static const std::pair<const char*, Aggregate> kWords[] = {{"sum", Aggregate::kSum},
                                                             {"count", Aggregate::kCount},
                                                             {"min", Aggregate::kMin},
                                                             {"max", Aggregate::kMax},
                                                             {"avg", Aggregate::kAvg}};
  for (const auto& [w, a] : kWords) {
    if (word == w) {
      *out = a;
      return true;
    }
  }
  return false;
}

bool Ordered(Type t) {
  return t.kind == TypeKind::kInt || t.kind == TypeKind::kDecimal || t.kind == TypeKind::kMoney ||
         t.kind == TypeKind::kDate || t.kind == TypeKind::kText;
}

bool Summable(Type t) {
  return t.kind == TypeKind::kInt || t.kind == TypeKind::kDecimal || t.kind == TypeKind::kMoney;
}

}  // namespace

int Checker::SourceOf(const ast::Name& source, bool want_events, const char* what) {
  const int ds = p_.DataSetIndex(source.text);
  if (ds < 0) {
    std::vector<std::string> pool;
    for (const DataSetInfo& d : p_.datasets) {
      if (d.is_events == want_events) pool.push_back(d.name);
    }
    sink_.Report(
        DiagKind::kUnknownName, source.span,
        fmt::format("`{}` is not {}", source.text, want_events ? "an events stream" : "a table"),
        Suggest(source.text, pool));
    return -1;
  }
  if (p_.datasets[static_cast<size_t>(ds)].is_events != want_events) {
    sink_.Report(DiagKind::kWrongSource, source.span,
                 fmt::format("{} runs over {}, and `{}` is {}", what,
                             want_events ? "an events stream" : "a table", source.text,
                             want_events ? "a table" : "an events stream"),
                 want_events ? "a metric adds up events; declare the data as `events`"
                             : "a leaderboard ranks the rows of a table, such as partners");
    // Still returned: the body checks against its record without cascades.
  }
  return ds;
}

void Checker::CheckMetrics() {
  for (MetricInfo& m : p_.metrics) {
    const ast::MetricDecl& d = *m.decl;
    m.key = Type::Error();
    m.result = Type::Error();
    if (!AggregateOf(d.aggregate.text, &m.aggregate)) {
      sink_.Report(DiagKind::kUnknownName, d.aggregate.span,
                   fmt::format("`{}` is not an aggregate", d.aggregate.text),
                   "use sum, count, min, max or avg");
      continue;
    }
    Env env;
    env.where = "a metric";
    m.source = SourceOf(d.source, /*want_events=*/true, fmt::format("metric `{}`", m.name).c_str());
    // A data set whose record is unknown (already reported) gives no row variable.
    if (m.source >= 0 && p_.datasets[static_cast<size_t>(m.source)].record >= 0) {
      const DataSetInfo& ds = p_.datasets[static_cast<size_t>(m.source)];
      env.locals.push_back(Env::Local{d.var.text, RefKind::kRowVar, 0,
                                      Type{TypeKind::kRecord, false, ds.record}, m.source});
    }
    if (d.where) Expect(d.where, env, Type::Of(TypeKind::kBool), "`where`");
    if (d.by) {
      const Type k = CheckExpr(d.by, env);
      if (!k.IsError() &&
          (k.kind == TypeKind::kList || k.kind == TypeKind::kTiers || k.kind == TypeKind::kFund)) {
        sink_.Report(DiagKind::kTypeMismatch, d.by->span,
                     fmt::format("a metric is keyed by a value or a row, not `{}`", TypeName(k)));
      } else {
        m.key = k.Required();  // an absent key leaves the event out
      }
    }
    if (m.aggregate == Aggregate::kCount) {
      if (d.arg != nullptr) {
        CheckExpr(d.arg, env);
        sink_.Report(DiagKind::kWrongArguments, d.arg->span, "`count()` takes no argument",
                     "add a `where` to count only some events");
      }
      m.result = Type::Of(TypeKind::kInt);
      continue;
    }
    if (d.arg == nullptr) {
      sink_.Report(DiagKind::kWrongArguments, d.aggregate.span,
                   fmt::format("`{}` needs the value to aggregate: `{}(s.amount)`",
                               d.aggregate.text, d.aggregate.text));
      continue;
    }
    const Type a = CheckExpr(d.arg, env);
    if (a.IsError() || !RequirePresent(d.arg, a)) continue;
    const bool ok =
        m.aggregate == Aggregate::kMin || m.aggregate == Aggregate::kMax ? Ordered(a) : Summable(a);
    if (!ok) {
      sink_.Report(DiagKind::kTypeMismatch, d.arg->span,
                   fmt::format("`{}` cannot aggregate `{}`", d.aggregate.text, TypeName(a)),
                   m.aggregate == Aggregate::kMin || m.aggregate == Aggregate::kMax
                       ? "min and max take numbers, Money, dates or Text"
                       : "sum and avg take Int, Decimal or Money");
      continue;
    }
    switch (m.aggregate) {
      case Aggregate::kSum:
        m.result = a;
        break;
      case Aggregate::kAvg:
        m.result = Type::Of(a.kind == TypeKind::kMoney ? TypeKind::kMoney : TypeKind::kDecimal,
                            /*opt=*/true);
        break;
      default:
        m.result = a.Optional();
        break;
    }
  }
}

void Checker::CheckLeaderboards() {
  for (LeaderboardInfo& lb : p_.leaderboards) {
    const ast::LeaderboardDecl& d = *lb.decl;
    Env env;
    env.data_access = true;
    env.where = "a leaderboard";
    lb.source =
        SourceOf(d.source, /*want_events=*/false, fmt::format("leaderboard `{}`", lb.name).c_str());
    if (lb.source >= 0 && p_.datasets[static_cast<size_t>(lb.source)].record >= 0) {
      const DataSetInfo& ds = p_.datasets[static_cast<size_t>(lb.source)];
      env.locals.push_back(Env::Local{d.var.text, RefKind::kRowVar, 0,
                                      Type{TypeKind::kRecord, false, ds.record}, lb.source});
    }
    if (d.where) Expect(d.where, env, Type::Of(TypeKind::kBool), "`where`");
    if (d.rank_by) {
      lb.score = CheckExpr(d.rank_by, env);
      if (!lb.score.IsError() && !Ordered(lb.score)) {
        sink_.Report(DiagKind::kTypeMismatch, d.rank_by->span,
                     fmt::format("a leaderboard ranks by a number, Money, a date or Text, not `{}`",
                                 TypeName(lb.score)));
        lb.score = Type::Error();
      }
    }
    if (d.top) {
      int64_t n = 0;
      bool ok = !d.top->empty() && d.top->size() < 12;
      for (const char c : *d.top) {
        if (c == '_') continue;
        ok = ok && c >= '0' && c <= '9';
        n = n * 10 + (c - '0');
      }
      if (!ok || n <= 0) {
        sink_.Report(
            DiagKind::kInvalidLiteral, d.name.span,
            fmt::format("leaderboard `{}`: `top` needs a positive count, not {}", lb.name, *d.top));
      } else {
        lb.top = n;
      }
    }
  }
}

Type Checker::MetricCall(const ast::Expr* e, const Symbol& sym, const Env& env) {
  const MetricInfo& m = p_.metrics[static_cast<size_t>(sym.index)];
  const size_t argc = e->kids.size();
  int window = 0;
  if (argc == 2) {
    const ast::Expr* w = e->kids[1];
    if (w->kind == ast::ExprKind::kName && (w->text == "prior" || w->text == "to_date")) {
      window = w->text == "prior" ? 1 : 2;
    } else {
      sink_.Report(DiagKind::kWrongArguments, w->span,
                   "the second argument of a metric call is `prior` or `to_date`");
    }
  }
  if (argc < 1 || argc > 2) {
    for (const ast::Expr* k : e->kids) CheckExpr(k, env);
    sink_.Report(
        DiagKind::kWrongArguments, e->span,
        fmt::format("a metric call is `{0}(key)`, `{0}(key, prior)` or `{0}(key, to_date)`",
                    m.name));
    return m.result;
  }
  if (!env.data_access) {
    sink_.Report(
        DiagKind::kDataAccess, e->span,
        fmt::format("metric `{}` can only be read inside rules and leaderboards, not in {}", m.name,
                    env.where));
  }
  const Type k = CheckExpr(e->kids[0], env);
  if (!k.IsError() && RequirePresent(e->kids[0], k) && !m.key.IsError()) {
    const bool ok = (k.kind == m.key.kind && k.index == m.key.index) ||
                    (k.kind == TypeKind::kInt && m.key.kind == TypeKind::kDecimal);
    if (!ok) {
      sink_.Report(DiagKind::kTypeMismatch, e->kids[0]->span,
                   fmt::format("metric `{}` is keyed by `{}`, not `{}`", m.name, TypeName(m.key),
                               TypeName(k)));
    }
  }
  p_.refs[e] = Ref{RefKind::kMetric, sym.index, window};
  return m.result;
}

Type Checker::TierMethod(const ast::Expr* e, const Symbol& sym, const Env& env) {
  const TiersInfo& t = p_.tiers[static_cast<size_t>(sym.index)];
  const size_t argc = e->kids.size() - 1;
  const bool marginal = e->text == "marginal";
  if (argc < 1 || argc > (marginal ? 2U : 1U)) {
    for (size_t i = 1; i < e->kids.size(); ++i) CheckExpr(e->kids[i], env);
    sink_.Report(DiagKind::kWrongArguments, e->span,
                 marginal ? fmt::format("`{0}.marginal` takes one or two arguments: "
                                        "`{0}.marginal(x)` or `{0}.marginal(from, to)`",
                                        t.name)
                          : fmt::format("`{}.{}` takes one argument", t.name, e->text));
    return Type::Error();
  }
  for (size_t i = 1; i < e->kids.size(); ++i) {
    const Type x = CheckExpr(e->kids[i], env);
    if (x.IsError() || t.threshold.IsError() || !RequirePresent(e->kids[i], x)) continue;
    const bool ok = (x.kind == t.threshold.kind && x.index == t.threshold.index) ||
                    (x.IsNumeric() && t.threshold.IsNumeric());
    if (!ok) {
      sink_.Report(DiagKind::kTypeMismatch, e->kids[i]->span,
                   fmt::format("the thresholds of `{}` are `{}`, this is `{}`", t.name,
                               TypeName(t.threshold), TypeName(x)));
    }
  }
  p_.refs[e] = Ref{RefKind::kTiers, sym.index, -1};
  if (e->text == "index") return Type::Of(TypeKind::kInt);
  if (e->text == "at") {
    if (!t.value.IsError() && !Summable(t.value)) {
      sink_.Report(DiagKind::kTypeMismatch, e->span,
                   fmt::format("`{}.at` needs Int, Decimal or Money values, not `{}`", t.name,
                               TypeName(t.value)),
                   "below the first threshold `.at` gives zero, which only numbers have");
      return Type::Error();
    }
    return t.value;
  }
  // marginal: rates applied to the parts of x in each bracket.
  if (!t.value.IsError() && !t.value.IsNumeric()) {
    sink_.Report(DiagKind::kTypeMismatch, e->span,
                 fmt::format("`{}.marginal` needs rates (Decimal values); `{}` has `{}` values",
                             t.name, t.name, TypeName(t.value)),
                 "use `.at(x)` to look a value up");
    return Type::Error();
  }
  if (t.threshold.kind == TypeKind::kDate) {
    sink_.Report(DiagKind::kTypeMismatch, e->span,
                 fmt::format("`{}.marginal` needs numeric thresholds, not dates", t.name));
    return Type::Error();
  }
  return Type::Of(t.threshold.kind == TypeKind::kMoney ? TypeKind::kMoney : TypeKind::kDecimal);
}

Type Checker::RankMethod(const ast::Expr* e, const Symbol& sym, const Env& env) {
  const LeaderboardInfo& lb = p_.leaderboards[static_cast<size_t>(sym.index)];
  if (e->text != "rank" || e->kids.size() != 2) {
    for (size_t i = 1; i < e->kids.size(); ++i) CheckExpr(e->kids[i], env);
    sink_.Report(DiagKind::kWrongArguments, e->name_span,
                 fmt::format("a leaderboard has one method, `{}.rank(row)`", lb.name));
    return Type::Error();
  }
  const Type row = CheckExpr(e->kids[1], env);
  if (!row.IsError() && RequirePresent(e->kids[1], row) && lb.source >= 0 &&
      p_.datasets[static_cast<size_t>(lb.source)].record >= 0) {
    const int want = p_.datasets[static_cast<size_t>(lb.source)].record;
    if (row.kind != TypeKind::kRecord || row.index != want) {
      sink_.Report(DiagKind::kTypeMismatch, e->kids[1]->span,
                   fmt::format("`{}` ranks `{}` rows, not `{}`", lb.name,
                               p_.records[static_cast<size_t>(want)].name, TypeName(row)));
    }
  }
  if (!env.data_access) {
    sink_.Report(
        DiagKind::kDataAccess, e->span,
        fmt::format("ranks can only be read inside rules and leaderboards, not in {}", env.where));
  }
  p_.refs[e] = Ref{RefKind::kLeaderboard, sym.index, -1};
  return Type::Of(TypeKind::kInt);
}

}  // namespace incant::sema
