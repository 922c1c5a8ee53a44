#pragma once
// RFC 4180 records as views into the text: no allocation per field (a quoted
// field with doubled quotes is unescaped into per-record scratch). Blank lines
// are skipped; a UTF-8 byte-order mark is dropped. The text is either given
// whole or streamed in blocks, so a big file never sits in memory at once.
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace incant::io {

class CsvScanner {
 public:
  explicit CsvScanner(std::string_view text);
  // Streaming: `more` appends the next block of the input to its argument and
  // returns false once the input is exhausted.
  explicit CsvScanner(std::function<bool(std::string*)> more);

  enum class Status : uint8_t { kRecord, kEnd, kError };
  // The next record's fields (valid until the next call) and its first line.
  Status Next(std::vector<std::string_view>* fields, uint32_t* line);
  // After kError: what is wrong and on which line.
  [[nodiscard]] const std::string& problem() const { return problem_; }
  [[nodiscard]] uint32_t problem_line() const { return problem_line_; }

 private:
  // kEnd here means "ran out of text": the end, or (streaming) a block boundary.
  Status Scan(std::vector<std::string_view>* fields, uint32_t* line, bool* cut);
  Status Fail(uint32_t line, const char* problem);
  // Drops the consumed text and appends a block; false at the end of the input.
  bool Refill();
  std::function<bool(std::string*)> more_;  // empty: the whole text was given
  std::string buffer_;                      // streaming: the unconsumed text
  bool at_end_ = true;                      // no more text will come
  bool started_ = false;                    // the byte-order mark was looked for
  std::string_view text_;
  size_t i_ = 0;
  uint32_t line_ = 1;
  std::deque<std::string> scratch_;  // unescaped quoted fields of the current record
  std::string problem_;
  uint32_t problem_line_ = 0;
};

}  // namespace incant::io
