// TextPool: equal texts get equal dense ids across table growth, views stay
// valid, and a released index keeps every text and id.
#include "runtime/value/text_pool.h"

#include <gtest/gtest.h>

#include <string>

namespace incant {
namespace {

TEST(TextPool, EqualTextsShareAnIdThroughGrowth) {
  TextPool pool;
  const uint32_t first = pool.Intern("P00001");
  const std::string_view view = pool.Get(first);
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(pool.Intern("S" + std::to_string(i)), i + 1u);
  EXPECT_EQ(pool.Intern("P00001"), first);
  EXPECT_EQ(view, "P00001");  // the bytes never moved
  EXPECT_EQ(pool.Find("S4999"), 5000u);
  EXPECT_EQ(pool.Find("S5000"), std::nullopt);
}

TEST(TextPool, AReleasedIndexKeepsTextsAndIds) {
  TextPool pool;
  pool.Reserve(100);
  for (int i = 0; i < 100; ++i) pool.Intern("K" + std::to_string(i));
  pool.ReleaseIndex();
  EXPECT_EQ(pool.size(), 100u);
  EXPECT_EQ(pool.Get(42), "K42");
  EXPECT_EQ(pool.Find("K7"), 7u);  // a linear search now
  EXPECT_EQ(pool.Find("K100"), std::nullopt);
  EXPECT_EQ(pool.Intern("K99"), 99u);  // interning again rebuilds the table
  EXPECT_EQ(pool.Intern("K100"), 100u);
  EXPECT_EQ(pool.Find("K100"), 100u);
}

TEST(TextPool, AppendAddsWithoutLookingAndDropsTheIndex) {
  TextPool pool;
  EXPECT_EQ(pool.Intern("b"), 0u);
  EXPECT_EQ(pool.Append("a"), 1u);
  EXPECT_EQ(pool.Append("c"), 2u);
  EXPECT_EQ(pool.Get(1), "a");
  EXPECT_EQ(pool.Find("c"), 2u);  // found by the linear search
  EXPECT_EQ(pool.Intern("a"), 1u);  // the rebuilt table holds the appended texts
}

}  // namespace
}  // namespace incant
