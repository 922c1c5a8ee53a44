#pragma once
// Key uniqueness for a stream of millions of Text keys, checked after the load
// in a few sequential passes: the keys are hashed and scattered into
// partitions small enough that each one's table stays in cache, instead of
// one probe per row into a table the size of the input (a cache miss each).
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "runtime/value/text_pool.h"

namespace incant::io {

// The first row whose key (the text of `ids[row]` in `keys`) repeats an
// earlier row's, with that earlier row; nullopt when all keys differ.
[[nodiscard]] std::optional<std::pair<uint32_t, uint32_t>> FirstRepeatedKey(
    const TextPool& keys, const std::vector<int32_t>& ids);

}  // namespace incant::io
