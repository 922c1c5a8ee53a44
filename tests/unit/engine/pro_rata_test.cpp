// Largest-remainder pro-rata scaling (brief §10) and the boundary calendar (§4.3).
#include "runtime/engine/pro_rata.h"

#include <gtest/gtest.h>

#include "runtime/engine/calendar.h"

namespace incant::engine {
namespace {

TEST(ProRata, UnderBudgetIsUntouched) {
  EXPECT_EQ(ScaleProRata({100, 200}, 300, {0, 1}), (std::vector<int128>{100, 200}));
}

TEST(ProRata, TotalIsExactAndLeftoverGoesToLargestRemainders) {
  // 1000 cents shared 1:1:1 -> 333.33 each; the leftover cent goes to the first tie.
  EXPECT_EQ(ScaleProRata({500, 500, 500}, 1000, {0, 1, 2}), (std::vector<int128>{334, 333, 333}));
  // Ties by the given order (payee key): the third ranks first here.
  EXPECT_EQ(ScaleProRata({500, 500, 500}, 1000, {2, 1, 0}), (std::vector<int128>{333, 333, 334}));
  // 100, 300 and 600 sharing 500: exactly half each.
  EXPECT_EQ(ScaleProRata({100, 300, 600}, 500, {0, 1, 2}), (std::vector<int128>{50, 150, 300}));
  // Remainders 2/3 beats 1/3: 1 and 2 of 3 sharing 2 -> 0.67 and 1.33 -> 1, 1.
  EXPECT_EQ(ScaleProRata({1, 2}, 2, {0, 1}), (std::vector<int128>{1, 1}));
}

TEST(ProRata, NothingLeftGivesZero) {
  EXPECT_EQ(ScaleProRata({5, 7}, 0, {0, 1}), (std::vector<int128>{0, 0}));
}

TEST(ProRata, LargeAmountsGoThrough256Bits) {
  const int128 big = static_cast<int128>(1) << 100;
  const auto out = ScaleProRata({big, big}, big, {0, 1});
  EXPECT_TRUE(out[0] == big / 2 && out[1] == big / 2);
}

TEST(Calendar, ClosesBeforeOpeningsSmallestUnitFirst) {
  Date from, to;
  ASSERT_TRUE(Date::Parse("2026-02-15", &from));
  ASSERT_TRUE(Date::Parse("2026-06-30", &to));
  const std::vector<Boundary> b = ProgramBoundaries(from, to);
  // The first instant opens the year, then Q1, then February (partial periods start at 02-15).
  ASSERT_GE(b.size(), 3u);
  EXPECT_TRUE(b[0].open && b[0].unit == PeriodUnit::kYear);
  EXPECT_TRUE(b[1].open && b[1].unit == PeriodUnit::kQuarter);
  EXPECT_TRUE(b[2].open && b[2].unit == PeriodUnit::kMonth);
  EXPECT_EQ(b[2].first.ToString(), "2026-02-15");
  // 2026-04-01: March closes, then Q1 closes, then Q2 opens, then April opens.
  std::vector<std::string> at_april;
  for (const Boundary& x : b) {
    if (Date::FromDays(x.at).ToString() == "2026-04-01") {
      at_april.push_back(std::string(x.open ? "open " : "close ") + PeriodLabel(x.unit, x.index));
    }
  }
  EXPECT_EQ(at_april, (std::vector<std::string>{"close 2026-03", "close 2026-Q1", "open 2026-Q2",
                                                "open 2026-04"}));
  // The program's end closes June, Q2 and the year (its last day within the program).
  const Boundary& last = b.back();
  EXPECT_FALSE(last.open);
  EXPECT_EQ(last.unit, PeriodUnit::kYear);
  EXPECT_EQ(last.last.ToString(), "2026-06-30");
}

}  // namespace
}  // namespace incant::engine
