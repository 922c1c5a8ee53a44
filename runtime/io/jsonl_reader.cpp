#include "runtime/io/jsonl_reader.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "runtime/io/row_loader.h"

namespace incant::io {
namespace {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view s) : s_(s) {}
  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  [[nodiscard]] bool AtEnd() {
    SkipSpace();
    return i_ >= s_.size();
  }
  [[nodiscard]] char Peek() {
    SkipSpace();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool String(std::string* out, std::string* problem);
  bool Number(std::string* out);

 private:
  static void AppendUtf8(uint32_t cp, std::string* out);
  bool Hex4(uint32_t* out);
  std::string_view s_;
  size_t i_ = 0;
};

void JsonCursor::AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool JsonCursor::Hex4(uint32_t* out) {
  if (i_ + 4 > s_.size()) return false;
  uint32_t v = 0;
  for (int k = 0; k < 4; ++k) {
    const char c = s_[i_++];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
  }
  *out = v;
  return true;
}

bool JsonCursor::String(std::string* out, std::string* problem) {
  if (!Eat('"')) {
    *problem = "expected a string";
    return false;
  }
  out->clear();
  while (i_ < s_.size()) {
    const char c = s_[i_++];
    if (c == '"') return true;
    if (static_cast<unsigned char>(c) < 0x20) {
      *problem = "a control character inside a string";
      return false;
    }
    if (c != '\\') {
      *out += c;
      continue;
    }
    if (i_ >= s_.size()) break;
    const char e = s_[i_++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        *out += e;
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case 't':
        *out += '\t';
        break;
      case 'u': {
        uint32_t cp = 0;
        if (!Hex4(&cp)) {
          *problem = "a bad \\u escape";
          return false;
        }
        if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
          uint32_t lo = 0;
          if (!Word("\\u") || !Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) {
            *problem = "an unpaired surrogate in a \\u escape";
            return false;
          }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp < 0xE000) {
          *problem = "an unpaired surrogate in a \\u escape";
          return false;
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        *problem = fmt::format("an unknown escape \\{}", e);
        return false;
    }
  }
  *problem = "a string is not closed";
  return false;
}

bool JsonCursor::Number(std::string* out) {
  SkipSpace();
  const size_t start = i_;
  if (i_ < s_.size() && s_[i_] == '-') ++i_;
  auto digits = [&] {
    const size_t d = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > d;
  };
  if (!digits()) return false;
  if (i_ < s_.size() && s_[i_] == '.') {
    ++i_;
    if (!digits()) return false;
  }
  if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
    ++i_;
    if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
    if (!digits()) return false;
  }
  out->assign(s_.substr(start, i_ - start));  // the digits as written: nothing is lost
  return true;
}

}  // namespace

bool ParseJsonObject(std::string_view line, std::vector<JsonField>* out, std::string* problem) {
  out->clear();
  JsonCursor c(line);
  if (!c.Eat('{')) {
    *problem = "not a JSON object (a line must be `{...}`)";
    return false;
  }
  if (!c.Eat('}')) {
    for (;;) {
      JsonField f;
      if (!c.String(&f.name, problem)) return false;
      if (!c.Eat(':')) {
        *problem = fmt::format("expected `:` after \"{}\"", f.name);
        return false;
      }
      const char p = c.Peek();
      if (p == '"') {
        if (!c.String(&f.text, problem)) return false;
      } else if (p == 't' && c.Word("true")) {
        f.text = "true";
      } else if (p == 'f' && c.Word("false")) {
        f.text = "false";
      } else if (p == 'n' && c.Word("null")) {
        f.null = true;
      } else if (p == '{' || p == '[') {
        *problem = fmt::format("field \"{}\": nested JSON values are not supported", f.name);
        return false;
      } else if (!c.Number(&f.text)) {
        *problem = fmt::format("field \"{}\": not a JSON value", f.name);
        return false;
      }
      for (const JsonField& g : *out) {
        if (g.name == f.name) {
          *problem = fmt::format("field \"{}\" appears twice", f.name);
          return false;
        }
      }
      out->push_back(std::move(f));
      if (c.Eat(',')) continue;
      if (c.Eat('}')) break;
      *problem = "expected `,` or `}` in the object";
      return false;
    }
  }
  if (!c.AtEnd()) {
    *problem = "text after the object (one object per line)";
    return false;
  }
  return true;
}

bool LoadJsonl(const std::string& path, const bc::Program& program, int dataset, TextPool& texts,
               const LoadOptions& options, DataSet* out, InputError* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = InputError{path, 0, "", "cannot read the file"};
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  return LoadJsonlText(path, text, program, dataset, texts, options, out, error);
}

bool LoadJsonlText(const std::string& path, std::string_view text, const bc::Program& program,
                   int dataset, TextPool& texts, const LoadOptions& options, DataSet* out,
                   InputError* error) {
  const bc::DataSetDesc& desc = program.datasets[static_cast<size_t>(dataset)];
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  RowLoader rows(path, program, dataset, texts, options, out, error);
  std::vector<JsonField> fields;
  std::vector<std::string_view> cells(desc.fields.size());
  bool warned = false;
  uint32_t line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw_line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (raw_line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::vector<std::string_view> raw{raw_line};
    std::string problem;
    if (!ParseJsonObject(raw_line, &fields, &problem)) {
      if (!rows.Bad(line, raw, "", problem)) return false;
      continue;
    }
    bool ok = true;
    for (size_t f = 0; f < desc.fields.size() && ok; ++f) {
      cells[f] = {};
      bool found = false;
      for (const JsonField& jf : fields) {
        if (jf.name != desc.fields[f].name) continue;
        found = true;
        if (!jf.null) cells[f] = jf.text;
      }
      if (!found && !desc.fields[f].optional) {
        ok = false;
        if (!rows.Bad(line, raw, desc.fields[f].name, "missing field")) return false;
      }
    }
    if (!ok) continue;
    if (!warned && options.on_warning) {
      std::string extra;
      for (const JsonField& jf : fields) {
        bool known = false;
        for (const bc::FieldDesc& fd : desc.fields) known |= fd.name == jf.name;
        if (!known) extra += (extra.empty() ? "" : ", ") + jf.name;
      }
      if (!extra.empty()) {
        warned = true;
        options.on_warning(
            fmt::format("{}:{}: warning: extra fields ignored: {}", path, line, extra));
      }
    }
    if (!rows.Add(line, cells, raw)) return false;
  }
  return true;
}

}  // namespace incant::io
