#pragma once
// RFC 4180 CSV into typed columns, with every bad-input case of brief §5
// reported as `PATH:LINE: column NAME: ...`.
#include <functional>
#include <string>
#include <vector>

#include "runtime/io/data_set.h"
#include "runtime/io/load_options.h"

namespace incant::io {

// Loads `path` for `desc`. Returns false (with *error) on a fatal problem: an
// unreadable file, a bad header, or (without reject) the first bad row.
[[nodiscard]] bool LoadCsv(const std::string& path, const bc::Program& program, int dataset,
                           TextPool& texts, const LoadOptions& options, DataSet* out,
                           InputError* error);

// The same for CSV text already in memory; `path` names it in messages.
[[nodiscard]] bool LoadCsvText(const std::string& path, const std::string& text,
                               const bc::Program& program, int dataset, TextPool& texts,
                               const LoadOptions& options, DataSet* out, InputError* error);

// Splits CSV text into records; exposed for tests and the fuzzer.
struct CsvRecord {
  uint32_t line = 0;
  std::vector<std::string> fields;
};
[[nodiscard]] bool SplitCsv(std::string_view text, std::vector<CsvRecord>* out, uint32_t* bad_line,
                            std::string* problem);

}  // namespace incant::io
