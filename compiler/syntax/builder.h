#pragma once
// Parse tree -> AST. Internal to syntax/: includes the generated parser.
#include <string>
#include <vector>

#include "IncantParser.h"
#include "antlr4-runtime.h"
#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace incant::syntax {

class Builder {
 public:
  Builder(const SourceFile& file, const std::vector<uint32_t>& cp_to_byte,
          antlr4::CommonTokenStream& tokens, ast::Module& module, Sink& sink)
      : file_(file), cp_to_byte_(cp_to_byte), tokens_(tokens), module_(module), sink_(sink) {}

  void BuildFile(IncantParser::FileContext* ctx);

 private:
  // build_decl.cpp
  void BuildDecl(IncantParser::DeclContext* ctx);
  void BuildRule(IncantParser::RuleDeclContext* ctx);
  void BuildTest(IncantParser::TestDeclContext* ctx);
  ast::TestCell BuildCell(IncantParser::TestCellContext* ctx);
  ast::TestCell BuildTestLiteral(IncantParser::TestLiteralContext* ctx);
  ast::TypeRef BuildType(IncantParser::TypeRefContext* ctx);
  std::string DocAbove(antlr4::ParserRuleContext* ctx);

  // build_expr.cpp
  const ast::Expr* Expr(IncantParser::ExprContext* ctx);
  const ast::Expr* Or(IncantParser::OrExprContext* ctx);
  const ast::Expr* And(IncantParser::AndExprContext* ctx);
  const ast::Expr* Not(IncantParser::NotExprContext* ctx);
  const ast::Expr* Cmp(IncantParser::CmpExprContext* ctx);
  const ast::Expr* Coal(IncantParser::CoalExprContext* ctx);
  const ast::Expr* Add(IncantParser::AddExprContext* ctx);
  const ast::Expr* Mul(IncantParser::MulExprContext* ctx);
  const ast::Expr* Unary(IncantParser::UnaryExprContext* ctx);
  const ast::Expr* Postfix(const ast::Expr* base, IncantParser::PostfixOpContext* op);
  const ast::Expr* Primary(IncantParser::PrimaryContext* ctx);
  const ast::Expr* RangeEnd(IncantParser::RangeEndContext* ctx);
  const ast::Expr* Literal(IncantParser::LiteralContext* ctx);
  const ast::Expr* Path(IncantParser::PathContext* ctx);
  void Args(IncantParser::ArgsContext* ctx, std::vector<const ast::Expr*>* out);

  // Node creation with a depth guard so later recursive passes stay safe.
  ast::Expr* Make(ast::ExprKind kind, Span span, std::vector<const ast::Expr*> kids = {});
  const ast::Expr* ErrorNode(Span span);

 public:
  // Spans and names (shared by both halves).
  Span SpanOf(antlr4::ParserRuleContext* ctx) const;
  Span SpanOf(antlr4::Token* tok) const;
  Span SpanOf(antlr4::tree::TerminalNode* node) const { return SpanOf(node->getSymbol()); }
  ast::Name NameOf(antlr4::ParserRuleContext* ctx) const;
  ast::Name NameOf(antlr4::Token* tok) const;
  ast::Name NameOf(antlr4::tree::TerminalNode* node) const { return NameOf(node->getSymbol()); }
  std::string DecodeString(antlr4::Token* tok);

 private:
  const SourceFile& file_;
  const std::vector<uint32_t>& cp_to_byte_;
  antlr4::CommonTokenStream& tokens_;
  ast::Module& module_;
  Sink& sink_;
  std::vector<uint32_t> depth_;  // by node id
  bool reported_depth_ = false;
};

}  // namespace incant::syntax
