#pragma once
// The checker: resolves names, checks types and the program's structure, and
// fills a CheckedProgram. Split by construct: collect.cpp (declarations),
// check_expr.cpp, check_call.cpp (built-ins, fns, methods), check_rule.cpp.
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/sema/checked_program.h"

namespace incant::sema {

// Checks the modules (the main file first, then its imports) into `out`.
// Returns false when any error was reported.
bool Check(CheckedProgram& out, Sink& sink);

struct Symbol {
  RefKind kind = RefKind::kNone;
  int index = -1;
  const ast::Decl* decl = nullptr;
  Span span;
};

// Where an expression is checked: which locals exist and what it may touch.
struct Env {
  struct Local {
    std::string name;
    RefKind kind;
    int index;
    Type type;
    int dataset = -1;
  };
  std::vector<Local> locals;
  bool data_access = false;  // fund balances, metrics: only in rules
  const char* where = "";    // "a fn body", for messages
};

class Checker {
 public:
  Checker(CheckedProgram& p, Sink& sink) : p_(p), sink_(sink) {}
  void Run();

  // check_expr.cpp
  Type CheckExpr(const ast::Expr* e, const Env& env);
  // Requires a non-optional value of `want` (Int widens to Decimal).
  Type Expect(const ast::Expr* e, const Env& env, Type want, const char* what);

 private:
  // collect.cpp
  void Collect();
  void Declare(const std::string& name, Span span, Symbol sym);
  void CollectProgram();
  void CollectTypes();
  void CollectDataSets();
  [[nodiscard]] Type ResolveType(const ast::TypeRef& ref);
  [[nodiscard]] std::string Suggest(const std::string& name,
                                    const std::vector<std::string>& pool) const;
  [[nodiscard]] std::vector<std::string> GlobalNames() const;

  // check_decl.cpp
  void CheckValues();
  void CheckFns();
  void CheckRecursion();
  void CheckTiers();
  void EnsureLet(int index);
  void EnsureFn(int index);

  // check_metric.cpp
  void CheckMetrics();
  void CheckLeaderboards();
  // The data set `source` names (-1: unknown); the wrong kind is reported.
  int SourceOf(const ast::Name& source, bool want_events, const char* what);
  Type MetricCall(const ast::Expr* e, const Symbol& sym, const Env& env);
  Type TierMethod(const ast::Expr* e, const Symbol& sym, const Env& env);
  Type RankMethod(const ast::Expr* e, const Symbol& sym, const Env& env);

  // lints.cpp
  void Lint();

  // check_test.cpp
  void CheckTests();
  void CheckTest(TestInfo& t);
  // A cell as a literal of `want`; fills its canonical text. False when reported.
  bool CheckCell(const ast::TestCell& cell, Type want, TestCellInfo* out, const char* what);

  // check_rule.cpp
  void CheckRules();
  void CheckRule(RuleInfo& rule);
  void CheckEffect(RuleInfo& rule, EffectInfo& eff, const Env& env);

  // check_expr.cpp
  Type Record(const ast::Expr* e, Type t);
  Type CheckName(const ast::Expr* e, const Env& env);
  Type CheckField(const ast::Expr* e, const Env& env);
  Type CheckBinary(const ast::Expr* e, const Env& env);
  Type CheckCompare(const ast::Expr* e, const Env& env);
  Type CheckIn(const ast::Expr* e, const Env& env);
  Type CheckCase(const ast::Expr* e, const Env& env);
  Type CheckLiteral(const ast::Expr* e);
  Type Unify(const ast::Expr* at, Type a, Type b, const char* what);
  bool RequirePresent(const ast::Expr* e, Type t);

  // check_call.cpp
  Type CheckCall(const ast::Expr* e, const Env& env);
  Type CheckBuiltin(const ast::Expr* e, int id, const Env& env);
  Type CheckMethod(const ast::Expr* e, const Env& env);

 public:
  [[nodiscard]] std::string TypeName(Type t) const { return p_.TypeName(t); }
  const Symbol* Lookup(const std::string& name) const;

 private:
  CheckedProgram& p_;
  Sink& sink_;
  std::unordered_map<std::string, Symbol> globals_;
  std::unordered_map<std::string, int> record_index_, enum_index_;
  std::unordered_map<std::string, std::pair<int, int>> enum_members_;  // member -> (enum, ordinal)
  std::vector<std::vector<int>> fn_calls_;                             // fn -> fns it calls
  int current_fn_ = -1;
  enum class State : unsigned char { kTodo, kBusy, kDone };
  std::vector<State> let_state_, fn_state_;
};

}  // namespace incant::sema
