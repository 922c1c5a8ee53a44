#include "runtime/io/csv_scanner.h"

#include <cstring>

namespace incant::io {

CsvScanner::CsvScanner(std::string_view text) : started_(true), text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

CsvScanner::CsvScanner(std::function<bool(std::string*)> more)
    : more_(std::move(more)), at_end_(false) {}

bool CsvScanner::Refill() {
  buffer_.erase(0, i_);
  i_ = 0;
  bool got = more_(&buffer_);
  if (!started_) {
    // A byte-order mark counts only as the input's first 3 bytes: look before
    // anything is consumed (a mark later on is text).
    while (got && buffer_.size() < 3) got = more_(&buffer_);
    started_ = true;
    if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) buffer_.erase(0, 3);
  }
  text_ = buffer_;
  return got;
}

CsvScanner::Status CsvScanner::Next(std::vector<std::string_view>* fields, uint32_t* line) {
  for (;;) {
    bool cut = false;
    const size_t start = i_;
    const uint32_t start_line = line_;
    const Status st = Scan(fields, line, &cut);
    // A record (or the end) met at the end of a block may go on in the next
    // one: read more and scan it again from its start.
    if (!cut || at_end_) return st;
    i_ = start;
    line_ = start_line;
    if (!Refill()) at_end_ = true;
  }
}

CsvScanner::Status CsvScanner::Fail(uint32_t line, const char* problem) {
  problem_line_ = line;
  problem_ = problem;
  return Status::kError;
}

CsvScanner::Status CsvScanner::Scan(std::vector<std::string_view>* fields, uint32_t* line,
                                    bool* cut) {
  const char* const data = text_.data();
  const size_t n = text_.size();
  for (;;) {
    if (i_ >= n) {
      *cut = true;
      return Status::kEnd;
    }
    fields->clear();
    scratch_.clear();
    *line = line_;
    const uint32_t start_line = line_;
    for (;;) {  // one field per pass
      if (i_ < n && data[i_] == '"') {
        ++i_;
        const size_t begin = i_;
        bool doubled = false;
        for (;;) {
          const void* q = std::memchr(data + i_, '"', n - i_);
          if (q == nullptr) {
            *cut = true;
            return Fail(start_line, "a quoted field is not closed before the end of the file");
          }
          const size_t at = static_cast<size_t>(static_cast<const char*>(q) - data);
          for (size_t k = i_; k < at; ++k) line_ += data[k] == '\n' ? 1 : 0;
          i_ = at + 1;
          if (i_ < n && data[i_] == '"') {  // a doubled quote inside the field
            doubled = true;
            ++i_;
            continue;
          }
          break;
        }
        std::string_view field(data + begin, i_ - 1 - begin);
        if (doubled) {
          std::string& s = scratch_.emplace_back();
          for (size_t k = 0; k < field.size(); ++k) {
            s += field[k];
            if (field[k] == '"') ++k;  // skip the second quote of the pair
          }
          field = s;
        }
        if (i_ < n && data[i_] != ',' && data[i_] != '\n' && data[i_] != '\r') {
          return Fail(line_, "unexpected text after a closing quote");
        }
        fields->push_back(field);
      } else {
        const size_t begin = i_;
        while (i_ < n) {
          const char c = data[i_];
          if (c == ',' || c == '\n' || c == '\r') break;
          if (c == '"') {
            return Fail(line_,
                        "a quote inside an unquoted field (quote the whole field and write the "
                        "quote twice)");
          }
          ++i_;
        }
        fields->emplace_back(data + begin, i_ - begin);
      }
      if (i_ < n && data[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < n && data[i_] == '\r') ++i_;
      if (i_ < n && data[i_] == '\n') {
        ++i_;
        ++line_;
      } else {
        *cut = true;  // the record ran to the end of the text, not to a newline
      }
      break;
    }
    if (fields->size() == 1 && (*fields)[0].empty()) continue;  // a blank line
    return Status::kRecord;
  }
}

}  // namespace incant::io
