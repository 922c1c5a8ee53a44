// Calls: built-ins (stdlib table), user fns, metrics, and methods on tiers,
// funds and leaderboards.
#include <fmt/format.h>

#include "compiler/sema/checker.h"
#include "stdlib/builtins.h"

namespace incant::sema {
namespace {
using stdlib::Builtin;
}  // namespace

Type Checker::CheckCall(const ast::Expr* e, const Env& env) {
  const size_t argc = e->kids.size();
  if (const auto* b = stdlib::FindBuiltin(e->text); b != nullptr && Lookup(e->text) == nullptr) {
    if (static_cast<int>(argc) < b->min_args || static_cast<int>(argc) > b->max_args) {
      sink_.Report(DiagKind::kWrongArguments, e->span,
                   fmt::format("`{}` takes {} argument{}, not {}", b->name,
                               b->min_args == b->max_args ? std::to_string(b->min_args)
                                                          : fmt::format("{} or more", b->min_args),
                               b->max_args == 1 ? "" : "s", argc),
                   fmt::format("`{}`: {}", b->signature, b->doc));
      for (const ast::Expr* k : e->kids) CheckExpr(k, env);
      return Type::Error();
    }
    p_.refs[e] = Ref{RefKind::kBuiltin, static_cast<int>(b->id), -1};
    return CheckBuiltin(e, static_cast<int>(b->id), env);
  }
  const Symbol* sym = Lookup(e->text);
  if (sym != nullptr && sym->kind == RefKind::kMetric) return MetricCall(e, *sym, env);
  if (sym == nullptr || sym->kind != RefKind::kFn) {
    for (const ast::Expr* k : e->kids) CheckExpr(k, env);
    if (sym == nullptr) {
      std::vector<std::string> pool = GlobalNames();
      for (int i = 0; i <= static_cast<int>(Builtin::kContains); ++i) {
        pool.emplace_back(stdlib::GetBuiltin(static_cast<Builtin>(i)).name);
      }
      sink_.Report(DiagKind::kUnknownName, e->name_span,
                   fmt::format("unknown function `{}`", e->text), Suggest(e->text, pool));
    } else {
      sink_.Report(DiagKind::kTypeMismatch, e->name_span,
                   fmt::format("`{}` is not a function", e->text));
    }
    return Type::Error();
  }
  if (current_fn_ >= 0) fn_calls_[static_cast<size_t>(current_fn_)].push_back(sym->index);
  EnsureFn(sym->index);
  const FnInfo& fn = p_.fns[static_cast<size_t>(sym->index)];
  p_.refs[e] = Ref{RefKind::kFn, sym->index, -1};
  if (argc != fn.params.size()) {
    sink_.Report(DiagKind::kWrongArguments, e->span,
                 fmt::format("`{}` takes {} argument{}, not {}", fn.name, fn.params.size(),
                             fn.params.size() == 1 ? "" : "s", argc));
    for (const ast::Expr* k : e->kids) CheckExpr(k, env);
    return fn.result;
  }
  for (size_t i = 0; i < argc; ++i) {
    const Type want = fn.params[i];
    const Type got = CheckExpr(e->kids[i], env);
    if (got.IsError() || want.IsError()) continue;
    const bool ok =
        (got.kind == want.kind && got.index == want.index && (want.optional || !got.optional)) ||
        (want.kind == TypeKind::kDecimal && got.kind == TypeKind::kInt && !got.optional);
    if (!ok) {
      sink_.Report(got.optional && !want.optional ? DiagKind::kOptional : DiagKind::kTypeMismatch,
                   e->kids[i]->span,
                   fmt::format("argument {} of `{}` must be `{}`, not `{}`", i + 1, fn.name,
                               TypeName(want), TypeName(got)));
    }
  }
  return fn.result;
}

Type Checker::CheckBuiltin(const ast::Expr* e, int id, const Env& env) {
  std::vector<Type> t;
  for (const ast::Expr* k : e->kids) t.push_back(CheckExpr(k, env));
  for (const Type& x : t) {
    if (x.IsError()) return Type::Error();
  }
  const auto b = static_cast<Builtin>(id);
  const std::string_view name = stdlib::GetBuiltin(b).name;
  auto bad = [&](size_t i, const char* want) {
    sink_.Report(DiagKind::kTypeMismatch, e->kids[i]->span,
                 fmt::format("`{}` needs {} here, not `{}`", name, want, TypeName(t[i])));
    return Type::Error();
  };
  if (b != Builtin::kPresent) {
    for (size_t i = 0; i < t.size(); ++i) {
      if (!RequirePresent(e->kids[i], t[i])) return Type::Error();
    }
  }
  auto is_num_or_money = [](Type x) { return x.IsNumeric() || x.kind == TypeKind::kMoney; };
  switch (b) {
    case Builtin::kMin:
    case Builtin::kMax: {
      Type acc = t[0];
      for (size_t i = 0; i < t.size(); ++i) {
        if (!is_num_or_money(t[i])) return bad(i, "a number or Money");
        if (i > 0) acc = Unify(e->kids[i], acc, t[i], "the arguments of `min`/`max`");
      }
      return acc;
    }
    case Builtin::kAbs:
      return is_num_or_money(t[0]) ? t[0] : bad(0, "a number or Money");
    case Builtin::kRound:
      if (!is_num_or_money(t[0])) return bad(0, "a number or Money");
      if (t[1].kind != TypeKind::kInt) return bad(1, "an `Int` number of digits");
      return t[0];
    case Builtin::kFloor:
    case Builtin::kCeil:
      if (!is_num_or_money(t[0])) return bad(0, "a number or Money");
      return t[0].kind == TypeKind::kMoney ? t[0] : Type::Of(TypeKind::kInt);
    case Builtin::kPresent:
      if (!t[0].optional) {
        sink_.Report(
            DiagKind::kNeedlessCoalesce, e->kids[0]->span,
            fmt::format("`{}` is never absent, so `present` is always true", TypeName(t[0])));
      }
      return Type::Of(TypeKind::kBool);
    case Builtin::kYear:
    case Builtin::kQuarter:
    case Builtin::kMonth:
    case Builtin::kDay:
      return t[0].kind == TypeKind::kDate ? Type::Of(TypeKind::kInt) : bad(0, "a `Date`");
    case Builtin::kAddDays:
      if (t[0].kind != TypeKind::kDate) return bad(0, "a `Date`");
      if (t[1].kind != TypeKind::kInt) return bad(1, "an `Int` number of days");
      return Type::Of(TypeKind::kDate);
    case Builtin::kDaysBetween:
      if (t[0].kind != TypeKind::kDate) return bad(0, "a `Date`");
      if (t[1].kind != TypeKind::kDate) return bad(1, "a `Date`");
      return Type::Of(TypeKind::kInt);
    case Builtin::kLower:
    case Builtin::kUpper:
      return t[0].kind == TypeKind::kText ? Type::Of(TypeKind::kText) : bad(0, "`Text`");
    case Builtin::kLen:
      return t[0].kind == TypeKind::kText ? Type::Of(TypeKind::kInt) : bad(0, "`Text`");
    case Builtin::kStartsWith:
    case Builtin::kEndsWith:
    case Builtin::kContains:
      if (t[0].kind != TypeKind::kText) return bad(0, "`Text`");
      if (t[1].kind != TypeKind::kText) return bad(1, "`Text`");
      return Type::Of(TypeKind::kBool);
  }
  return Type::Error();
}

Type Checker::CheckMethod(const ast::Expr* e, const Env& env) {
  const ast::Expr* recv = e->kids[0];
  const Symbol* sym = recv->kind == ast::ExprKind::kName ? Lookup(recv->text) : nullptr;
  bool shadowed = false;
  for (const Env::Local& l : env.locals)
    shadowed |= recv->kind == ast::ExprKind::kName && l.name == recv->text;
  const size_t argc = e->kids.size() - 1;
  if (sym == nullptr || shadowed) {
    CheckExpr(recv, env);
    sink_.Report(
        DiagKind::kTypeMismatch, e->name_span,
        fmt::format("`.{}(...)` is a method of tier tables, funds and leaderboards", e->text));
    return Type::Error();
  }
  if (sym->kind == RefKind::kFund) {
    p_.refs[recv] = Ref{RefKind::kFund, sym->index, -1};
    if (e->text != "balance" || argc != 1) {
      sink_.Report(DiagKind::kWrongArguments, e->name_span,
                   fmt::format("a fund has one method, `{}.balance(payee)`", recv->text));
      return Type::Error();
    }
    const Type pt = CheckExpr(e->kids[1], env);
    if (!pt.IsError() && (pt.kind != TypeKind::kRecord || pt.optional)) {
      sink_.Report(
          DiagKind::kPayeeNotKeyed, e->kids[1]->span,
          fmt::format("`{}.balance` needs a payee row, not `{}`", recv->text, TypeName(pt)));
    }
    if (!env.data_access) {
      sink_.Report(
          DiagKind::kDataAccess, e->span,
          fmt::format("fund balances can only be read inside rules, not in {}", env.where));
    }
    p_.refs[e] = Ref{RefKind::kFund, sym->index, -1};
    return Type::Of(TypeKind::kMoney);
  }
  if (sym->kind == RefKind::kTiers) {
    if (e->text != "at" && e->text != "marginal" && e->text != "index") {
      for (size_t i = 1; i < e->kids.size(); ++i) CheckExpr(e->kids[i], env);
      sink_.Report(
          DiagKind::kUnknownName, e->name_span,
          fmt::format("tier tables have `.at`, `.marginal` and `.index`, not `.{}`", e->text));
      return Type::Error();
    }
    return TierMethod(e, *sym, env);
  }
  if (sym->kind == RefKind::kLeaderboard) return RankMethod(e, *sym, env);
  sink_.Report(DiagKind::kTypeMismatch, e->name_span,
               fmt::format("`{}` has no method `{}`", recv->text, e->text));
  return Type::Error();
}

}  // namespace incant::sema
