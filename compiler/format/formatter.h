#pragma once
// Internal to format/: prints each declaration through the Printer.
#include "compiler/format/expr_text.h"
#include "compiler/format/format.h"
#include "compiler/format/printer.h"

namespace incant::fmt_ {

class Formatter {
 public:
  Formatter(const SourceFile& file, const ast::Module& module)
      : module_(module), p_(file, module.comments()) {}
  std::string Run();

 private:
  void Decl(const ast::Decl& d, bool force_blank);
  void Program(const ast::ProgramDecl& d, bool blank);
  void Enum(const ast::EnumDecl& d, bool blank);
  void Record(const ast::RecordDecl& d, bool blank);
  void Fn(const ast::FnDecl& d, bool blank);
  void Tiers(const ast::TiersDecl& d, bool blank);
  void Metric(const ast::MetricDecl& d, bool blank);
  void Leaderboard(const ast::LeaderboardDecl& d, bool blank);
  void Rule(const ast::RuleDecl& d, bool blank);
  void Test(const ast::TestDecl& d, bool blank);
  void TestTable(const ast::TestTable& t);
  // A clause `head expr` that breaks an over-long `if` or and/or chain.
  void Clause(uint32_t anchor, int indent, const std::string& head, const ast::Expr* e,
              bool blank = false);
  [[nodiscard]] static bool IsBlock(const ast::Decl& d);

  const ast::Module& module_;
  Printer p_;
};

// The close of a block: its last byte (the `}`).
[[nodiscard]] inline uint32_t EndOf(const ast::Decl& d) { return d.span.end - 1; }

}  // namespace incant::fmt_
