#include "runtime/io/csv_reader.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "runtime/io/row_loader.h"

namespace incant::io {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
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
  RowLoader rows(path, program, dataset, texts, options, out, error);
  std::vector<const std::string*> cells(desc.fields.size());
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    if (rec.fields.size() != header.fields.size()) {
      if (!rows.Bad(rec.line, rec.fields, "",
                    fmt::format("the row has {} fields but the header has {}", rec.fields.size(),
                                header.fields.size()))) {
        return false;
      }
      continue;
    }
    for (size_t f = 0; f < desc.fields.size(); ++f) {
      cells[f] = &rec.fields[static_cast<size_t>(field_col[f])];
    }
    if (!rows.Add(rec.line, cells, rec.fields)) return false;
  }
  return true;
}

}  // namespace incant::io
