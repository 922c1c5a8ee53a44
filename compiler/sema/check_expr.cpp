// Expression typing (brief §3): literals, names, fields, operators, `in`, `if`, `case`.
#include <fmt/format.h>

#include <set>

#include "compiler/sema/checker.h"
#include "compiler/sema/literals.h"

namespace incant::sema {
namespace {

using ast::ExprKind;
using ast::Op;

bool IsZeroLiteral(const ast::Expr* e) {
  if (e->kind == ExprKind::kIntLit || e->kind == ExprKind::kDecimalLit ||
      e->kind == ExprKind::kPercentLit || e->kind == ExprKind::kMoneyLit) {
    Decimal d;
    return ParseDecimalLiteral(e->text, false, &d) && d.IsZero();
  }
  return false;
}

bool Comparable(Type a, Type b) {
  if (a.IsNumeric() && b.IsNumeric()) return true;
  return a.kind == b.kind && a.index == b.index;
}

}  // namespace

Type Checker::Record(const ast::Expr* e, Type t) {
  p_.types[e] = t;
  return t;
}

bool Checker::RequirePresent(const ast::Expr* e, Type t) {
  if (!t.optional || t.IsError()) return true;
  sink_.Report(DiagKind::kOptional, e->span,
               fmt::format("this value may be absent (`{}`)", TypeName(t)),
               "give a default with `?? value`, or test it with `present(x)`");
  return false;
}

Type Checker::Expect(const ast::Expr* e, const Env& env, Type want, const char* what) {
  const Type t = CheckExpr(e, env);
  if (t.IsError() || want.IsError()) return t;
  if (!RequirePresent(e, t)) return Type::Error();
  const bool widen = want.kind == TypeKind::kDecimal && t.kind == TypeKind::kInt;
  if (t.kind != want.kind || (t.index != want.index && !widen)) {
    if (!widen) {
      sink_.Report(DiagKind::kTypeMismatch, e->span,
                   fmt::format("{} must be `{}`, not `{}`", what, TypeName(want), TypeName(t)));
      return Type::Error();
    }
  }
  return want;
}

Type Checker::Unify(const ast::Expr* at, Type a, Type b, const char* what) {
  if (a.IsError() || b.IsError()) return Type::Error();
  const bool opt = a.optional || b.optional;
  if (a.IsNumeric() && b.IsNumeric()) {
    return Type::Of(
        a.kind == TypeKind::kInt && b.kind == TypeKind::kInt ? TypeKind::kInt : TypeKind::kDecimal,
        opt);
  }
  if (a.kind == b.kind && a.index == b.index) return Type{a.kind, opt, a.index};
  sink_.Report(
      DiagKind::kTypeMismatch, at->span,
      fmt::format("{} have different types: `{}` and `{}`", what, TypeName(a), TypeName(b)));
  return Type::Error();
}

Type Checker::CheckLiteral(const ast::Expr* e) {
  switch (e->kind) {
    case ExprKind::kIntLit: {
      int64_t v = 0;
      if (!ParseIntLiteral(e->text, &v)) {
        sink_.Report(DiagKind::kInvalidLiteral, e->span,
                     fmt::format("`{}` does not fit an `Int` (64 bits)", e->text));
        return Type::Error();
      }
      return Type::Of(TypeKind::kInt);
    }
    case ExprKind::kDecimalLit:
    case ExprKind::kPercentLit:
    case ExprKind::kMoneyLit: {
      Decimal d;
      if (!ParseDecimalLiteral(e->text, e->kind == ExprKind::kPercentLit, &d)) {
        sink_.Report(DiagKind::kInvalidLiteral, e->span,
                     fmt::format("`{}` is not an exact decimal (at most 12 fractional digits, "
                                 "magnitude below 10^24)",
                                 e->text));
        return Type::Error();
      }
      if (e->kind != ExprKind::kMoneyLit) return Type::Of(TypeKind::kDecimal);
      if (!p_.currency.empty() && e->currency != p_.currency) {
        sink_.Report(DiagKind::kForeignCurrency, e->span,
                     fmt::format("`{}` is not the program currency `{}`", e->currency, p_.currency),
                     "v1 programs compute in one currency; convert amounts before loading them");
        return Type::Error();
      }
      return Type::Of(TypeKind::kMoney);
    }
    case ExprKind::kTextLit:
      return Type::Of(TypeKind::kText);
    case ExprKind::kBoolLit:
      return Type::Of(TypeKind::kBool);
    case ExprKind::kDateLit: {
      Date d;
      if (!Date::Parse(e->text, &d)) {
        sink_.Report(DiagKind::kInvalidLiteral, e->span,
                     fmt::format("`{}` is not a calendar date", e->text));
        return Type::Error();
      }
      return Type::Of(TypeKind::kDate);
    }
    default:
      return Type::Error();
  }
}

Type Checker::CheckName(const ast::Expr* e, const Env& env) {
  for (auto it = env.locals.rbegin(); it != env.locals.rend(); ++it) {
    if (it->name == e->text) {
      p_.refs[e] = Ref{it->kind, it->index, it->dataset};
      return it->type;
    }
  }
  const Symbol* sym = Lookup(e->text);
  if (sym == nullptr) {
    std::vector<std::string> pool = GlobalNames();
    for (const Env::Local& l : env.locals) pool.push_back(l.name);
    sink_.Report(DiagKind::kUnknownName, e->span, fmt::format("unknown name `{}`", e->text),
                 Suggest(e->text, pool));
    return Type::Error();
  }
  switch (sym->kind) {
    case RefKind::kParam: {
      ParamInfo& prm = p_.params[static_cast<size_t>(sym->index)];
      prm.used = true;
      p_.refs[e] = Ref{RefKind::kParam, sym->index, -1};
      return prm.type;
    }
    case RefKind::kLet: {
      EnsureLet(sym->index);
      p_.refs[e] = Ref{RefKind::kLet, sym->index, -1};
      return p_.lets[static_cast<size_t>(sym->index)].type;
    }
    case RefKind::kEnumMember: {
      const auto& [en, ord] = enum_members_.at(e->text);
      p_.refs[e] = Ref{RefKind::kEnumMember, ord, en};
      return Type{TypeKind::kEnum, false, en};
    }
    case RefKind::kFund:
      p_.refs[e] = Ref{RefKind::kFund, sym->index, -1};
      return Type::Of(TypeKind::kFund);
    case RefKind::kTiers:
      p_.refs[e] = Ref{RefKind::kTiers, sym->index, -1};
      return Type::Of(TypeKind::kTiers);
    default:
      break;
  }
  sink_.Report(DiagKind::kTypeMismatch, e->span,
               fmt::format("`{}` is a {}, not a value", e->text,
                           sym->decl ? ast::DeclKindWord(sym->decl->kind) : "declaration"),
               sym->kind == RefKind::kFn || sym->kind == RefKind::kMetric
                   ? fmt::format("call it: `{}(...)`", e->text)
                   : "");
  return Type::Error();
}

Type Checker::CheckField(const ast::Expr* e, const Env& env) {
  const Type base = CheckExpr(e->kids[0], env);
  if (base.IsError()) return base;
  if (base.kind != TypeKind::kRecord) {
    sink_.Report(DiagKind::kTypeMismatch, e->name_span,
                 fmt::format("`{}` has no fields; `.{}` needs a record", TypeName(base), e->text));
    return Type::Error();
  }
  if (!RequirePresent(e->kids[0], base)) return Type::Error();
  const RecordInfo& rec = p_.records[static_cast<size_t>(base.index)];
  const int f = rec.FieldIndex(e->text);
  if (f < 0) {
    std::vector<std::string> pool;
    for (const FieldInfo& fi : rec.fields) pool.push_back(fi.name);
    sink_.Report(DiagKind::kUnknownName, e->name_span,
                 fmt::format("record `{}` has no field `{}`", rec.name, e->text),
                 Suggest(e->text, pool));
    return Type::Error();
  }
  p_.refs[e] = Ref{RefKind::kField, f, base.index};
  return rec.fields[static_cast<size_t>(f)].type;
}

Type Checker::CheckBinary(const ast::Expr* e, const Env& env) {
  const Type a = CheckExpr(e->kids[0], env);
  const Type b = CheckExpr(e->kids[1], env);
  if (a.IsError() || b.IsError()) return Type::Error();
  if (!RequirePresent(e->kids[0], a) || !RequirePresent(e->kids[1], b)) return Type::Error();
  const Op op = e->op;
  if (op == Op::kDiv && IsZeroLiteral(e->kids[1])) {
    sink_.Report(DiagKind::kDivisionByZero, e->kids[1]->span, "division by zero");
    return Type::Error();
  }
  const TypeKind ka = a.kind, kb = b.kind;
  const bool na = a.IsNumeric(), nb = b.IsNumeric();
  if (na && nb) {
    if (op == Op::kDiv) return Type::Of(TypeKind::kDecimal);
    return Type::Of(ka == TypeKind::kInt && kb == TypeKind::kInt ? TypeKind::kInt
                                                                 : TypeKind::kDecimal);
  }
  const bool ma = ka == TypeKind::kMoney, mb = kb == TypeKind::kMoney;
  switch (op) {
    case Op::kAdd:
    case Op::kSub:
      if (ma && mb) return Type::Of(TypeKind::kMoney);
      if (op == Op::kSub && ka == TypeKind::kDate && kb == TypeKind::kDate)
        return Type::Of(TypeKind::kInt);
      if ((ma && nb) || (na && mb)) {
        sink_.Report(DiagKind::kMoneyMisuse, e->name_span,
                     fmt::format("cannot {} `{}` and `{}`", op == Op::kAdd ? "add" : "subtract",
                                 TypeName(a), TypeName(b)),
                     "to apply a rate, multiply: `amount * rate`; to add a fixed sum, write it as "
                     "money: `50 USD`");
        return Type::Error();
      }
      if (ka == TypeKind::kDate && (kb == TypeKind::kInt)) {
        sink_.Report(DiagKind::kTypeMismatch, e->name_span, "cannot add days to a `Date` with `+`",
                     "use `add_days(d, n)`");
        return Type::Error();
      }
      break;
    case Op::kMul:
      if ((ma && nb) || (na && mb)) return Type::Of(TypeKind::kMoney);
      if (ma && mb) {
        sink_.Report(DiagKind::kMoneyMisuse, e->name_span, "cannot multiply `Money` by `Money`",
                     "multiply an amount by a rate or a count instead");
        return Type::Error();
      }
      break;
    case Op::kDiv:
      if (ma && nb) return Type::Of(TypeKind::kMoney);
      if (ma && mb) return Type::Of(TypeKind::kDecimal);
      if (na && mb) {
        sink_.Report(DiagKind::kMoneyMisuse, e->name_span,
                     fmt::format("cannot divide `{}` by `Money`", TypeName(a)),
                     "divide Money by Money for a ratio, or Money by a number for a share");
        return Type::Error();
      }
      break;
    default:
      break;
  }
  sink_.Report(DiagKind::kTypeMismatch, e->name_span,
               fmt::format("operator `{}` does not apply to `{}` and `{}`", ast::OpText(op),
                           TypeName(a), TypeName(b)));
  return Type::Error();
}

Type Checker::CheckCompare(const ast::Expr* e, const Env& env) {
  const Type a = CheckExpr(e->kids[0], env);
  const Type b = CheckExpr(e->kids[1], env);
  if (a.IsError() || b.IsError()) return Type::Of(TypeKind::kBool);
  if (!RequirePresent(e->kids[0], a) || !RequirePresent(e->kids[1], b))
    return Type::Of(TypeKind::kBool);
  if (!Comparable(a, b)) {
    sink_.Report(DiagKind::kTypeMismatch, e->name_span,
                 fmt::format("cannot compare `{}` with `{}`", TypeName(a), TypeName(b)),
                 a.kind == TypeKind::kMoney || b.kind == TypeKind::kMoney
                     ? "write the number as money, e.g. `0 USD`"
                     : "");
    return Type::Of(TypeKind::kBool);
  }
  const bool ordering = e->op != Op::kEq && e->op != Op::kNe;
  if (ordering &&
      (a.kind == TypeKind::kBool || a.kind == TypeKind::kEnum || a.kind == TypeKind::kRecord)) {
    sink_.Report(DiagKind::kTypeMismatch, e->name_span,
                 fmt::format("`{}` values have no order; use `==` or `!=`", TypeName(a)));
  }
  return Type::Of(TypeKind::kBool);
}

Type Checker::CheckIn(const ast::Expr* e, const Env& env) {
  const Type subject = CheckExpr(e->kids[0], env);
  if (!subject.IsError()) RequirePresent(e->kids[0], subject);
  if (e->kind == ExprKind::kInPeriod) {
    Date a, b;
    if (!ParsePeriodLiteral(e->text, &a, &b)) {
      sink_.Report(DiagKind::kInvalidLiteral, e->name_span,
                   fmt::format("`{}` is not a month or quarter", e->text));
    }
    if (!subject.IsError() && subject.kind != TypeKind::kDate) {
      sink_.Report(DiagKind::kTypeMismatch, e->kids[0]->span,
                   fmt::format("`in {}` needs a `Date`, not `{}`", e->text, TypeName(subject)));
    }
    return Type::Of(TypeKind::kBool);
  }
  for (size_t i = 1; i < e->kids.size(); ++i) {
    const ast::Expr* k = e->kids[i];
    if (k == nullptr) continue;
    const Type t = CheckExpr(k, env);
    if (t.IsError() || subject.IsError()) continue;
    RequirePresent(k, t);
    if (!Comparable(subject, t)) {
      sink_.Report(
          DiagKind::kTypeMismatch, k->span,
          fmt::format("`{}` cannot be compared with `{}`", TypeName(t), TypeName(subject)));
    }
  }
  if (e->kind == ExprKind::kInRange && !subject.IsError()) {
    const bool ordered = subject.IsNumeric() || subject.kind == TypeKind::kMoney ||
                         subject.kind == TypeKind::kDate || subject.kind == TypeKind::kText;
    if (!ordered) {
      sink_.Report(DiagKind::kTypeMismatch, e->kids[0]->span,
                   fmt::format("a range needs ordered values, not `{}`", TypeName(subject)));
    }
  }
  return Type::Of(TypeKind::kBool);
}

Type Checker::CheckCase(const ast::Expr* e, const Env& env) {
  const Type subject = CheckExpr(e->kids[0], env);
  if (!subject.IsError()) RequirePresent(e->kids[0], subject);
  Type result = Type::Error();
  bool first = true, has_else = false;
  std::set<int> covered;
  for (const ast::CaseArm& arm : e->arms) {
    if (arm.patterns.empty()) has_else = true;
    for (const ast::Expr* pat : arm.patterns) {
      Type pt = Type::Error();
      if (pat->kind == ExprKind::kName) {
        const auto it = enum_members_.find(pat->text);
        if (it == enum_members_.end()) {
          std::vector<std::string> pool;
          if (subject.kind == TypeKind::kEnum)
            pool = p_.enums[static_cast<size_t>(subject.index)].members;
          sink_.Report(DiagKind::kUnknownName, pat->span,
                       fmt::format("`{}` is not an enum member", pat->text),
                       Suggest(pat->text, pool));
          continue;
        }
        pt = Type{TypeKind::kEnum, false, it->second.first};
        p_.refs[pat] = Ref{RefKind::kEnumMember, it->second.second, it->second.first};
        p_.types[pat] = pt;
        if (!covered.insert(it->second.second).second && pt == subject) {
          sink_.Report(DiagKind::kTypeMismatch, pat->span,
                       fmt::format("`{}` already has an arm in this `case`", pat->text));
        }
      } else {
        pt = Record(pat, CheckLiteral(pat));
      }
      if (!pt.IsError() && !subject.IsError() && !Comparable(pt.Required(), subject.Required())) {
        sink_.Report(
            DiagKind::kTypeMismatch, pat->span,
            fmt::format("pattern of type `{}` cannot match `{}`", TypeName(pt), TypeName(subject)));
      }
    }
    const Type bt = CheckExpr(arm.body, env);
    result = first ? bt : Unify(arm.body, result, bt, "the arms of `case`");
    first = false;
  }
  if (!has_else && !subject.IsError()) {
    if (subject.kind == TypeKind::kEnum) {
      const EnumInfo& en = p_.enums[static_cast<size_t>(subject.index)];
      std::string missing;
      for (size_t i = 0; i < en.members.size(); ++i) {
        if (!covered.count(static_cast<int>(i)))
          missing += (missing.empty() ? "`" : ", `") + en.members[i] + "`";
      }
      if (!missing.empty()) {
        sink_.Report(DiagKind::kNonExhaustiveCase, e->span,
                     fmt::format("`case` over `{}` does not cover {}", en.name, missing),
                     "add the missing members or an `else => ...` arm");
      }
    } else {
      sink_.Report(DiagKind::kNonExhaustiveCase, e->span,
                   fmt::format("`case` over `{}` needs an `else => ...` arm", TypeName(subject)));
    }
  }
  return result;
}

Type Checker::CheckExpr(const ast::Expr* e, const Env& env) {
  if (e == nullptr) return Type::Error();
  switch (e->kind) {
    case ExprKind::kIntLit:
    case ExprKind::kDecimalLit:
    case ExprKind::kPercentLit:
    case ExprKind::kMoneyLit:
    case ExprKind::kTextLit:
    case ExprKind::kBoolLit:
    case ExprKind::kDateLit:
      return Record(e, CheckLiteral(e));
    case ExprKind::kName:
      return Record(e, CheckName(e, env));
    case ExprKind::kField:
      return Record(e, CheckField(e, env));
    case ExprKind::kCall:
      return Record(e, CheckCall(e, env));
    case ExprKind::kMethod:
      return Record(e, CheckMethod(e, env));
    case ExprKind::kNeg: {
      const Type t = CheckExpr(e->kids[0], env);
      if (t.IsError() || !RequirePresent(e->kids[0], t)) return Record(e, Type::Error());
      if (!t.IsNumeric() && t.kind != TypeKind::kMoney) {
        sink_.Report(DiagKind::kTypeMismatch, e->span,
                     fmt::format("cannot negate `{}`", TypeName(t)));
        return Record(e, Type::Error());
      }
      return Record(e, t);
    }
    case ExprKind::kNot:
      Expect(e->kids[0], env, Type::Of(TypeKind::kBool), "the operand of `not`");
      return Record(e, Type::Of(TypeKind::kBool));
    case ExprKind::kAnd:
    case ExprKind::kOr:
      Expect(e->kids[0], env, Type::Of(TypeKind::kBool), "each side of `and`/`or`");
      Expect(e->kids[1], env, Type::Of(TypeKind::kBool), "each side of `and`/`or`");
      return Record(e, Type::Of(TypeKind::kBool));
    case ExprKind::kBinary:
      return Record(e, CheckBinary(e, env));
    case ExprKind::kCompare:
      return Record(e, CheckCompare(e, env));
    case ExprKind::kInList:
    case ExprKind::kInRange:
    case ExprKind::kInPeriod:
      return Record(e, CheckIn(e, env));
    case ExprKind::kCoalesce: {
      const Type a = CheckExpr(e->kids[0], env);
      const Type b = CheckExpr(e->kids[1], env);
      if (a.IsError() || b.IsError()) return Record(e, Type::Error());
      if (!a.optional) {
        sink_.Report(DiagKind::kNeedlessCoalesce, e->kids[0]->span,
                     fmt::format("`{}` is never absent, so `??` always gives it", TypeName(a)));
      }
      const Type u = Unify(e, a.Required(), b.Required(), "the two sides of `??`");
      return Record(e, u.IsError() ? u : (b.optional ? u.Optional() : u.Required()));
    }
    case ExprKind::kIf: {
      Expect(e->kids[0], env, Type::Of(TypeKind::kBool), "the condition of `if`");
      const Type a = CheckExpr(e->kids[1], env);
      const Type b = CheckExpr(e->kids[2], env);
      return Record(e, Unify(e, a, b, "the branches of `if`"));
    }
    case ExprKind::kCase:
      return Record(e, CheckCase(e, env));
    case ExprKind::kList:
      sink_.Report(DiagKind::kTypeMismatch, e->span, "a list can only follow `in` or `not in`");
      return Record(e, Type::Error());
    case ExprKind::kError:
      return Record(e, Type::Error());
  }
  return Type::Error();
}

}  // namespace incant::sema
