#include "compiler/diag/render.h"

#include <fmt/format.h>

#include <algorithm>

namespace incant {
namespace {

const char* SeverityWord(Severity s) { return s == Severity::kError ? "error" : "warning"; }

}  // namespace

std::string RenderText(const Diagnostic& d) {
  if (d.span.file == nullptr) {
    std::string out = fmt::format("incant: {}: {}\n", SeverityWord(d.severity), d.message);
    if (!d.help.empty()) out += fmt::format("help: {}\n", d.help);
    return out;
  }
  const SourceFile& f = *d.span.file;
  const LineCol at = f.Locate(d.span.begin);
  std::string out = fmt::format("{}:{}:{}: {}: {}\n", f.path(), at.line, at.column,
                                SeverityWord(d.severity), d.message);
  const std::string_view line = f.LineText(at.line);
  if (!line.empty() || at.line <= f.LineCount()) {
    std::string shown;
    size_t bad = 0;
    const bool utf8 = IsValidUtf8(line, &bad);
    for (const char c : line) {
      // Tabs become one space so the caret lines up; invalid bytes are not echoed.
      shown += (c == '\t') ? ' ' : (!utf8 && (static_cast<unsigned char>(c) & 0x80U) ? '?' : c);
    }
    out += fmt::format("{:>5} | {}\n", at.line, shown);
    // The caret runs to the span's end on this line (at least one column).
    const LineCol end = f.Locate(d.span.end);
    int width =
        end.line == at.line ? end.column - at.column : CountCodePoints(line) - at.column + 1;
    width = std::max(width, 1);
    out += fmt::format("      | {}^{}\n", std::string(static_cast<size_t>(at.column - 1), ' '),
                       std::string(static_cast<size_t>(width - 1), '~'));
  }
  if (!d.help.empty()) out += fmt::format("help: {}\n", d.help);
  return out;
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string RenderJson(const Diagnostic& d) {
  LineCol at, end;
  std::string path;
  if (d.span.file != nullptr) {
    at = d.span.file->Locate(d.span.begin);
    end = d.span.file->Locate(d.span.end);
    path = d.span.file->path();
  }
  return fmt::format(
      "{{\"file\":\"{}\",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{},"
      "\"severity\":\"{}\",\"code\":\"{}\",\"message\":\"{}\",\"help\":\"{}\"}}\n",
      JsonEscape(path), at.line, at.column, end.line, end.column, SeverityWord(d.severity),
      DiagCode(d.kind), JsonEscape(d.message), JsonEscape(d.help));
}

}  // namespace incant
