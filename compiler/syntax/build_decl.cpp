// Declarations, rule clauses and test blocks: parse tree -> AST.
#include <fmt/format.h>

#include "compiler/syntax/builder.h"

namespace incant::syntax {
namespace {

using P = IncantParser;

ast::PeriodUnit UnitOf(P::PeriodUnitContext* ctx) {
  if (ctx == nullptr) return ast::PeriodUnit::kNone;
  if (ctx->K_MONTH()) return ast::PeriodUnit::kMonth;
  if (ctx->K_QUARTER()) return ast::PeriodUnit::kQuarter;
  return ast::PeriodUnit::kYear;
}

// Rule clauses come in the order of the brief's template (§4).
enum Stage { kFor, kLet, kWhen, kEffect, kCap, kBudget, kEffective };
const char* StageWord(int s) {
  static const char* kWords[] = {"for", "let", "when", "an effect", "cap", "budget", "effective"};
  return kWords[s];
}

}  // namespace

Span Builder::SpanOf(antlr4::Token* tok) const {
  if (tok == nullptr || tok->getType() == antlr4::Token::EOF) {
    const auto end = static_cast<uint32_t>(file_.text().size());
    return Span{&file_, end, end};
  }
  const size_t b = std::min(tok->getStartIndex(), cp_to_byte_.size() - 1);
  const size_t e = std::min(tok->getStopIndex() + 1, cp_to_byte_.size() - 1);
  return Span{&file_, cp_to_byte_[b], std::max(cp_to_byte_[b], cp_to_byte_[e])};
}

Span Builder::SpanOf(antlr4::ParserRuleContext* ctx) const {
  Span s = SpanOf(ctx->getStart());
  if (ctx->getStop() != nullptr &&
      ctx->getStop()->getTokenIndex() >= ctx->getStart()->getTokenIndex()) {
    s.end = std::max(s.end, SpanOf(ctx->getStop()).end);
  }
  return s;
}

ast::Name Builder::NameOf(antlr4::ParserRuleContext* ctx) const {
  if (ctx == nullptr) return {};
  return ast::Name{ctx->getText(), SpanOf(ctx)};
}

ast::Name Builder::NameOf(antlr4::Token* tok) const {
  if (tok == nullptr) return {};
  return ast::Name{tok->getText(), SpanOf(tok)};
}

std::string Builder::DecodeString(antlr4::Token* tok) {
  const Span span = SpanOf(tok);
  const std::string_view raw =
      std::string_view(file_.text()).substr(span.begin, span.end - span.begin);
  std::string out;
  for (size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out += raw[i];
      continue;
    }
    const char c = raw[++i];
    switch (c) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      default:
        sink_.Report(DiagKind::kInvalidLiteral,
                     Span{&file_, span.begin + static_cast<uint32_t>(i) - 1,
                          span.begin + static_cast<uint32_t>(i) + 1},
                     fmt::format("unknown escape `\\{}` in a string", c),
                     "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`");
    }
  }
  return out;
}

std::string Builder::DocAbove(antlr4::ParserRuleContext* ctx) {
  const auto docs = tokens_.getHiddenTokensToLeft(ctx->getStart()->getTokenIndex(), 2);
  // Keep the run of `///` lines that ends on the line right above the declaration.
  std::vector<std::string> lines;
  size_t expect_line = ctx->getStart()->getLine() - 1;
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
    if ((*it)->getLine() != expect_line) break;
    std::string text = (*it)->getText().substr(3);
    if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    lines.insert(lines.begin(), text);
    --expect_line;
  }
  std::string doc;
  for (const std::string& l : lines) doc += (doc.empty() ? "" : "\n") + l;
  return doc;
}

ast::TypeRef Builder::BuildType(P::TypeRefContext* ctx) {
  if (ctx == nullptr || ctx->TYPE_NAME() == nullptr) return {};
  return ast::TypeRef{ctx->TYPE_NAME()->getText(), ctx->optional != nullptr, SpanOf(ctx)};
}

void Builder::BuildFile(P::FileContext* ctx) {
  for (P::DeclContext* d : ctx->decl()) BuildDecl(d);
}

void Builder::BuildDecl(P::DeclContext* ctx) {
  const Span span = SpanOf(ctx);
  ast::Decl* decl = nullptr;
  if (auto* c = dynamic_cast<P::ProgramDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::ProgramDecl>(span);
    if (c->STRING()) d->title = DecodeString(c->STRING()->getSymbol());
    auto once = [&](auto& slot, const ast::Name& value, const char* word,
                    antlr4::ParserRuleContext* at) {
      if (slot) {
        sink_.Report(DiagKind::kProgramDecl, SpanOf(at),
                     fmt::format("`{}` is given twice in `program`", word));
      }
      slot = value;
    };
    for (P::ProgramClauseContext* pc : c->programClause()) {
      if (auto* cur = dynamic_cast<P::CurrencyClauseContext*>(pc)) {
        once(d->currency, NameOf(cur->TYPE_NAME()), "currency", pc);
      } else if (auto* per = dynamic_cast<P::PeriodClauseContext*>(pc)) {
        once(d->period_from, NameOf(per->DATE(0)), "period", pc);
        d->period_to = NameOf(per->DATE(1));
      } else if (auto* r = dynamic_cast<P::RoundingClauseContext*>(pc)) {
        once(d->rounding, NameOf(r->name()), "rounding", pc);
      }
    }
    decl = d;
  } else if (auto* c = dynamic_cast<P::ImportDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::ImportDecl>(span);
    if (c->STRING()) {
      d->path = DecodeString(c->STRING()->getSymbol());
      d->path_span = SpanOf(c->STRING());
    }
    decl = d;
  } else if (auto* c = dynamic_cast<P::EnumDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::EnumDecl>(span);
    d->name = NameOf(c->TYPE_NAME());
    for (P::NameContext* n : c->name()) d->members.push_back(NameOf(n));
    decl = d;
  } else if (auto* c = dynamic_cast<P::RecordDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::RecordDecl>(span);
    d->name = NameOf(c->TYPE_NAME());
    d->key = NameOf(c->fieldName());
    for (P::FieldDeclContext* f : c->fieldDecl()) {
      d->fields.push_back(ast::FieldDecl{NameOf(f->fieldName()), BuildType(f->typeRef())});
    }
    decl = d;
  } else if (auto* c = dynamic_cast<P::TableDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::DataDecl>(span);
    d->kind = ast::DeclKind::kTable;
    d->name = NameOf(c->name());
    d->record = NameOf(c->TYPE_NAME());
    decl = d;
  } else if (auto* c = dynamic_cast<P::EventsDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::DataDecl>(span);
    d->kind = ast::DeclKind::kEvents;
    d->name = NameOf(c->name());
    d->record = NameOf(c->TYPE_NAME());
    decl = d;
  } else if (auto* c = dynamic_cast<P::ParamDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::ParamDecl>(span);
    d->name = NameOf(c->name());
    d->type = BuildType(c->typeRef());
    d->value = Expr(c->expr());
    decl = d;
  } else if (auto* c = dynamic_cast<P::LetDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::LetDecl>(span);
    d->name = NameOf(c->name());
    d->value = Expr(c->expr());
    decl = d;
  } else if (auto* c = dynamic_cast<P::FnDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::FnDecl>(span);
    d->name = NameOf(c->name());
    for (P::FnParamContext* p : c->fnParam()) {
      d->params.push_back(ast::FnParam{NameOf(p->name()), BuildType(p->typeRef())});
    }
    if (c->typeRef()) d->result = BuildType(c->typeRef());
    d->body = Expr(c->expr());
    decl = d;
  } else if (auto* c = dynamic_cast<P::TiersDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::TiersDecl>(span);
    d->name = NameOf(c->name());
    auto value = [&](P::TierValueContext* v) -> const ast::Expr* {
      if (v == nullptr) return ErrorNode(SpanOf(c));
      if (v->name()) {
        ast::Expr* e = Make(ast::ExprKind::kName, SpanOf(v));
        e->text = v->name()->getText();
        return e;
      }
      const ast::Expr* lit = v->literal() ? Literal(v->literal()) : ErrorNode(SpanOf(v));
      if (v->getStart()->getText() == "-") return Make(ast::ExprKind::kNeg, SpanOf(v), {lit});
      return lit;
    };
    for (P::TierEntryContext* t : c->tierEntry()) {
      d->entries.push_back(ast::TierEntry{value(t->threshold), value(t->value)});
    }
    decl = d;
  } else if (auto* c = dynamic_cast<P::MetricDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::MetricDecl>(span);
    d->name = NameOf(c->name(0));
    d->aggregate = NameOf(c->agg);
    d->arg = c->expr().empty() || c->expr(0) == c->where || c->expr(0) == c->by ? nullptr
                                                                                : Expr(c->expr(0));
    d->var = NameOf(c->var);
    d->source = NameOf(c->source);
    if (c->where) d->where = Expr(c->where);
    if (c->by) d->by = Expr(c->by);
    decl = d;
  } else if (auto* c = dynamic_cast<P::FundDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::FundDecl>(span);
    d->name = NameOf(c->name());
    if (c->STRING()) d->label = DecodeString(c->STRING()->getSymbol());
    decl = d;
  } else if (auto* c = dynamic_cast<P::LeaderboardDeclContext*>(ctx)) {
    auto* d = module_.AddDecl<ast::LeaderboardDecl>(span);
    d->name = NameOf(c->name(0));
    if (c->STRING()) d->label = DecodeString(c->STRING()->getSymbol());
    d->var = NameOf(c->var);
    d->source = NameOf(c->source);
    d->every = UnitOf(c->periodUnit());
    if (c->where) d->where = Expr(c->where);
    if (c->rankBy) d->rank_by = Expr(c->rankBy);
    d->ascending = c->order != nullptr && c->order->getText() == "asc";
    if (c->INT()) d->top = c->INT()->getText();
    decl = d;
  } else if (auto* c = dynamic_cast<P::RuleDeclContext*>(ctx)) {
    BuildRule(c);
    return;
  } else if (auto* c = dynamic_cast<P::TestDeclContext*>(ctx)) {
    BuildTest(c);
    return;
  }
  if (decl != nullptr) decl->doc = DocAbove(ctx);
}

void Builder::BuildRule(P::RuleDeclContext* c) {
  auto* d = module_.AddDecl<ast::RuleDecl>(SpanOf(c));
  d->name = NameOf(c->name());
  d->doc = DocAbove(c);
  if (c->STRING()) d->label = DecodeString(c->STRING()->getSymbol());
  int stage = -1;
  bool seen[kEffective + 1] = {};
  for (P::RuleClauseContext* clause : c->ruleClause()) {
    const Span span = SpanOf(clause);
    Stage s = kEffect;
    if (dynamic_cast<P::ForClauseContext*>(clause)) {
      s = kFor;
    } else if (dynamic_cast<P::LetClauseContext*>(clause)) {
      s = kLet;
    } else if (dynamic_cast<P::WhenClauseContext*>(clause)) {
      s = kWhen;
    } else if (dynamic_cast<P::CapClauseContext*>(clause)) {
      s = kCap;
    } else if (dynamic_cast<P::BudgetClauseContext*>(clause)) {
      s = kBudget;
    } else if (dynamic_cast<P::EffectiveClauseContext*>(clause)) {
      s = kEffective;
    }
    if (stage < 0 && s != kFor) {
      sink_.Report(DiagKind::kClauseOrder, span,
                   fmt::format("rule `{}` must start with `for VAR in SOURCE`", d->name.text));
    } else if (s < stage) {
      sink_.Report(
          DiagKind::kClauseOrder, span,
          fmt::format("`{}` cannot come after {} in rule `{}`", StageWord(s),
                      stage == kEffect ? "an effect" : "`" + std::string(StageWord(stage)) + "`",
                      d->name.text),
          "clauses go in this order: for, let, when, effects, cap, budget, effective");
    } else if (s != kLet && s != kEffect && seen[s]) {
      sink_.Report(DiagKind::kClauseOrder, span,
                   fmt::format("rule `{}` has more than one `{}`", d->name.text, StageWord(s)));
    }
    seen[s] = true;
    stage = std::max<int>(stage, s);

    if (auto* f = dynamic_cast<P::ForClauseContext*>(clause)) {
      d->var = NameOf(f->var);
      d->source = NameOf(f->source);
      d->for_span = span;
      d->every = UnitOf(f->periodUnit());
      d->at_start = f->K_START() != nullptr;
    } else if (auto* l = dynamic_cast<P::LetClauseContext*>(clause)) {
      d->lets.push_back(ast::RuleLet{NameOf(l->name()), Expr(l->expr())});
    } else if (auto* w = dynamic_cast<P::WhenClauseContext*>(clause)) {
      d->when = Expr(w->expr());
    } else if (auto* p = dynamic_cast<P::PayClauseContext*>(clause)) {
      ast::Effect e{ast::EffectKind::kPay, Path(p->payee), Expr(p->amount), std::nullopt, "", span};
      if (p->fund) e.fund = NameOf(p->fund);
      d->effects.push_back(std::move(e));
    } else if (auto* a = dynamic_cast<P::AccrueClauseContext*>(clause)) {
      d->effects.push_back(ast::Effect{ast::EffectKind::kAccrue, Path(a->payee), Expr(a->amount),
                                       NameOf(a->fund), "", span});
    } else if (auto* b = dynamic_cast<P::BadgeClauseContext*>(clause)) {
      d->effects.push_back(
          ast::Effect{ast::EffectKind::kBadge, Path(b->payee), nullptr, std::nullopt,
                      b->STRING() ? DecodeString(b->STRING()->getSymbol()) : "", span});
    } else if (auto* pt = dynamic_cast<P::PointsClauseContext*>(clause)) {
      d->effects.push_back(ast::Effect{ast::EffectKind::kPoints, Path(pt->payee), Expr(pt->amount),
                                       std::nullopt, "", span});
    } else if (auto* cap = dynamic_cast<P::CapClauseContext*>(clause)) {
      d->cap = Expr(cap->expr());
    } else if (auto* bud = dynamic_cast<P::BudgetClauseContext*>(clause)) {
      d->budget = Expr(bud->expr());
    } else if (auto* eff = dynamic_cast<P::EffectiveClauseContext*>(clause)) {
      d->has_effective = true;
      d->effective_span = span;
      if (eff->from) d->effective_from = NameOf(eff->from);
      if (eff->to) d->effective_to = NameOf(eff->to);
    }
  }
  if (!seen[kFor] && stage < 0) {
    sink_.Report(DiagKind::kClauseOrder, d->name.span,
                 fmt::format("rule `{}` has no `for VAR in SOURCE` clause", d->name.text));
  }
  if (d->effects.empty()) {
    sink_.Report(DiagKind::kClauseOrder, d->name.span,
                 fmt::format("rule `{}` has no effect", d->name.text),
                 "add `pay PAYEE AMOUNT`, `accrue PAYEE AMOUNT to FUND` or `award PAYEE N points`");
  }
}

ast::TestCell Builder::BuildTestLiteral(P::TestLiteralContext* ctx) {
  ast::TestCell cell;
  cell.span = SpanOf(ctx);
  const ast::Expr* lit = ctx->literal() ? Literal(ctx->literal()) : ErrorNode(cell.span);
  cell.literal =
      ctx->getStart()->getText() == "-" ? Make(ast::ExprKind::kNeg, cell.span, {lit}) : lit;
  return cell;
}

ast::TestCell Builder::BuildCell(P::TestCellContext* ctx) {
  if (ctx == nullptr) return {};
  if (ctx->testLiteral()) return BuildTestLiteral(ctx->testLiteral());
  ast::TestCell cell;
  cell.span = SpanOf(ctx);
  if (ctx->name()) {
    cell.kind = ast::TestCell::Kind::kName;
    cell.name = NameOf(ctx->name());
  } else {
    cell.kind = ast::TestCell::Kind::kAbsent;
  }
  return cell;
}

void Builder::BuildTest(P::TestDeclContext* c) {
  auto* d = module_.AddDecl<ast::TestDecl>(SpanOf(c));
  if (c->STRING()) d->title = DecodeString(c->STRING()->getSymbol());
  d->name = ast::Name{d->title, SpanOf(c->STRING())};
  for (P::TestItemContext* item : c->testItem()) {
    if (auto* t = dynamic_cast<P::TestTableContext*>(item)) {
      ast::TestTable table;
      table.name = NameOf(t->name());
      table.span = SpanOf(t);
      if (t->testHeader()) {
        for (P::FieldNameContext* f : t->testHeader()->fieldName())
          table.header.push_back(NameOf(f));
      }
      for (P::TestRowContext* r : t->testRow()) {
        std::vector<ast::TestCell> row;
        for (P::TestCellContext* cell : r->testCell()) row.push_back(BuildCell(cell));
        if (row.size() != table.header.size()) {
          sink_.Report(DiagKind::kTestTable, SpanOf(r),
                       fmt::format("this row has {} cells but the header of `{}` has {}",
                                   row.size(), table.name.text, table.header.size()),
                       "separate cells with `|`; write `_` for an absent value");
        }
        table.rows.push_back(std::move(row));
      }
      d->tables.push_back(std::move(table));
    } else if (auto* p = dynamic_cast<P::TestParamsContext*>(item)) {
      for (P::ParamSettingContext* s : p->paramSetting()) {
        d->params.emplace_back(NameOf(s->name()), BuildTestLiteral(s->testLiteral()));
      }
    } else if (auto* e = dynamic_cast<P::TestExpectContext*>(item)) {
      ast::TestExpect ex;
      ex.subject = NameOf(e->subject);
      if (e->key) ex.key = BuildTestLiteral(e->key);
      if (e->periodRef()) ex.period = NameOf(e->periodRef());
      ex.value = BuildCell(e->value);
      ex.span = SpanOf(e);
      d->expects.push_back(std::move(ex));
    }
  }
}

}  // namespace incant::syntax
