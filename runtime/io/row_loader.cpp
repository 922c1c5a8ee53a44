#include "runtime/io/row_loader.h"

#include <fmt/format.h>

#include "runtime/io/repeated_keys.h"
#include "runtime/vm/vm.h"

namespace incant::io {
namespace {

constexpr int128 kAbsentDec = Value::kAbsentRaw;

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

RowLoader::RowLoader(const std::string& path, const bc::Program& program, int dataset,
                     TextPool& texts, const LoadOptions& options, DataSet* out, InputError* error)
    : path_(path),
      program_(program),
      desc_(program.datasets[static_cast<size_t>(dataset)]),
      texts_(texts),
      options_(options),
      out_(out),
      error_(error) {
  out->path = path;
  out->columns.resize(desc_.fields.size());
  for (size_t f = 0; f < desc_.fields.size(); ++f) {
    out->columns[f].kind = desc_.fields[f].column_kind();
  }
}

bool RowLoader::Bad(uint32_t line, const std::vector<std::string_view>& raw,
                    const std::string& column, std::string message) {
  const InputError e{path_, line, column, std::move(message)};
  if (!options_.reject) {
    *error_ = e;
    return false;
  }
  if (options_.on_reject) options_.on_reject(e, std::vector<std::string>(raw.begin(), raw.end()));
  return true;
}

void RowLoader::Reserve(size_t rows) {
  for (ColumnData& c : out_->columns) {
    if (c.kind == bc::ColumnKind::kI32) c.i32.reserve(rows);
    if (c.kind == bc::ColumnKind::kI64) c.i64.reserve(rows);
    if (c.kind == bc::ColumnKind::kDec) c.dec.reserve(rows);
  }
  out_->lines.reserve(rows);
}

bool RowLoader::Add(uint32_t line, const std::vector<std::string_view>& cells_in,
                    const std::vector<std::string_view>& raw) {
  const bc::DataSetDesc& desc = desc_;
  const bc::Program& program = program_;
  TextPool& texts = texts_;
  DataSet* out = out_;
  const bc::FieldDesc& key_desc = desc.fields[static_cast<size_t>(desc.key_field)];
  // Parse every cell first, so a rejected row leaves no partial column.
  std::vector<Cell>& cells = cells_;
  cells.assign(desc.fields.size(), Cell{});
  bool row_ok = true;
  for (size_t f = 0; f < desc.fields.size() && row_ok; ++f) {
    const bc::FieldDesc& fd = desc.fields[f];
    const std::string_view s = cells_in[f];
    Cell& cell = cells[f];
    if (s.empty()) {
      if (fd.optional) {
        cell = Cell{vm::kAbsentI32, vm::kAbsentI64, kAbsentDec};
        continue;
      }
      row_ok = false;
      if (!Bad(line, raw, fd.name, "empty value for a field that is not optional")) return false;
      break;
    }
    std::string message;
    switch (fd.kind) {
      case bc::FieldKind::kInt:
        if (!ParseInt(s, &cell.i64)) message = fmt::format("'{}' is not {}", s, KindWord(fd.kind));
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
      case bc::FieldKind::kRef: {
        const bool own = out->own_keys && f == static_cast<size_t>(desc.key_field);
        TextPool& pool = own ? *out->own_keys : texts;
        cell.i32 =
            static_cast<int32_t>(own && out->keys_checked_later ? pool.Append(s) : pool.Intern(s));
        break;
      }
    }
    if (!message.empty()) {
      row_ok = false;
      if (!Bad(line, raw, fd.name, message)) return false;
    }
  }
  if (!row_ok) return true;
  // Keys are unique within a data set.
  const Cell& key = cells[static_cast<size_t>(desc.key_field)];
  const auto row = static_cast<uint32_t>(out->rows);
  bool dup = false;
  uint32_t first_line = 0;
  if (key_desc.kind == bc::FieldKind::kInt) {
    const auto [it, ok] = out->int_keys.emplace(key.i64, row);
    dup = !ok;
    if (dup) first_line = out->lines[it->second];
  } else if (!out->keys_checked_later) {
    const auto id = static_cast<uint32_t>(key.i32);
    dup = !out->text_keys.Insert(id, row);
    if (dup) first_line = out->lines[static_cast<size_t>(out->text_keys.Find(id))];
  }
  if (dup) {
    if (!Bad(line, raw, key_desc.name,
             DuplicateKeyMessage(cells_in[static_cast<size_t>(desc.key_field)], first_line))) {
      return false;
    }
    return true;
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
  out->lines.push_back(line);
  ++out->rows;
  return true;
}

}  // namespace incant::io
