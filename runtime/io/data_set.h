#pragma once
// Loaded rows of one table or events stream, stored as typed columns (see
// bytecode FieldDesc). References hold the referenced row's index once
// ResolveReferences has run; until then they hold the key's text id.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/bytecode/program.h"
#include "runtime/value/text_pool.h"

namespace incant::io {

struct ColumnData {
  bc::ColumnKind kind = bc::ColumnKind::kI32;
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  std::vector<int128> dec;
};

// Text key -> row, indexed by the key's text id: ids are dense, so a flat array
// does what a hash map would, without a node and a cache miss per row.
class TextKeyIndex {
 public:
  // The row of `id`, or -1.
  [[nodiscard]] int64_t Find(uint32_t id) const {
    return id < rows_.size() && rows_[id] != 0 ? static_cast<int64_t>(rows_[id]) - 1 : -1;
  }
  // False (and nothing changes) when `id` already has a row.
  bool Insert(uint32_t id, uint32_t row) {
    if (id >= rows_.size()) rows_.resize(std::max<size_t>(id + 1, rows_.size() * 2), 0);
    if (rows_[id] != 0) return false;
    rows_[id] = row + 1;
    return true;
  }
  void clear() { std::vector<uint32_t>().swap(rows_); }  // and free the memory

 private:
  std::vector<uint32_t> rows_;  // row + 1, 0 when none
};

struct DataSet {
  std::string path;  // where the rows came from
  std::vector<ColumnData> columns;
  std::vector<uint32_t> lines;  // source line of each row
  size_t rows = 0;
  // Key -> row: Text keys by text id; Int keys by value. Used while loading and
  // resolving references; the timeline clears them when it reorders a stream.
  TextKeyIndex text_keys;
  std::unordered_map<int64_t, uint32_t> int_keys;
  // Text keys nothing compares by id (see engine's OwnKeys) are interned here
  // rather than in the shared pool: millions of unique sale ids would fill the
  // shared table and make every other text lookup of the load miss the cache.
  std::unique_ptr<TextPool> own_keys;
  // With own_keys: the loader appends the keys without checking them, and
  // the caller checks them all at once (FirstRepeatedKey) after the load.
  bool keys_checked_later = false;
  // The pool the key column's text ids belong to.
  [[nodiscard]] const TextPool& KeyTexts(const TextPool& shared) const {
    return own_keys ? *own_keys : shared;
  }
};

// `PATH:LINE: column NAME: MESSAGE` (brief §5).
struct InputError {
  std::string path;
  uint32_t line = 0;
  std::string column;
  std::string message;
  [[nodiscard]] std::string ToString() const;
};

// The key of a row: a view into its text pool (whose bytes never move, so
// it may be read later, on another thread) or an Int key.
struct KeyRef {
  std::string_view text;
  int64_t number = 0;
  bool is_number = false;
  // The key as text: the view, or the number formatted into `scratch`.
  [[nodiscard]] std::string_view View(std::string* scratch) const {
    if (!is_number) return text;
    *scratch = std::to_string(number);
    return *scratch;
  }
};
[[nodiscard]] KeyRef KeyOf(const bc::DataSetDesc& desc, const DataSet& data, uint32_t row,
                           const TextPool& texts);

// The key of a row as a view: into the text pool, or formatted into `scratch`
// (Int keys).
[[nodiscard]] std::string_view KeyView(const bc::DataSetDesc& desc, const DataSet& data,
                                       uint32_t row, const TextPool& texts, std::string* scratch);
// The key of a row as text (for the ledger and messages).
[[nodiscard]] std::string KeyText(const bc::DataSetDesc& desc, const DataSet& data, uint32_t row,
                                  const TextPool& texts);

}  // namespace incant::io
