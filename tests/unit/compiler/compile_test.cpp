// Front end through lowering, in process: diagnostics at exact positions, and
// the VM computing exact values from compiled bytecode.
#include "compiler/driver/compile.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "runtime/vm/vm.h"

namespace incant {
namespace {

const char* kHead = R"(program "t" {
  currency USD
  period 2026-01-01 .. 2026-12-31
}
record P key id {
  id: Text
}
table ps: P
)";

struct Result {
  Compilation c;
  Sink sink;
};

std::unique_ptr<Result> Compile(const std::string& body) {
  auto r = std::make_unique<Result>();
  // In memory: parallel test processes must not share temporary files.
  r->c = CompileText("compile_test.incant", std::string(kHead) + body, r->sink);
  return r;
}

TEST(Compile, ReportsKindLineAndColumn) {
  auto r = Compile("let x = 5 USD + 0.5\n");
  ASSERT_EQ(r->sink.ErrorCount(), 1);
  const Diagnostic& d = r->sink.all()[0];
  EXPECT_EQ(d.kind, DiagKind::kMoneyMisuse);
  const LineCol at = d.span.file->Locate(d.span.begin);
  EXPECT_EQ(at.line, 9);
  EXPECT_EQ(at.column, 15);
  EXPECT_EQ(d.message, "cannot add `Money` and `Decimal`");
}

TEST(Compile, UnknownNameSuggests) {
  auto r = Compile("let rate = 3%\nlet y = rat * 2\n");
  ASSERT_EQ(r->sink.ErrorCount(), 1);
  EXPECT_EQ(r->sink.all()[0].kind, DiagKind::kUnknownName);
  EXPECT_EQ(r->sink.all()[0].help, "did you mean `rate`?");
}

TEST(Compile, SyntaxErrorsAreInWordsAndSeveral) {
  auto r = Compile("let a = (1 +\nlet b = 2 *\n");
  EXPECT_GE(r->sink.ErrorCount(), 1);
  EXPECT_EQ(r->sink.all()[0].kind, DiagKind::kSyntaxError);
  EXPECT_NE(r->sink.all()[0].message.find("expected"), std::string::npos);
}

// Runs the init function and returns the global slot of a let (after `decls`).
Value EvalLet(const std::string& expr, int slot = 0, std::string* error = nullptr,
              const std::string& decls = "") {
  auto r = Compile(decls + "let v = " + expr + "\n");
  EXPECT_FALSE(r->sink.HasErrors()) << expr;
  if (!r->c.program) return Value::Absent();
  const bc::Program& p = *r->c.program;
  std::vector<Value> globals(p.num_globals, Value::Absent());
  std::vector<Value> regs(p.init.num_regs);
  TextPool texts;
  for (const std::string& t : p.texts) texts.Intern(t);  // as the engine does
  vm::Context ctx{&p, globals.data(), nullptr, &texts, nullptr};
  vm::Error err;
  const vm::Outcome out = vm::Run(p.init, regs.data(), ctx, &err);
  if (error != nullptr) *error = out == vm::Outcome::kOk ? "" : err.message;
  return globals[static_cast<size_t>(slot)];
}

TEST(Compile, ExactArithmeticThroughTheVm) {
  EXPECT_EQ(EvalLet("7 / 2").AsDec().ToString(), "3.5");
  EXPECT_EQ(EvalLet("1 / 3 * 3").AsDec().ToString(), "0.999999999999");
  EXPECT_EQ(EvalLet("3% * 5000.00 USD * 1.25").AsDec().ToString(), "187.5");
  EXPECT_EQ(EvalLet("2 + 3 * 4").AsInt(), 14);
  EXPECT_EQ(EvalLet("-(2 - 5)").AsInt(), 3);
  EXPECT_EQ(EvalLet("if 2026-03-01 in 2026-Q1 then 1 else 2").AsInt(), 1);
  EXPECT_EQ(EvalLet("days_between(2026-01-01, 2026-03-01)").AsInt(), 59);
  EXPECT_EQ(EvalLet("max(1, 2.5, -3)").AsDec().ToString(), "2.5");
  EXPECT_EQ(EvalLet("floor(-1.5)").AsInt(), -2);
  EXPECT_EQ(EvalLet("round(2.345, 2)").AsDec().ToString(), "2.35");
  EXPECT_EQ(EvalLet("3 in [1, 2, 3]").AsBool(), true);
  EXPECT_EQ(EvalLet("len(\"Größe\")").AsInt(), 5);
}

TEST(Compile, OverflowIsAnErrorNotAWrap) {
  std::string error;
  (void)EvalLet("9223372036854775807 * 2", 0, &error);
  EXPECT_EQ(error, "arithmetic overflow");
}

constexpr const char* kTiers =
    "tiers rates {\n  -100 => 1%\n  0 => 2%\n  50 => 5%\n  100 => 10%\n}\n"
    "tiers fees {\n  10 USD => 1 USD\n  20 USD => 3 USD\n}\n";
std::string Tier(const std::string& expr) {
  return EvalLet(expr, 0, nullptr, kTiers).AsDec().ToString();
}

TEST(Compile, TierLookupsAtBoundariesAndBelowZero) {
  // A value equal to a threshold belongs to that threshold's bracket.
  EXPECT_EQ(Tier("rates.at(50)"), "0.05");
  EXPECT_EQ(Tier("rates.at(49.999)"), "0.02");
  EXPECT_EQ(Tier("rates.at(-100)"), "0.01");
  EXPECT_EQ(Tier("rates.at(-100.5)"), "0");  // below the first threshold: zero
  EXPECT_EQ(EvalLet("rates.index(-101)", 0, nullptr, kTiers).AsInt(), 0);
  EXPECT_EQ(EvalLet("rates.index(0)", 0, nullptr, kTiers).AsInt(), 2);
  EXPECT_EQ(EvalLet("rates.index(1000)", 0, nullptr, kTiers).AsInt(), 4);
  // Progressive: 100 x 1% + 50 x 2% + 50 x 5% + 20 x 10% = 1 + 1 + 2.5 + 2 = 6.5.
  EXPECT_EQ(Tier("rates.marginal(120)"), "6.5");
  EXPECT_EQ(Tier("rates.marginal(-50)"), "0.5");
  EXPECT_EQ(Tier("rates.marginal(-200)"), "0");
  EXPECT_EQ(Tier("rates.marginal(50, 120)"), "4.5");  // = marginal(120) - marginal(50)
  EXPECT_EQ(Tier("fees.at(20 USD)"), "3");
  EXPECT_EQ(Tier("fees.at(19.99 USD)"), "1");
}

TEST(Compile, ALetReadFirstInsideABranchIsStillStored) {
  // `b` is first needed inside a branch that does not run; it must be stored anyway.
  const std::string decls = "let c = false\nlet a = if c then b else 0\nlet b = 5\n";
  EXPECT_EQ(EvalLet("b + 1", 3, nullptr, decls).AsInt(), 6);
  EXPECT_EQ(EvalLet("rates.at(b)", 3, nullptr,
                    std::string(kTiers) + "let c = false\nlet a = if c then rates.at(1) else 0%\n"
                                          "let b = 60\n")
                .AsDec()
                .ToString(),
            "0.05");
}

TEST(Compile, TierThresholdsFedByParamsAreCheckedAtRunTime) {
  std::string error;
  (void)EvalLet("lo.at(5)", 1, &error,
                "param top: Int = 1\ntiers lo {\n  2 => 1%\n  top => 2%\n}\n");
  EXPECT_EQ(error, "tier thresholds do not strictly increase (check the params they use)");
}

}  // namespace
}  // namespace incant
