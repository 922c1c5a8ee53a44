#pragma once
// One loaded source file: its bytes and a line table, so spans (byte offsets)
// turn into 1-based lines and code-point columns only when a message is shown.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace incant {

struct LineCol {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] LineCol Locate(uint32_t offset) const;
  // The text of a 1-based line, without its line end.
  [[nodiscard]] std::string_view LineText(int line) const;
  [[nodiscard]] int LineCount() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

// A half-open byte range [begin, end) in one file.
struct Span {
  const SourceFile* file = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;

  [[nodiscard]] Span To(const Span& last) const { return Span{file, begin, last.end}; }
};

// Code points in a UTF-8 byte range (continuation bytes do not count).
[[nodiscard]] int CountCodePoints(std::string_view bytes);
// True when the bytes are well-formed UTF-8.
[[nodiscard]] bool IsValidUtf8(std::string_view bytes, size_t* bad_offset);

}  // namespace incant
