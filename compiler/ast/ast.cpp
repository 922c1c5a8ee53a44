#include "compiler/ast/ast.h"

namespace incant::ast {

Expr* Module::NewExpr(ExprKind kind, Span span) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->span = span;
  e->id = next_id_++;
  exprs_.push_back(std::move(e));
  return exprs_.back().get();
}

const char* OpText(Op op) {
  switch (op) {
    case Op::kNone:
      return "";
    case Op::kAdd:
      return "+";
    case Op::kSub:
      return "-";
    case Op::kMul:
      return "*";
    case Op::kDiv:
      return "/";
    case Op::kEq:
      return "==";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
  }
  return "";
}

const char* DeclKindWord(DeclKind kind) {
  switch (kind) {
    case DeclKind::kProgram:
      return "program";
    case DeclKind::kImport:
      return "import";
    case DeclKind::kEnum:
      return "enum";
    case DeclKind::kRecord:
      return "record";
    case DeclKind::kTable:
      return "table";
    case DeclKind::kEvents:
      return "events";
    case DeclKind::kParam:
      return "param";
    case DeclKind::kLet:
      return "let";
    case DeclKind::kFn:
      return "fn";
    case DeclKind::kTiers:
      return "tiers";
    case DeclKind::kMetric:
      return "metric";
    case DeclKind::kFund:
      return "fund";
    case DeclKind::kLeaderboard:
      return "leaderboard";
    case DeclKind::kRule:
      return "rule";
    case DeclKind::kTest:
      return "test";
  }
  return "declaration";
}

const char* PeriodUnitWord(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kNone:
      return "program";
    case PeriodUnit::kMonth:
      return "month";
    case PeriodUnit::kQuarter:
      return "quarter";
    case PeriodUnit::kYear:
      return "year";
  }
  return "program";
}

const char* EffectKindWord(EffectKind kind) {
  switch (kind) {
    case EffectKind::kPay:
      return "pay";
    case EffectKind::kAccrue:
      return "accrue";
    case EffectKind::kPoints:
      return "points";
    case EffectKind::kBadge:
      return "badge";
  }
  return "pay";
}

}  // namespace incant::ast
