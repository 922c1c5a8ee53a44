#include "runtime/value/decimal.h"

#include <gtest/gtest.h>

namespace incant {
namespace {

Decimal D(std::string_view text) {
  Decimal d;
  EXPECT_TRUE(Decimal::Parse(text, &d, true)) << text;
  return d;
}

TEST(Decimal, ParsesAndPrintsExactly) {
  EXPECT_EQ(D("1500.00").ToString(), "1500");
  EXPECT_EQ(D("1.005").ToFixed(3), "1.005");
  EXPECT_EQ(D("-0.000000000001").ToString(), "-0.000000000001");
  EXPECT_EQ(D("1_000.5").ToFixed(2), "1000.50");
  EXPECT_EQ(D("0").ToFixed(2), "0.00");
  EXPECT_EQ(D("-0.001").ToFixed(2), "0.00");  // never -0.00
  EXPECT_EQ(D("-12").ToFixed(2), "-12.00");
}

TEST(Decimal, RejectsMalformedText) {
  Decimal d;
  for (const char* bad : {"", "-", ".5", "1.", "1..2", "1e5", "1,000", "+1", "1.0000000000001",
                          "1000000000000000000000000", "abc", "1_000"}) {
    EXPECT_FALSE(Decimal::Parse(bad, &d, false)) << bad;
  }
  EXPECT_FALSE(Decimal::Parse("1__0", &d, true));
  EXPECT_FALSE(Decimal::Parse("_1", &d, true));
  EXPECT_TRUE(Decimal::Parse("999999999999999999999999.999999999999", &d, false));
}

TEST(Decimal, MultipliesWithHalfEvenAtTwelveDigits) {
  Decimal r;
  ASSERT_EQ(Decimal::Mul(D("5000.00"), D("0.03"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "150");
  ASSERT_EQ(Decimal::Mul(D("0.000001"), D("0.0000005"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "0");  // 5e-13 ties to even 0
  ASSERT_EQ(Decimal::Mul(D("0.000003"), D("0.0000005"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "0.000000000002");  // 1.5e-12 ties to even 2e-12
  ASSERT_EQ(Decimal::Mul(D("-1.5"), D("1.25"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "-1.875");
}

TEST(Decimal, WideProductsUse256Bits) {
  Decimal r;
  ASSERT_EQ(Decimal::Mul(D("100000000000"), D("1000000000000"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "100000000000000000000000");
  EXPECT_EQ(Decimal::Mul(D("1000000000000"), D("1000000000000"), &r), ArithStatus::kOverflow);
  ASSERT_EQ(Decimal::Mul(D("123456789012.123456789012"), D("-2"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "-246913578024.246913578024");
}

TEST(Decimal, DividesAndReportsZero) {
  Decimal r;
  ASSERT_EQ(Decimal::Div(D("7"), D("2"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "3.5");
  ASSERT_EQ(Decimal::Div(D("1"), D("3"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "0.333333333333");
  ASSERT_EQ(Decimal::Div(D("2"), D("3"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "0.666666666667");
  ASSERT_EQ(Decimal::Div(D("-2"), D("3"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "-0.666666666667");
  ASSERT_EQ(Decimal::Div(D("1"), D("123456789012345678901.5"), &r), ArithStatus::kOk);
  EXPECT_EQ(r.ToString(), "0");
  EXPECT_EQ(Decimal::Div(D("1"), D("0"), &r), ArithStatus::kDivisionByZero);
  EXPECT_EQ(Decimal::Div(D("100000000000000"), D("0.0000000001"), &r), ArithStatus::kOverflow);
}

TEST(Decimal, AddOverflowIsReported) {
  Decimal r;
  const Decimal big = D("999999999999999999999999");
  EXPECT_EQ(Decimal::Add(big, D("1"), &r), ArithStatus::kOverflow);
  EXPECT_EQ(Decimal::Sub(D("-999999999999999999999999"), D("1"), &r), ArithStatus::kOverflow);
  ASSERT_EQ(Decimal::Add(big, D("-1"), &r), ArithStatus::kOk);
}

struct RoundCase {
  const char* in;
  Rounding mode;
  const char* out;
};

void PrintTo(const RoundCase& c, std::ostream* os) { *os << c.in << "/" << RoundingName(c.mode); }

class DecimalRound : public ::testing::TestWithParam<RoundCase> {};

TEST_P(DecimalRound, ToCents) {
  const RoundCase& c = GetParam();
  EXPECT_EQ(D(c.in).Round(2, c.mode).ToFixed(2), c.out) << c.in << " " << RoundingName(c.mode);
}

INSTANTIATE_TEST_SUITE_P(
    AllModes, DecimalRound,
    ::testing::Values(
        RoundCase{"2.345", Rounding::kHalfUp, "2.35"},
        RoundCase{"-2.345", Rounding::kHalfUp, "-2.35"},
        RoundCase{"2.345", Rounding::kHalfEven, "2.34"},
        RoundCase{"2.355", Rounding::kHalfEven, "2.36"},
        RoundCase{"-2.345", Rounding::kHalfEven, "-2.34"},
        RoundCase{"2.349", Rounding::kDown, "2.34"}, RoundCase{"-2.349", Rounding::kDown, "-2.34"},
        RoundCase{"2.341", Rounding::kUp, "2.35"}, RoundCase{"-2.341", Rounding::kUp, "-2.35"},
        RoundCase{"2.34", Rounding::kUp, "2.34"}, RoundCase{"0.004", Rounding::kHalfUp, "0.00"},
        RoundCase{"-0.005", Rounding::kHalfUp, "-0.01"},
        RoundCase{"187.5", Rounding::kHalfUp, "187.50"},
        // Either side of 2^64 raw (18,446,744.07 units),
        // where Round changes from 64- to 128-bit division.
        RoundCase{"18446744.073709551", Rounding::kHalfEven, "18446744.07"},
        RoundCase{"18446744.075", Rounding::kHalfEven, "18446744.08"},
        RoundCase{"-18446744.085", Rounding::kHalfEven, "-18446744.08"},
        RoundCase{"123456789012345678.125", Rounding::kHalfUp, "123456789012345678.13"},
        RoundCase{"-123456789012345678.125", Rounding::kDown, "-123456789012345678.12"}));

TEST(Decimal, FloorAndCeil) {
  int64_t n = 0;
  ASSERT_EQ(D("-1.5").FloorToInt(&n), ArithStatus::kOk);
  EXPECT_EQ(n, -2);
  ASSERT_EQ(D("-1.5").CeilToInt(&n), ArithStatus::kOk);
  EXPECT_EQ(n, -1);
  ASSERT_EQ(D("2").FloorToInt(&n), ArithStatus::kOk);
  EXPECT_EQ(n, 2);
  EXPECT_EQ(D("99999999999999999999").FloorToInt(&n), ArithStatus::kOverflow);
  EXPECT_EQ(D("2.01").Ceil().ToString(), "3");
}

}  // namespace
}  // namespace incant
