// The engine end to end on small hand-made inputs: timeline order across
// streams, caps, first-come budgets, funds, the exact ledger, and that an
// error leaves no ledger behind.
#include "runtime/engine/engine.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/driver/compile.h"

namespace incant::engine {
namespace {

namespace fs = std::filesystem;

constexpr const char* kProgram = R"(
program "engine" {
  currency USD
  period 2026-01-01 .. 2026-12-31
  rounding half_up
}
record Partner key id {
  id: Text
}
record Sale key id {
  id: Text
  partner: Partner
  date: Date
  amount: Money
}
record Claim key id {
  id: Text
  partner: Partner
  date: Date
  amount: Money
}
table partners: Partner
events sales: Sale
events claims: Claim
fund coop
rule commission {
  for s in sales
  pay s.partner 10% * s.amount
  cap 150 USD
}
rule spif {
  for s in sales
  pay s.partner 40 USD
  budget 100 USD
}
rule accrue_coop {
  for s in sales
  accrue s.partner 5% * s.amount to coop
}
rule coop_claims {
  for c in claims
  pay c.partner c.amount from coop
}
)";

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { SetUpWith(kProgram); }
  void SetUpWith(const std::string& text) {
    dir_ = fs::temp_directory_path() /
           ("incant-engine-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    Sink sink;
    Compilation c = CompileText("engine.incant", text, sink);
    ASSERT_TRUE(c.program.has_value()) << (sink.all().empty() ? "" : sink.all()[0].message);
    program_ = std::move(*c.program);
    Write("partners.csv", "id\nP1\nP2\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  RunReport RunIt() {
    RunOptions options;
    options.inputs = {{"partners", (dir_ / "partners.csv").string()},
                      {"sales", (dir_ / "sales.csv").string()},
                      {"claims", (dir_ / "claims.csv").string()}};
    options.out = (dir_ / "ledger.csv").string();
    return engine::Run(program_, options);
  }
  std::string Ledger() {
    std::ifstream in(dir_ / "ledger.csv", std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path dir_;
  bc::Program program_;
};

TEST_F(EngineTest, CapBudgetAndFundInTimelineOrder) {
  // Rows out of date order; the same-day claim comes after that day's accrual
  // because `claims` is declared after `sales`.
  Write("sales.csv",
        "id,partner,date,amount\n"
        "S3,P1,2026-02-01,1000.00\n"
        "S1,P1,2026-01-05,1000.00\n"
        "S2,P2,2026-01-05,200.00\n");
  Write("claims.csv",
        "id,partner,date,amount\n"
        "C1,P1,2026-01-05,80.00\n"
        "C2,P1,2026-02-01,50.00\n");
  const RunReport r = RunIt();
  ASSERT_EQ(r.exit_code, kOk) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(Ledger(),
            "seq,date,period,rule,kind,payee,event,amount,requested,note\n"
            "1,2026-01-05,program,commission,pay,P1,sales:S1,100.00,100.00,\n"
            "2,2026-01-05,program,spif,pay,P1,sales:S1,40.00,40.00,\n"
            "3,2026-01-05,program,accrue_coop,accrue,P1,sales:S1,50.00,50.00,\n"
            "4,2026-01-05,program,commission,pay,P2,sales:S2,20.00,20.00,\n"
            "5,2026-01-05,program,spif,pay,P2,sales:S2,40.00,40.00,\n"
            "6,2026-01-05,program,accrue_coop,accrue,P2,sales:S2,10.00,10.00,\n"
            "7,2026-01-05,program,coop_claims,pay,P1,claims:C1,50.00,80.00,fund coop\n"
            "8,2026-02-01,program,commission,pay,P1,sales:S3,50.00,100.00,cap\n"
            "9,2026-02-01,program,spif,pay,P1,sales:S3,20.00,40.00,budget\n"
            "10,2026-02-01,program,accrue_coop,accrue,P1,sales:S3,50.00,50.00,\n"
            "11,2026-02-01,program,coop_claims,pay,P1,claims:C2,50.00,50.00,\n");
  ASSERT_EQ(r.rules.size(), 4u);
  EXPECT_EQ(r.rules[0].total, "170.00");
  EXPECT_EQ(r.rules[1].total, "100.00");
  EXPECT_EQ(r.events, 5u);
  EXPECT_EQ(r.ledger_lines, 11u);
}

TEST_F(EngineTest, BadInputLeavesNoLedger) {
  Write("sales.csv", "id,partner,date,amount\nS1,P9,2026-01-05,1.00\n");
  Write("claims.csv", "id,partner,date,amount\n");
  const RunReport r = RunIt();
  EXPECT_EQ(r.exit_code, kBadInput);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_NE(r.errors[0].find("sales.csv:2: column partner:"), std::string::npos) << r.errors[0];
  EXPECT_FALSE(fs::exists(dir_ / "ledger.csv"));
}

TEST_F(EngineTest, OverflowIsARuntimeErrorAndLeavesNoLedger) {
  std::string text = kProgram;
  text.replace(text.find("10% * s.amount"), 14, "s.amount * 1000000000000000");
  TearDown();
  SetUpWith(text);
  Write("sales.csv",
        "id,partner,date,amount\n"
        "S1,P1,2026-01-05,1.00\n"
        "S2,P1,2026-01-06,10000000000000.00\n");
  Write("claims.csv", "id,partner,date,amount\n");
  const RunReport r = RunIt();
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.exit_code, kRuntimeError) << r.errors[0];
  // Names where in the program, the rule and the event.
  EXPECT_EQ(r.errors[0],
            "engine.incant:28:17: runtime error: arithmetic overflow in rule `commission` "
            "(event sales:S2)");
  EXPECT_FALSE(fs::exists(dir_ / "ledger.csv"));
}

}  // namespace
}  // namespace incant::engine
