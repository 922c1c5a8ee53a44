// Expressions: parse tree -> AST, precedence level by level (brief §3).
#include <fmt/format.h>

#include "compiler/syntax/builder.h"
#include "compiler/syntax/parse_file.h"

namespace incant::syntax {
namespace {

using P = IncantParser;
using ast::ExprKind;

ast::Op CompareOp(const std::string& t) {
  if (t == "==") return ast::Op::kEq;
  if (t == "!=") return ast::Op::kNe;
  if (t == "<") return ast::Op::kLt;
  if (t == "<=") return ast::Op::kLe;
  if (t == ">") return ast::Op::kGt;
  return ast::Op::kGe;
}

}  // namespace

ast::Expr* Builder::Make(ExprKind kind, Span span, std::vector<const ast::Expr*> kids) {
  uint32_t depth = 1;
  for (const ast::Expr* k : kids) {
    if (k != nullptr && k->id < depth_.size()) depth = std::max(depth, depth_[k->id] + 1);
  }
  if (depth > static_cast<uint32_t>(kMaxExprDepth)) {
    if (!reported_depth_) {
      sink_.Report(DiagKind::kTooDeep, span,
                   fmt::format("expression is nested more than {} levels deep", kMaxExprDepth),
                   "split it with `let` or a `fn`");
      reported_depth_ = true;
    }
    kind = ExprKind::kError;
    kids.clear();
    depth = 1;
  }
  ast::Expr* e = module_.NewExpr(kind, span);
  e->kids = std::move(kids);
  if (depth_.size() <= e->id) depth_.resize(e->id + 1, 0);
  depth_[e->id] = depth;
  return e;
}

const ast::Expr* Builder::ErrorNode(Span span) { return Make(ExprKind::kError, span); }

const ast::Expr* Builder::Expr(P::ExprContext* ctx) {
  if (ctx == nullptr) return ErrorNode(Span{&file_, 0, 0});
  if (auto* c = dynamic_cast<P::IfExprContext*>(ctx)) {
    if (!c->cond || !c->then || !c->otherwise) return ErrorNode(SpanOf(ctx));
    return Make(ExprKind::kIf, SpanOf(ctx), {Expr(c->cond), Expr(c->then), Expr(c->otherwise)});
  }
  auto* plain = dynamic_cast<P::PlainExprContext*>(ctx);
  if (plain == nullptr || plain->orExpr() == nullptr) return ErrorNode(SpanOf(ctx));
  return Or(plain->orExpr());
}

const ast::Expr* Builder::Or(P::OrExprContext* ctx) {
  const auto parts = ctx->andExpr();
  if (parts.empty()) return ErrorNode(SpanOf(ctx));
  const ast::Expr* acc = And(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    acc = Make(ExprKind::kOr, acc->span.To(SpanOf(parts[i])), {acc, And(parts[i])});
  }
  return acc;
}

const ast::Expr* Builder::And(P::AndExprContext* ctx) {
  const auto parts = ctx->notExpr();
  if (parts.empty()) return ErrorNode(SpanOf(ctx));
  const ast::Expr* acc = Not(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    acc = Make(ExprKind::kAnd, acc->span.To(SpanOf(parts[i])), {acc, Not(parts[i])});
  }
  return acc;
}

const ast::Expr* Builder::Not(P::NotExprContext* ctx) {
  if (ctx->notExpr()) return Make(ExprKind::kNot, SpanOf(ctx), {Not(ctx->notExpr())});
  if (ctx->cmpExpr() == nullptr) return ErrorNode(SpanOf(ctx));
  return Cmp(ctx->cmpExpr());
}

const ast::Expr* Builder::Cmp(P::CmpExprContext* ctx) {
  if (ctx->coalExpr() == nullptr) return ErrorNode(SpanOf(ctx));
  const ast::Expr* subject = Coal(ctx->coalExpr());
  const auto tails = ctx->cmpTail();
  if (tails.empty()) return subject;
  if (tails.size() > 1) {
    sink_.Report(DiagKind::kComparisonChain, SpanOf(tails[1]), "comparisons do not chain",
                 "combine them with `and`: `a < b and b < c`");
  }
  P::CmpTailContext* tail = tails[0];
  const Span span = subject->span.To(SpanOf(tail));
  if (auto* c = dynamic_cast<P::CompareTailContext*>(tail)) {
    if (c->coalExpr() == nullptr) return ErrorNode(span);
    ast::Expr* e = Make(ExprKind::kCompare, span, {subject, Coal(c->coalExpr())});
    e->op = CompareOp(c->op->getText());
    e->name_span = SpanOf(c->op);
    return e;
  }
  if (auto* c = dynamic_cast<P::InListTailContext*>(tail)) {
    std::vector<const ast::Expr*> kids{subject};
    for (P::ExprContext* x : c->expr()) kids.push_back(Expr(x));
    ast::Expr* e = Make(ExprKind::kInList, span, std::move(kids));
    e->negated = c->negated != nullptr;
    return e;
  }
  if (auto* c = dynamic_cast<P::InPeriodTailContext*>(tail)) {
    ast::Expr* e = Make(ExprKind::kInPeriod, span, {subject});
    e->text = c->period->getText();
    e->name_span = SpanOf(c->period);
    e->negated = c->negated != nullptr;
    return e;
  }
  auto* c = dynamic_cast<P::InRangeTailContext*>(tail);
  if (c == nullptr) return ErrorNode(span);
  ast::Expr* e = Make(ExprKind::kInRange, span,
                      {subject, c->lo ? Coal(c->lo) : nullptr, c->hi ? RangeEnd(c->hi) : nullptr});
  e->negated = c->negated != nullptr;
  return e;
}

const ast::Expr* Builder::RangeEnd(P::RangeEndContext* ctx) {
  P::RangeAtomContext* atom = ctx->rangeAtom();
  if (atom == nullptr) return ErrorNode(SpanOf(ctx));
  const ast::Expr* e = nullptr;
  if (atom->literal()) {
    e = Literal(atom->literal());
  } else if (atom->expr()) {
    e = Expr(atom->expr());
  } else if (atom->IDENT()) {
    ast::Expr* n =
        Make(atom->getStop()->getText() == ")" ? ExprKind::kCall : ExprKind::kName, SpanOf(atom));
    n->text = atom->IDENT()->getText();
    n->name_span = SpanOf(atom->IDENT());
    if (n->kind == ExprKind::kCall && atom->args()) Args(atom->args(), &n->kids);
    e = n;
  } else {
    return ErrorNode(SpanOf(ctx));
  }
  for (P::PostfixOpContext* op : ctx->postfixOp()) e = Postfix(e, op);
  if (ctx->getStart()->getText() == "-") e = Make(ExprKind::kNeg, SpanOf(ctx), {e});
  return e;
}

const ast::Expr* Builder::Coal(P::CoalExprContext* ctx) {
  const auto parts = ctx->addExpr();
  if (parts.empty()) return ErrorNode(SpanOf(ctx));
  // `a ?? b ?? c` groups to the right: a ?? (b ?? c).
  const ast::Expr* acc = Add(parts.back());
  for (size_t i = parts.size() - 1; i-- > 0;) {
    acc = Make(ExprKind::kCoalesce, SpanOf(parts[i]).To(acc->span), {Add(parts[i]), acc});
  }
  return acc;
}

const ast::Expr* Builder::Add(P::AddExprContext* ctx) {
  const auto parts = ctx->mulExpr();
  if (parts.empty()) return ErrorNode(SpanOf(ctx));
  const ast::Expr* acc = Mul(parts[0]);
  const auto ops = ctx->addOp();
  for (size_t i = 1; i < parts.size(); ++i) {
    ast::Expr* e = Make(ExprKind::kBinary, acc->span.To(SpanOf(parts[i])), {acc, Mul(parts[i])});
    e->op = ops[i - 1]->getText() == "+" ? ast::Op::kAdd : ast::Op::kSub;
    e->name_span = SpanOf(ops[i - 1]);
    acc = e;
  }
  return acc;
}

const ast::Expr* Builder::Mul(P::MulExprContext* ctx) {
  const auto parts = ctx->unaryExpr();
  if (parts.empty()) return ErrorNode(SpanOf(ctx));
  const ast::Expr* acc = Unary(parts[0]);
  const auto ops = ctx->mulOp();
  for (size_t i = 1; i < parts.size(); ++i) {
    ast::Expr* e = Make(ExprKind::kBinary, acc->span.To(SpanOf(parts[i])), {acc, Unary(parts[i])});
    e->op = ops[i - 1]->getText() == "*" ? ast::Op::kMul : ast::Op::kDiv;
    e->name_span = SpanOf(ops[i - 1]);
    acc = e;
  }
  return acc;
}

const ast::Expr* Builder::Unary(P::UnaryExprContext* ctx) {
  if (ctx->unaryExpr()) return Make(ExprKind::kNeg, SpanOf(ctx), {Unary(ctx->unaryExpr())});
  P::PostfixExprContext* pf = ctx->postfixExpr();
  if (pf == nullptr || pf->primary() == nullptr) return ErrorNode(SpanOf(ctx));
  const ast::Expr* e = Primary(pf->primary());
  for (P::PostfixOpContext* op : pf->postfixOp()) e = Postfix(e, op);
  return e;
}

const ast::Expr* Builder::Postfix(const ast::Expr* base, P::PostfixOpContext* op) {
  if (op->fieldName() == nullptr) return ErrorNode(SpanOf(op));
  const Span span = base->span.To(SpanOf(op));
  ast::Expr* e = Make(op->call ? ExprKind::kMethod : ExprKind::kField, span, {base});
  e->text = op->fieldName()->getText();
  e->name_span = SpanOf(op->fieldName());
  if (op->call && op->args()) Args(op->args(), &e->kids);
  return e;
}

void Builder::Args(P::ArgsContext* ctx, std::vector<const ast::Expr*>* out) {
  for (P::ExprContext* x : ctx->expr()) out->push_back(Expr(x));
}

const ast::Expr* Builder::Path(P::PathContext* ctx) {
  if (ctx == nullptr || ctx->name() == nullptr) return ErrorNode(Span{&file_, 0, 0});
  ast::Expr* e = Make(ExprKind::kName, SpanOf(ctx->name()));
  e->text = ctx->name()->getText();
  e->name_span = e->span;
  const ast::Expr* acc = e;
  for (P::FieldNameContext* f : ctx->fieldName()) {
    ast::Expr* fe = Make(ExprKind::kField, acc->span.To(SpanOf(f)), {acc});
    fe->text = f->getText();
    fe->name_span = SpanOf(f);
    acc = fe;
  }
  return acc;
}

const ast::Expr* Builder::Primary(P::PrimaryContext* ctx) {
  const Span span = SpanOf(ctx);
  if (auto* c = dynamic_cast<P::LiteralPrimaryContext*>(ctx)) return Literal(c->literal());
  if (auto* c = dynamic_cast<P::NamePrimaryContext*>(ctx)) {
    ast::Expr* e = Make(ExprKind::kName, span);
    e->text = c->name()->getText();
    e->name_span = span;
    return e;
  }
  if (auto* c = dynamic_cast<P::CallPrimaryContext*>(ctx)) {
    std::vector<const ast::Expr*> args;
    if (c->args()) Args(c->args(), &args);
    ast::Expr* e = Make(ExprKind::kCall, span, std::move(args));
    e->text = c->name()->getText();
    e->name_span = SpanOf(c->name());
    return e;
  }
  if (auto* c = dynamic_cast<P::ParenPrimaryContext*>(ctx)) {
    return c->expr() ? Expr(c->expr()) : ErrorNode(span);
  }
  if (auto* c = dynamic_cast<P::ListPrimaryContext*>(ctx)) {
    std::vector<const ast::Expr*> kids;
    for (P::ExprContext* x : c->expr()) kids.push_back(Expr(x));
    return Make(ExprKind::kList, span, std::move(kids));
  }
  if (auto* c = dynamic_cast<P::CasePrimaryContext*>(ctx)) {
    if (c->expr() == nullptr) return ErrorNode(span);
    ast::Expr* e = Make(ExprKind::kCase, span, {Expr(c->expr())});
    for (P::CaseArmContext* arm : c->caseArm()) {
      ast::CaseArm a;
      a.span = SpanOf(arm);
      if (auto* pa = dynamic_cast<P::PatternArmContext*>(arm)) {
        for (P::CasePatternContext* p : pa->casePattern()) {
          if (p->literal()) {
            a.patterns.push_back(Literal(p->literal()));
          } else {
            ast::Expr* n = Make(ExprKind::kName, SpanOf(p));
            n->text = p->getText();
            n->name_span = n->span;
            a.patterns.push_back(n);
          }
        }
        a.body = pa->expr() ? Expr(pa->expr()) : ErrorNode(a.span);
      } else if (auto* ea = dynamic_cast<P::ElseArmContext*>(arm)) {
        a.body = ea->expr() ? Expr(ea->expr()) : ErrorNode(a.span);
      }
      e->arms.push_back(std::move(a));
    }
    return e;
  }
  return ErrorNode(span);
}

const ast::Expr* Builder::Literal(P::LiteralContext* ctx) {
  const Span span = SpanOf(ctx);
  if (ctx == nullptr || ctx->getStart() == nullptr) return ErrorNode(span);
  antlr4::Token* tok = ctx->getStart();
  std::string text = tok->getText();
  switch (tok->getType()) {
    case P::INT: {
      ast::Expr* e = Make(ExprKind::kIntLit, span);
      e->text = text;
      return e;
    }
    case P::DECIMAL: {
      ast::Expr* e = Make(ExprKind::kDecimalLit, span);
      e->text = text;
      return e;
    }
    case P::PERCENT: {
      ast::Expr* e = Make(ExprKind::kPercentLit, span);
      e->text = text.substr(0, text.size() - 1);
      return e;
    }
    case P::MONEY: {
      ast::Expr* e = Make(ExprKind::kMoneyLit, span);
      const size_t ws = text.find_first_of(" \t");
      e->text = text.substr(0, ws);
      e->currency = text.substr(text.size() - 3);
      return e;
    }
    case P::STRING: {
      ast::Expr* e = Make(ExprKind::kTextLit, span);
      e->text = DecodeString(tok);
      return e;
    }
    case P::DATE: {
      ast::Expr* e = Make(ExprKind::kDateLit, span);
      e->text = text;
      return e;
    }
    default: {
      ast::Expr* e = Make(ExprKind::kBoolLit, span);
      e->text = text;
      return e;
    }
  }
}

}  // namespace incant::syntax
