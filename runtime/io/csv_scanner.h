#pragma once
// RFC 4180 records as views into the text: no allocation per field (a quoted
// field with doubled quotes is unescaped into per-record scratch). Blank lines
// are skipped; a UTF-8 byte-order mark is dropped.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace incant::io {

class CsvScanner {
 public:
  explicit CsvScanner(std::string_view text);

  enum class Status : uint8_t { kRecord, kEnd, kError };
  // The next record's fields (valid until the next call) and its first line.
  Status Next(std::vector<std::string_view>* fields, uint32_t* line);
  // After kError: what is wrong and on which line.
  [[nodiscard]] const std::string& problem() const { return problem_; }
  [[nodiscard]] uint32_t problem_line() const { return problem_line_; }

 private:
  Status Fail(uint32_t line, const char* problem);
  std::string_view text_;
  size_t i_ = 0;
  uint32_t line_ = 1;
  std::deque<std::string> scratch_;  // unescaped quoted fields of the current record
  std::string problem_;
  uint32_t problem_line_ = 0;
};

}  // namespace incant::io
