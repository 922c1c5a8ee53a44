#pragma once
// Typed rows from text cells, shared by the CSV and JSONL readers: each cell
// parsed as its field's type, keys checked unique, every problem reported as
// `PATH:LINE: column NAME: ...` (or sent to --reject and the row skipped).
#include <string>
#include <string_view>
#include <vector>

#include "runtime/io/data_set.h"
#include "runtime/io/load_options.h"

namespace incant::io {

class RowLoader {
 public:
  RowLoader(const std::string& path, const bc::Program& program, int dataset, TextPool& texts,
            const LoadOptions& options, DataSet* out, InputError* error);

  // cells[f] is field f's text; empty means absent. `raw` is the row as
  // given, for the reject file. Returns false to stop (the error is set).
  [[nodiscard]] bool Add(uint32_t line, const std::vector<std::string_view>& cells,
                         const std::vector<std::string_view>& raw);
  // A row-level problem: false to stop, true when the row was rejected.
  [[nodiscard]] bool Bad(uint32_t line, const std::vector<std::string_view>& raw,
                         const std::string& column, std::string message);
  // Room for about `rows` rows in every column.
  void Reserve(size_t rows);

 private:
  struct Cell {
    int32_t i32 = 0;
    int64_t i64 = 0;
    int128 dec = 0;
  };
  std::string path_;
  const bc::Program& program_;
  const bc::DataSetDesc& desc_;
  TextPool& texts_;
  const LoadOptions& options_;
  DataSet* out_;
  InputError* error_;
  std::vector<Cell> cells_;  // reused per row
};

}  // namespace incant::io
