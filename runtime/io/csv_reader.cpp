#include "runtime/io/csv_reader.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "runtime/vm/vm.h"

namespace incant::io {
namespace {

constexpr int128 kAbsentDec = Value::kAbsentRaw;

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

const char* KindWord(bc::FieldKind k) {
  switch (k) {
    case bc::FieldKind::kInt:
      return "an Int";
    case bc::FieldKind::kDecimal:
      return "a Decimal (plain decimal like 0.25)";
    case bc::FieldKind::kMoney:
      return "a Money amount (plain decimal like 1500.00)";
    case bc::FieldKind::kBool:
      return "true or false";
    case bc::FieldKind::kDate:
      return "a date (YYYY-MM-DD)";
    default:
      return "a value";
  }
}

bool ParseInt(std::string_view s, int64_t* out) {
  size_t i = 0;
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i == s.size() || s.size() - i > 19) return false;
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<uint64_t>(s[i] - '0');
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return false;  // INT64_MIN is the absent marker
  *out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

}  // namespace

bool SplitCsv(std::string_view text, std::vector<CsvRecord>* out, uint32_t* bad_line,
              std::string* problem) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t i = 0;
  uint32_t line = 1;
  while (i < text.size()) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {
          if (i >= text.size()) {
            *bad_line = rec.line;
            *problem = "a quoted field is not closed before the end of the file";
            return false;
          }
          const char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field += c;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          *bad_line = line;
          *problem = "unexpected text after a closing quote";
          return false;
        }
      } else {
        const size_t start = i;
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            *bad_line = line;
            *problem =
                "a quote inside an unquoted field (quote the whole field and write the quote "
                "twice)";
            return false;
          }
          ++i;
        }
        field.assign(text.substr(start, i - start));
      }
      rec.fields.push_back(field);
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      end_of_record = true;
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') {
        ++i;
        ++line;
      }
    }
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) out->push_back(std::move(rec));
  }
  return true;
}

bool LoadCsv(const std::string& path, const bc::Program& program, int dataset, TextPool& texts,
             const LoadOptions& options, DataSet* out, InputError* error) {
  std::string text;
  if (!ReadFile(path, &text)) {
    *error = InputError{path, 0, "", "cannot read the file"};
    return false;
  }
  return LoadCsvText(path, std::move(text), program, dataset, texts, options, out, error);
}

bool LoadCsvText(const std::string& path, std::string text, const bc::Program& program, int dataset,
                 TextPool& texts, const LoadOptions& options, DataSet* out, InputError* error) {
  const bc::DataSetDesc& desc = program.datasets[static_cast<size_t>(dataset)];
  out->path = path;
  std::vector<CsvRecord> records;
  uint32_t bad_line = 0;
  std::string problem;
  if (!SplitCsv(text, &records, &bad_line, &problem)) {
    *error = InputError{path, bad_line, "", problem};
    return false;
  }
  text.clear();
  text.shrink_to_fit();
  if (records.empty()) {
    *error = InputError{path, 1, "", "empty file (a header row is required)"};
    return false;
  }
  // Header: every field of the record must be there; extra columns are ignored.
  const CsvRecord& header = records[0];
  std::vector<int> field_col(desc.fields.size(), -1);
  std::vector<std::string> extra;
  for (size_t c = 0; c < header.fields.size(); ++c) {
    std::string name = header.fields[c];
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
    bool known = false;
    for (size_t f = 0; f < desc.fields.size(); ++f) {
      if (desc.fields[f].name == name) {
        if (field_col[f] >= 0) {
          *error = InputError{path, header.line, name, "the column appears twice in the header"};
          return false;
        }
        field_col[f] = static_cast<int>(c);
        known = true;
      }
    }
    if (!known) extra.push_back(name);
  }
  for (size_t f = 0; f < desc.fields.size(); ++f) {
    if (field_col[f] < 0) {
      *error = InputError{path, header.line, desc.fields[f].name, "missing column"};
      return false;
    }
  }
  if (!extra.empty() && options.on_warning) {
    std::string list;
    for (const std::string& e : extra) list += (list.empty() ? "" : ", ") + e;
    options.on_warning(fmt::format("{}:{}: warning: extra column{} ignored: {}", path, header.line,
                                   extra.size() == 1 ? "" : "s", list));
  }
  out->columns.resize(desc.fields.size());
  for (size_t f = 0; f < desc.fields.size(); ++f) {
    out->columns[f].kind = desc.fields[f].column_kind();
  }
  const bc::FieldDesc& key_desc = desc.fields[static_cast<size_t>(desc.key_field)];
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    auto bad = [&](const std::string& column, std::string message) {
      const InputError e{path, rec.line, column, std::move(message)};
      if (!options.reject) {
        *error = e;
        return false;
      }
      if (options.on_reject) options.on_reject(e, rec.fields);
      return true;
    };
    if (rec.fields.size() != header.fields.size()) {
      if (!bad("", fmt::format("the row has {} fields but the header has {}", rec.fields.size(),
                               header.fields.size()))) {
        return false;
      }
      continue;
    }
    // Parse every cell first, so a rejected row leaves no partial column.
    struct Cell {
      int32_t i32 = 0;
      int64_t i64 = 0;
      int128 dec = 0;
    };
    std::vector<Cell> cells(desc.fields.size());
    bool row_ok = true;
    for (size_t f = 0; f < desc.fields.size() && row_ok; ++f) {
      const bc::FieldDesc& fd = desc.fields[f];
      const std::string& s = rec.fields[static_cast<size_t>(field_col[f])];
      Cell& cell = cells[f];
      if (s.empty()) {
        if (fd.optional) {
          cell = Cell{vm::kAbsentI32, vm::kAbsentI64, kAbsentDec};
          continue;
        }
        row_ok = false;
        if (!bad(fd.name, "empty value for a field that is not optional")) return false;
        break;
      }
      std::string message;
      switch (fd.kind) {
        case bc::FieldKind::kInt:
          if (!ParseInt(s, &cell.i64))
            message = fmt::format("'{}' is not {}", s, KindWord(fd.kind));
          break;
        case bc::FieldKind::kDecimal:
        case bc::FieldKind::kMoney: {
          Decimal d;
          if (!Decimal::Parse(s, &d)) {
            message = fmt::format("'{}' is not {}", s, KindWord(fd.kind));
          } else {
            cell.dec = d.raw();
          }
          break;
        }
        case bc::FieldKind::kBool:
          if (s == "true" || s == "false") {
            cell.i32 = s == "true" ? 1 : 0;
          } else {
            message = fmt::format("'{}' is not {}", s, KindWord(fd.kind));
          }
          break;
        case bc::FieldKind::kDate: {
          Date d;
          if (!Date::Parse(s, &d)) {
            message = fmt::format("'{}' is not {}", s, KindWord(fd.kind));
          } else {
            cell.i32 = d.days();
          }
          break;
        }
        case bc::FieldKind::kEnum: {
          const bc::EnumDesc& en = program.enums[static_cast<size_t>(fd.target)];
          int ord = -1;
          for (size_t m = 0; m < en.members.size(); ++m) {
            if (en.members[m] == s) ord = static_cast<int>(m);
          }
          if (ord < 0) {
            std::string members;
            for (const std::string& m : en.members) members += (members.empty() ? "" : ", ") + m;
            message = fmt::format("'{}' is not a member of {} ({})", s, en.name, members);
          }
          cell.i32 = ord;
          break;
        }
        case bc::FieldKind::kText:
        case bc::FieldKind::kRef:
          cell.i32 = static_cast<int32_t>(texts.Intern(s));
          break;
      }
      if (!message.empty()) {
        row_ok = false;
        if (!bad(fd.name, message)) return false;
      }
    }
    if (!row_ok) continue;
    // Keys are unique within a data set.
    const Cell& key = cells[static_cast<size_t>(desc.key_field)];
    const auto row = static_cast<uint32_t>(out->rows);
    bool dup = false;
    uint32_t first_line = 0;
    if (key_desc.kind == bc::FieldKind::kInt) {
      const auto [it, ok] = out->int_keys.emplace(key.i64, row);
      dup = !ok;
      if (dup) first_line = out->lines[it->second];
    } else {
      const auto [it, ok] = out->text_keys.emplace(static_cast<uint32_t>(key.i32), row);
      dup = !ok;
      if (dup) first_line = out->lines[it->second];
    }
    if (dup) {
      if (!bad(key_desc.name,
               fmt::format(
                   "duplicate key '{}' (first on line {})",
                   rec.fields[static_cast<size_t>(field_col[static_cast<size_t>(desc.key_field)])],
                   first_line))) {
        return false;
      }
      continue;
    }
    for (size_t f = 0; f < desc.fields.size(); ++f) {
      ColumnData& col = out->columns[f];
      switch (col.kind) {
        case bc::ColumnKind::kI32:
          col.i32.push_back(cells[f].i32);
          break;
        case bc::ColumnKind::kI64:
          col.i64.push_back(cells[f].i64);
          break;
        case bc::ColumnKind::kDec:
          col.dec.push_back(cells[f].dec);
          break;
      }
    }
    out->lines.push_back(rec.line);
    ++out->rows;
  }
  return true;
}

}  // namespace incant::io
