#pragma once
// Loaded rows of one table or events stream, stored as typed columns (see
// bytecode FieldDesc). References hold the referenced row's index once
// ResolveReferences has run; until then they hold the key's text id.
#include <cstdint>
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

struct DataSet {
  std::string path;  // where the rows came from
  std::vector<ColumnData> columns;
  std::vector<uint32_t> lines;  // source line of each row
  size_t rows = 0;
  // Key -> row: Text keys by text id; Int keys by value. Used while loading and
  // resolving references; the timeline clears them when it reorders a stream.
  std::unordered_map<uint32_t, uint32_t> text_keys;
  std::unordered_map<int64_t, uint32_t> int_keys;
};

// `PATH:LINE: column NAME: MESSAGE` (brief §5).
struct InputError {
  std::string path;
  uint32_t line = 0;
  std::string column;
  std::string message;
  [[nodiscard]] std::string ToString() const;
};

// The key of a row as text (for the ledger and messages).
[[nodiscard]] std::string KeyText(const bc::DataSetDesc& desc, const DataSet& data, uint32_t row,
                                  const TextPool& texts);

}  // namespace incant::io
