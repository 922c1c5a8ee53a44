#pragma once
// Key uniqueness for a stream of millions of Text keys, checked after the load
// in a few sequential passes: the keys are hashed and scattered into
// partitions small enough that each one's table stays in cache, instead of
// one probe per row into a table the size of the input (a cache miss each).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/value/text_pool.h"

namespace incant::io {

// The first row whose key (the text of `ids[row]` in `keys`) repeats an
// earlier row's, with that earlier row; nullopt when all keys differ.
[[nodiscard]] std::optional<std::pair<uint32_t, uint32_t>> FirstRepeatedKey(
    const TextPool& keys, const std::vector<int32_t>& ids);

// What both key checks (this one and the reader's, row by row) report.
[[nodiscard]] std::string DuplicateKeyMessage(std::string_view key, uint32_t first_line);

}  // namespace incant::io
