#pragma once
// Output lines with the source's comments put back where they were: each
// line the formatter emits carries an anchor (the byte offset of the source
// node it prints), and the comments before that anchor are flushed first,
// own-line comments above it at its indentation, trailing comments at the end
// of the line they followed. Blank lines of the source survive (at most one,
// never right inside braces); trailing comments of consecutive lines align.
#include <string>
#include <vector>

#include "compiler/ast/ast.h"

namespace incant::fmt_ {

class Printer {
 public:
  Printer(const SourceFile& file, const std::vector<ast::Comment>& comments);

  // A line printing the node at `anchor`. `force_blank` puts one blank line
  // before it (and before the comments above it).
  void Line(uint32_t anchor, int indent, std::string code, bool force_blank = false);
  // A continuation of the previous line's node (no comments or blanks before it).
  void Continue(int indent, std::string code);
  // A closing brace whose source position is `anchor` (the comments still
  // inside the block come first, one level deeper).
  void Close(uint32_t anchor, int indent, std::string code);
  // True when a comment lies inside [begin, end): such blocks print expanded.
  [[nodiscard]] bool HasCommentIn(uint32_t begin, uint32_t end) const;
  [[nodiscard]] std::string Finish();

 private:
  struct Out {
    int indent = 0;
    std::string code;
    std::string trailing;
    bool blank = false;
  };
  void FlushBefore(uint32_t anchor, int indent, bool force_blank);
  void Blank();
  [[nodiscard]] int SourceLine(uint32_t offset) const;
  [[nodiscard]] bool BlankBetween(int from_line, int to_line) const;
  [[nodiscard]] bool IsTrailing(const ast::Comment& c) const;

  const SourceFile& file_;
  const std::vector<ast::Comment>& comments_;
  size_t next_comment_ = 0;
  std::vector<Out> out_;
  int last_line_ = 0;       // source line of the last thing emitted
  bool after_open_ = true;  // just after `{` (or at the file start): no blank line
};

}  // namespace incant::fmt_
