#include "runtime/value/date.h"

#include <gtest/gtest.h>

namespace incant {
namespace {

TEST(Date, RoundTripsAndCountsDays) {
  Date a, b;
  ASSERT_TRUE(Date::Parse("2026-10-01", &a));
  ASSERT_TRUE(Date::Parse("2024-02-29", &b));
  EXPECT_EQ(a.ToString(), "2026-10-01");
  EXPECT_EQ(b.ToString(), "2024-02-29");
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date::FromCivil(2026, 1, 1).days() - Date::FromCivil(2025, 1, 1).days(), 365);
  EXPECT_EQ(Date::FromCivil(2025, 1, 1).days() - Date::FromCivil(2024, 1, 1).days(), 366);
  for (int d = -1000; d < 30000; d += 37) {
    EXPECT_EQ(Date::FromCivil(Date::FromDays(d).ToCivil().year, Date::FromDays(d).ToCivil().month,
                              Date::FromDays(d).ToCivil().day)
                  .days(),
              d);
  }
}

TEST(Date, RejectsInvalidDays) {
  Date d;
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-4-01", "2026/04/01",
                          "2100-02-29", "20260401", "", "2026-04-31"}) {
    EXPECT_FALSE(Date::Parse(bad, &d)) << bad;
  }
  EXPECT_TRUE(Date::Parse("2000-02-29", &d));
}

}  // namespace
}  // namespace incant
