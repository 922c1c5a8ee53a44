// FirstRepeatedKey: the earliest row whose key repeats, found across
// partitions, with the row it repeats.
#include "runtime/io/repeated_keys.h"

#include <gtest/gtest.h>

#include <string>

namespace incant::io {
namespace {

struct Keys {
  TextPool pool;
  std::vector<int32_t> ids;
  void Add(const std::string& k) { ids.push_back(static_cast<int32_t>(pool.Append(k))); }
};

TEST(FirstRepeatedKey, NoneWhenAllDiffer) {
  Keys k;
  for (int i = 0; i < 50000; ++i) k.Add("S" + std::to_string(i));  // 13 partitions' worth
  EXPECT_EQ(FirstRepeatedKey(k.pool, k.ids), std::nullopt);
  Keys one;
  one.Add("only");
  EXPECT_EQ(FirstRepeatedKey(one.pool, one.ids), std::nullopt);
}

TEST(FirstRepeatedKey, TheEarliestRepeatAndItsFirstRow) {
  Keys k;
  for (int i = 0; i < 50000; ++i) k.Add("S" + std::to_string(i));
  k.ids[40000] = k.ids[7];    // S7 again at row 40000
  k.ids[30000] = k.ids[123];  // S123 again at row 30000: the earliest repeat
  k.ids[45000] = k.ids[123];  // and a third time
  const auto r = FirstRepeatedKey(k.pool, k.ids);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, 30000u);
  EXPECT_EQ(r->second, 123u);
}

TEST(FirstRepeatedKey, EqualTextsUnderDifferentIds) {
  Keys k;  // Append never merges equal texts: the check must compare texts
  k.Add("A");
  k.Add("B");
  k.Add("A");
  const auto r = FirstRepeatedKey(k.pool, k.ids);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, std::make_pair(2u, 0u));
}

}  // namespace
}  // namespace incant::io
