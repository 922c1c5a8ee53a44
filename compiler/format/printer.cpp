#include "compiler/format/printer.h"

#include <algorithm>

namespace incant::fmt_ {

Printer::Printer(const SourceFile& file, const std::vector<ast::Comment>& comments)
    : file_(file), comments_(comments) {}

int Printer::SourceLine(uint32_t offset) const { return file_.Locate(offset).line; }

bool Printer::BlankBetween(int from_line, int to_line) const {
  for (int l = from_line + 1; l < to_line; ++l) {
    const std::string_view t = file_.LineText(l);
    if (t.find_first_not_of(" \t\r") == std::string_view::npos) return true;
  }
  return false;
}

bool Printer::IsTrailing(const ast::Comment& c) const {
  // Code before the comment on its line makes it a trailing comment.
  const std::string_view text = file_.text();
  for (size_t k = c.span.begin; k > 0 && text[k - 1] != '\n'; --k) {
    if (text[k - 1] != ' ' && text[k - 1] != '\t') return true;
  }
  return false;
}

bool Printer::HasCommentIn(uint32_t begin, uint32_t end) const {
  return std::any_of(comments_.begin(), comments_.end(), [&](const ast::Comment& c) {
    return c.span.begin >= begin && c.span.begin < end;
  });
}

void Printer::Blank() {
  if (!out_.empty() && !out_.back().blank && !after_open_) out_.push_back(Out{0, "", "", true});
}

void Printer::FlushBefore(uint32_t anchor, int indent, bool force_blank) {
  bool first = true;
  while (next_comment_ < comments_.size() && comments_[next_comment_].span.begin < anchor) {
    const ast::Comment& c = comments_[next_comment_++];
    const int line = SourceLine(c.span.begin);
    if (IsTrailing(c) && !out_.empty() && !out_.back().blank && out_.back().trailing.empty()) {
      out_.back().trailing = c.text;
      continue;
    }
    if ((first && force_blank) || BlankBetween(last_line_, line)) Blank();
    first = false;
    out_.push_back(Out{indent, c.text, "", false});
    last_line_ = line;
    after_open_ = false;
  }
  if (first && force_blank) Blank();
}

void Printer::Line(uint32_t anchor, int indent, std::string code, bool force_blank) {
  FlushBefore(anchor, indent, force_blank);
  const int line = SourceLine(anchor);
  if (BlankBetween(last_line_, line)) Blank();
  after_open_ = !code.empty() && code.back() == '{';
  out_.push_back(Out{indent, std::move(code), "", false});
  last_line_ = std::max(last_line_, line);
}

void Printer::Continue(int indent, std::string code) {
  after_open_ = !code.empty() && code.back() == '{';
  out_.push_back(Out{indent, std::move(code), "", false});
}

void Printer::Close(uint32_t anchor, int indent, std::string code) {
  FlushBefore(anchor, indent + 1, false);
  while (!out_.empty() && out_.back().blank) out_.pop_back();
  out_.push_back(Out{indent, std::move(code), "", false});
  last_line_ = std::max(last_line_, SourceLine(anchor));
  after_open_ = false;
}

std::string Printer::Finish() {
  FlushBefore(UINT32_MAX, 0, false);
  while (!out_.empty() && out_.back().blank) out_.pop_back();
  // Trailing comments of consecutive lines share one column.
  std::vector<size_t> width(out_.size(), 0);
  for (size_t i = 0; i < out_.size();) {
    if (out_[i].trailing.empty()) {
      ++i;
      continue;
    }
    size_t j = i;
    size_t w = 0;
    while (j < out_.size() && !out_[j].trailing.empty()) {
      w = std::max(w, static_cast<size_t>(out_[j].indent) * 2 + out_[j].code.size());
      ++j;
    }
    for (size_t k = i; k < j; ++k) width[k] = w;
    i = j;
  }
  std::string text;
  for (size_t i = 0; i < out_.size(); ++i) {
    const Out& o = out_[i];
    if (o.blank) {
      text += '\n';
      continue;
    }
    std::string line(static_cast<size_t>(o.indent) * 2, ' ');
    line += o.code;
    if (!o.trailing.empty()) {
      line.append(width[i] + 2 - line.size(), ' ');
      line += o.trailing;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + '\n';
  }
  return text;
}

}  // namespace incant::fmt_
