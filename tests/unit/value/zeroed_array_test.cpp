// ZeroedArray: zero-filled whether it comes from calloc (small) or straight
// from the kernel (4 MiB and up), and moves without copying or double frees.
#include "runtime/value/zeroed_array.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace incant {
namespace {

struct Pair {
  uint32_t a, b;
};

TEST(ZeroedArray, SmallAndMappedAreZeroAndWritable) {
  for (const size_t n : {size_t{1}, size_t{1000}, size_t{1} << 20}) {  // 8 B .. 8 MiB
    ZeroedArray<Pair> arr(n);
    ASSERT_EQ(arr.size(), n);
    EXPECT_EQ(arr[0].a, 0u);
    EXPECT_EQ(arr[n - 1].b, 0u);
    arr[n - 1] = Pair{7, 9};
    EXPECT_EQ(arr[n - 1].b, 9u);
  }
}

TEST(ZeroedArray, MovesAndSwapsOwnership) {
  ZeroedArray<Pair> big(size_t{1} << 20);
  big[5] = Pair{1, 2};
  ZeroedArray<Pair> other(std::move(big));
  EXPECT_TRUE(big.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
  EXPECT_EQ(other[5].a, 1u);
  ZeroedArray<Pair> small(4);
  small.swap(other);
  EXPECT_EQ(small.size(), size_t{1} << 20);
  EXPECT_EQ(other.size(), 4u);
  other = std::move(small);
  EXPECT_EQ(other[5].b, 2u);
}

}  // namespace
}  // namespace incant
