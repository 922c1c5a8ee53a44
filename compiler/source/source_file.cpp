#include "compiler/source/source_file.h"

#include <algorithm>

namespace incant {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineCol SourceFile::Locate(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const int line = static_cast<int>(it - line_starts_.begin());
  const uint32_t start = line_starts_[static_cast<size_t>(line - 1)];
  return LineCol{line, 1 + CountCodePoints(std::string_view(text_).substr(start, offset - start))};
}

std::string_view SourceFile::LineText(int line) const {
  if (line < 1 || line > LineCount()) return {};
  const uint32_t start = line_starts_[static_cast<size_t>(line - 1)];
  uint32_t end = line < LineCount() ? line_starts_[static_cast<size_t>(line)] - 1
                                    : static_cast<uint32_t>(text_.size());
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

int CountCodePoints(std::string_view bytes) {
  int n = 0;
  for (const char c : bytes) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1FU;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0FU;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07U;
    } else {
      *bad_offset = i;
      return false;
    }
    if (i + len > s.size()) {
      *bad_offset = i;
      return false;
    }
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) {
        *bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (cc & 0x3FU);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace incant
