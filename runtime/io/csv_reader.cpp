#include "runtime/io/csv_reader.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>

#include "runtime/io/csv_scanner.h"
#include "runtime/io/row_loader.h"

namespace incant::io {
namespace {

// Blocks the file is read in: big enough that the per-block restart of one
// record costs nothing, small enough that a 1 GB file is never in memory.
constexpr size_t kBlock = size_t{1} << 20;

// The header, then every record from `scanner`; `bytes` (the input's size)
// sizes the columns up front.
bool LoadRecords(const std::string& path, CsvScanner& scanner, size_t bytes,
                 const bc::Program& program, int dataset, TextPool& texts,
                 const LoadOptions& options, DataSet* out, InputError* error) {
  const bc::DataSetDesc& desc = program.datasets[static_cast<size_t>(dataset)];
  out->path = path;
  std::vector<std::string_view> fields;
  uint32_t line = 0;
  const CsvScanner::Status first = scanner.Next(&fields, &line);
  if (first == CsvScanner::Status::kError) {
    *error = InputError{path, scanner.problem_line(), "", scanner.problem()};
    return false;
  }
  if (first == CsvScanner::Status::kEnd) {
    *error = InputError{path, 1, "", "empty file (a header row is required)"};
    return false;
  }
  // Header: every field of the record must be there; extra columns are ignored.
  const uint32_t header_line = line;
  const size_t width = fields.size();
  std::vector<int> field_col(desc.fields.size(), -1);
  std::vector<std::string> extra;
  for (size_t c = 0; c < fields.size(); ++c) {
    std::string_view name = fields[c];
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    bool known = false;
    for (size_t f = 0; f < desc.fields.size(); ++f) {
      if (desc.fields[f].name == name) {
        if (field_col[f] >= 0) {
          *error = InputError{path, header_line, std::string(name),
                              "the column appears twice in the header"};
          return false;
        }
        field_col[f] = static_cast<int>(c);
        known = true;
      }
    }
    if (!known) extra.emplace_back(name);
  }
  for (size_t f = 0; f < desc.fields.size(); ++f) {
    if (field_col[f] < 0) {
      *error = InputError{path, header_line, desc.fields[f].name, "missing column"};
      return false;
    }
  }
  if (!extra.empty() && options.on_warning) {
    std::string list;
    for (const std::string& e : extra) list += (list.empty() ? "" : ", ") + e;
    options.on_warning(fmt::format("{}:{}: warning: extra column{} ignored: {}", path, header_line,
                                   extra.size() == 1 ? "" : "s", list));
  }
  RowLoader rows(path, program, dataset, texts, options, out, error);
  // A guess at the row count (8 bytes a cell): fewer regrowths of columns and of
  // the text pool, which gets at least one new text a row when keys are Text.
  const size_t guess = bytes / (width * 8 + 1);
  rows.Reserve(guess);
  if (desc.fields[static_cast<size_t>(desc.key_field)].kind != bc::FieldKind::kInt) {
    if (!out->keys_checked_later) (out->own_keys ? *out->own_keys : texts).Reserve(guess);
  }
  std::vector<std::string_view> cells(desc.fields.size());
  for (;;) {
    const CsvScanner::Status st = scanner.Next(&fields, &line);
    if (st == CsvScanner::Status::kEnd) break;
    if (st == CsvScanner::Status::kError) {
      *error = InputError{path, scanner.problem_line(), "", scanner.problem()};
      return false;
    }
    if (fields.size() != width) {
      if (!rows.Bad(
              line, fields, "",
              fmt::format("the row has {} fields but the header has {}", fields.size(), width))) {
        return false;
      }
      continue;
    }
    for (size_t f = 0; f < desc.fields.size(); ++f) {
      cells[f] = fields[static_cast<size_t>(field_col[f])];
    }
    if (!rows.Add(line, cells, fields)) return false;
  }
  return true;
}

}  // namespace

bool SplitCsv(std::string_view text, std::vector<CsvRecord>* out, uint32_t* bad_line,
              std::string* problem) {
  CsvScanner scanner(text);
  std::vector<std::string_view> fields;
  uint32_t line = 0;
  for (;;) {
    switch (scanner.Next(&fields, &line)) {
      case CsvScanner::Status::kEnd:
        return true;
      case CsvScanner::Status::kError:
        *bad_line = scanner.problem_line();
        *problem = scanner.problem();
        return false;
      case CsvScanner::Status::kRecord:
        out->push_back(CsvRecord{line, std::vector<std::string>(fields.begin(), fields.end())});
        break;
    }
  }
}

bool LoadCsv(const std::string& path, const bc::Program& program, int dataset, TextPool& texts,
             const LoadOptions& options, DataSet* out, InputError* error) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  struct stat st {};
  if (!f || fstat(fileno(f.get()), &st) != 0 || (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))) {
    *error = InputError{path, 0, "", "cannot read the file"};
    return false;
  }
  bool read_error = false;
  CsvScanner scanner([&](std::string* buffer) {
    const size_t had = buffer->size();
    buffer->resize(had + kBlock);
    const size_t got = std::fread(buffer->data() + had, 1, kBlock, f.get());
    buffer->resize(had + got);
    if (got == 0 && std::ferror(f.get()) != 0) read_error = true;
    return got > 0;
  });
  const bool ok = LoadRecords(path, scanner, static_cast<size_t>(st.st_size), program, dataset,
                              texts, options, out, error);
  if (ok && read_error) {
    *error = InputError{path, 0, "", "cannot read the file"};
    return false;
  }
  return ok;
}

bool LoadCsvText(const std::string& path, const std::string& text, const bc::Program& program,
                 int dataset, TextPool& texts, const LoadOptions& options, DataSet* out,
                 InputError* error) {
  CsvScanner scanner(text);
  return LoadRecords(path, scanner, text.size(), program, dataset, texts, options, out, error);
}

}  // namespace incant::io
