// Params, lets, fns (and recursion), tier tables, and declarations whose
// semantics arrive later.
#include <fmt/format.h>

#include <functional>

#include "compiler/sema/checker.h"
#include "compiler/sema/literals.h"

namespace incant::sema {

void Checker::EnsureLet(int index) {
  let_state_.resize(p_.lets.size(), State::kTodo);
  State& st = let_state_[static_cast<size_t>(index)];
  LetInfo& let = p_.lets[static_cast<size_t>(index)];
  if (st == State::kDone) return;
  if (st == State::kBusy) {
    sink_.Report(DiagKind::kRecursion, let.decl->name.span,
                 fmt::format("`let {}` is defined in terms of itself", let.name));
    st = State::kDone;
    return;
  }
  st = State::kBusy;
  Env env;
  env.where = "a `let`";
  const int saved = current_fn_;
  current_fn_ = -1;
  let.type = CheckExpr(let.decl->value, env);
  current_fn_ = saved;
  st = State::kDone;
}

void Checker::EnsureFn(int index) {
  fn_state_.resize(p_.fns.size(), State::kTodo);
  fn_calls_.resize(p_.fns.size());
  State& st = fn_state_[static_cast<size_t>(index)];
  FnInfo& fn = p_.fns[static_cast<size_t>(index)];
  if (st != State::kTodo) return;  // busy: recursion, reported by CheckRecursion
  st = State::kBusy;
  Env env;
  env.where = "a `fn` body";
  for (size_t i = 0; i < fn.decl->params.size(); ++i) {
    env.locals.push_back(Env::Local{fn.decl->params[i].name.text, RefKind::kFnParam,
                                    static_cast<int>(i), fn.params[i], -1});
  }
  const int saved = current_fn_;
  current_fn_ = index;
  const Type body = CheckExpr(fn.decl->body, env);
  current_fn_ = saved;
  if (fn.decl->result) {
    const Type want = fn.result;
    const bool ok =
        body.IsError() || want.IsError() ||
        (body.kind == want.kind && body.index == want.index && (want.optional || !body.optional)) ||
        (want.kind == TypeKind::kDecimal && body.kind == TypeKind::kInt);
    if (!ok) {
      sink_.Report(DiagKind::kTypeMismatch, fn.decl->body->span,
                   fmt::format("`{}` is declared to return `{}` but its body is `{}`", fn.name,
                               TypeName(want), TypeName(body)));
    }
  } else {
    fn.result = body;
  }
  st = State::kDone;
}

void Checker::CheckFns() {
  fn_calls_.resize(p_.fns.size());
  for (size_t i = 0; i < p_.fns.size(); ++i) EnsureFn(static_cast<int>(i));
}

void Checker::CheckValues() {
  for (size_t i = 0; i < p_.lets.size(); ++i) EnsureLet(static_cast<int>(i));
  for (ParamInfo& prm : p_.params) {
    Env env;
    env.where = "a `param`";
    const Type t = CheckExpr(prm.decl->value, env);
    if (t.IsError() || prm.type.IsError()) continue;
    const bool ok = (t.kind == prm.type.kind && t.index == prm.type.index) ||
                    (prm.type.kind == TypeKind::kDecimal && t.kind == TypeKind::kInt);
    if (!ok) {
      sink_.Report(DiagKind::kTypeMismatch, prm.decl->value->span,
                   fmt::format("param `{}` is `{}` but its default is `{}`", prm.name,
                               TypeName(prm.type), TypeName(t)));
    }
  }
}

void Checker::CheckRecursion() {
  // Depth-first search for a cycle in the fn call graph; report each cycle once.
  std::vector<int> color(p_.fns.size(), 0);  // 0 new, 1 on stack, 2 done
  std::vector<int> stack;
  std::function<void(int)> visit = [&](int f) {
    color[static_cast<size_t>(f)] = 1;
    stack.push_back(f);
    for (const int g : fn_calls_[static_cast<size_t>(f)]) {
      if (color[static_cast<size_t>(g)] == 1) {
        std::string cycle;
        bool on = false;
        for (const int s : stack) {
          on |= s == g;
          if (on) cycle += p_.fns[static_cast<size_t>(s)].name + " -> ";
        }
        cycle += p_.fns[static_cast<size_t>(g)].name;
        sink_.Report(
            DiagKind::kRecursion, p_.fns[static_cast<size_t>(g)].decl->name.span,
            fmt::format("`{}` is recursive ({})", p_.fns[static_cast<size_t>(g)].name, cycle),
            "functions may not call themselves, directly or through others");
      } else if (color[static_cast<size_t>(g)] == 0) {
        visit(g);
      }
    }
    stack.pop_back();
    color[static_cast<size_t>(f)] = 2;
  };
  for (size_t f = 0; f < p_.fns.size(); ++f) {
    if (color[f] == 0) visit(static_cast<int>(f));
  }
}

void Checker::CheckTiers() {
  for (TiersInfo& t : p_.tiers) {
    Env env;
    env.where = "a tier table";
    bool first = true;
    Decimal prev;
    bool have_prev = false;
    for (const ast::TierEntry& entry : t.decl->entries) {
      const Type th = CheckExpr(entry.threshold, env);
      const Type va = CheckExpr(entry.value, env);
      if (first) {
        t.threshold = th;
        t.value = va;
        first = false;
      } else {
        auto same = [](Type a, Type b) {
          return a.IsError() || b.IsError() || (a.kind == b.kind && a.index == b.index) ||
                 (a.IsNumeric() && b.IsNumeric());
        };
        if (!same(t.threshold, th)) {
          sink_.Report(DiagKind::kTierMixedTypes, entry.threshold->span,
                       fmt::format("tier thresholds must all be `{}`, this one is `{}`",
                                   TypeName(t.threshold), TypeName(th)));
        }
        // Int and Decimal mix; the table then holds Decimals.
        if (t.threshold.kind == TypeKind::kInt && th.kind == TypeKind::kDecimal) t.threshold = th;
        if (t.value.kind == TypeKind::kInt && va.kind == TypeKind::kDecimal) t.value = va;
        if (!same(t.value, va)) {
          sink_.Report(DiagKind::kTierMixedTypes, entry.value->span,
                       fmt::format("tier values must all be `{}`, this one is `{}`",
                                   TypeName(t.value), TypeName(va)));
        }
      }
      // Literal thresholds (optionally negated) must strictly increase.
      const ast::Expr* lit = entry.threshold;
      bool neg = false;
      if (lit->kind == ast::ExprKind::kNeg) {
        neg = true;
        lit = lit->kids[0];
      }
      Decimal v;
      const bool is_lit =
          (lit->kind == ast::ExprKind::kIntLit || lit->kind == ast::ExprKind::kDecimalLit ||
           lit->kind == ast::ExprKind::kMoneyLit || lit->kind == ast::ExprKind::kPercentLit) &&
          ParseDecimalLiteral(lit->text, lit->kind == ast::ExprKind::kPercentLit, &v);
      if (is_lit) {
        if (neg) (void)Decimal::Neg(v, &v);
        if (have_prev && v <= prev) {
          sink_.Report(DiagKind::kTierOrder, entry.threshold->span,
                       fmt::format("tier thresholds must strictly increase: {} follows {}",
                                   v.ToString(), prev.ToString()));
        }
        prev = v;
        have_prev = true;
      }
    }
  }
}

}  // namespace incant::sema
