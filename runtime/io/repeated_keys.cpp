#include "runtime/io/repeated_keys.h"

#include <fmt/format.h>

namespace incant::io {
namespace {

constexpr size_t kPerPartition = 4096;  // rows a partition holds, about: a 32 KiB table

struct Scattered {
  uint32_t row;
  uint32_t hash_lo;
};

}  // namespace

std::optional<std::pair<uint32_t, uint32_t>> FirstRepeatedKey(const TextPool& keys,
                                                              const std::vector<int32_t>& ids) {
  const size_t n = ids.size();
  if (n < 2) return std::nullopt;
  int bits = 0;
  while ((size_t{1} << bits) * kPerPartition < n) ++bits;
  const size_t parts = size_t{1} << bits;
  auto text = [&](size_t row) { return keys.Get(static_cast<uint32_t>(ids[row])); };
  auto part_of = [bits](uint64_t h) {
    return bits == 0 ? size_t{0} : static_cast<size_t>(h >> (64 - bits));
  };
  // Count, then scatter in row order, so each partition lists its rows ascending.
  std::vector<uint32_t> start(parts + 1, 0);
  for (size_t r = 0; r < n; ++r) ++start[part_of(TextPool::Hash(text(r))) + 1];
  for (size_t p = 0; p < parts; ++p) start[p + 1] += start[p];
  std::vector<Scattered> rows(n);
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (size_t r = 0; r < n; ++r) {
    const uint64_t h = TextPool::Hash(text(r));
    rows[fill[part_of(h)]++] = Scattered{static_cast<uint32_t>(r), static_cast<uint32_t>(h)};
  }
  std::optional<std::pair<uint32_t, uint32_t>> first;
  std::vector<Scattered> table;  // row + 1 (0: empty) and the hash's low half
  for (size_t p = 0; p < parts; ++p) {
    const size_t count = start[p + 1] - start[p];
    size_t size = 16;
    while (size < count * 2) size *= 2;
    table.assign(size, Scattered{0, 0});
    const size_t mask = size - 1;
    for (size_t k = start[p]; k < start[p + 1]; ++k) {
      const Scattered& s = rows[k];
      // The hash's low half picks the slot (its high bits picked the partition).
      for (size_t i = s.hash_lo & mask;; i = (i + 1) & mask) {
        if (table[i].row == 0) {
          table[i] = Scattered{s.row + 1, s.hash_lo};
          break;
        }
        const uint32_t other = table[i].row - 1;
        if (table[i].hash_lo == s.hash_lo && text(other) == text(s.row)) {
          // Rows come in ascending order, so `other` is the first with this key.
          if (!first || s.row < first->first) first = std::make_pair(s.row, other);
          break;
        }
      }
    }
  }
  return first;
}

std::string DuplicateKeyMessage(std::string_view key, uint32_t first_line) {
  return fmt::format("duplicate key '{}' (first on line {})", key, first_line);
}

}  // namespace incant::io
