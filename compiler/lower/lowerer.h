#pragma once
// Internal to lower/: the expression and rule lowering state.
#include <map>
#include <optional>
#include <vector>

#include "compiler/lower/lower.h"

namespace incant::lower {

using sema::Type;
using sema::TypeKind;

class Lowerer {
 public:
  Lowerer(const sema::CheckedProgram& p, bc::Program& out) : p_(p), out_(out) {}
  void Run();

 private:
  // lower_program.cpp
  void LowerLayout();
  void LowerInit();
  void EmitLet(int index);
  void EmitDeps(const ast::Expr* e);  // lets and tiers `e` reads, stored first
  void LowerRule(const sema::RuleInfo& rule);
  void EmitTier(int index);  // into init: entries to their globals, then the order check
  void LowerMetric(const sema::MetricInfo& m, bc::MetricDesc& out);
  void LowerLeaderboard(const sema::LeaderboardInfo& lb, bc::LeaderboardDesc& out);
  void StartFunction(bc::Function& f, std::string name);
  void LowerTests();

  // lower_expr.cpp
  uint16_t Expr(const ast::Expr* e);
  uint16_t ExprAs(const ast::Expr* e, Type want);  // with Int -> Decimal widening
  uint16_t Convert(uint16_t reg, Type from, Type to, const ast::Expr* at);
  uint16_t Binary(const ast::Expr* e);
  uint16_t Compare(const ast::Expr* e);
  uint16_t In(const ast::Expr* e);
  uint16_t Case(const ast::Expr* e);
  uint16_t Call(const ast::Expr* e);
  uint16_t MetricCall(const ast::Expr* e, const sema::Ref& ref);
  uint16_t Method(const ast::Expr* e);  // tiers, funds, leaderboards
  uint16_t Builtin(const ast::Expr* e, int id);

  // Emission helpers.
  uint16_t NewReg();
  size_t Emit(bc::Op op, uint16_t a, uint16_t b, uint16_t c, const ast::Expr* at);
  void PatchJump(size_t at_pc);  // a jump emitted earlier now targets the next instruction
  uint16_t Const(Value v, const ast::Expr* at);
  uint16_t TextConst(const std::string& s, const ast::Expr* at);
  uint32_t Loc(const ast::Expr* at);
  std::optional<Value> ConstOf(uint16_t reg) const;

  const sema::CheckedProgram& p_;
  bc::Program& out_;
  bc::Function* fn_ = nullptr;
  std::map<uint16_t, Value> reg_consts_;          // registers holding a known constant
  std::vector<uint16_t> let_regs_;                // rule lets
  std::vector<std::vector<uint16_t>> fn_frames_;  // inlined fn parameters
  std::vector<int> let_global_;                   // let -> global slot
  std::vector<bool> let_emitted_;
  std::vector<bool> tier_emitted_;
  int first_let_global_ = 0;
  bool in_init_ = false;
  PeriodUnit site_unit_ = PeriodUnit::kProgram;  // metric windows of the rule being lowered
  std::map<std::pair<const SourceFile*, uint32_t>, uint32_t> loc_ids_;
  std::map<std::string, uint16_t> text_ids_;
  std::map<std::pair<int64_t, int64_t>, uint16_t> const_ids_;
};

}  // namespace incant::lower
