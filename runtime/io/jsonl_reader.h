#pragma once
// JSON Lines input (brief §5): one flat object per line, keys named after the
// record's fields. Strings, numbers, true/false and null (absent) are accepted;
// a Money or Decimal may be a number or a string and keeps every digit given.
#include <string>

#include "runtime/io/data_set.h"
#include "runtime/io/load_options.h"

namespace incant::io {

[[nodiscard]] bool LoadJsonl(const std::string& path, const bc::Program& program, int dataset,
                             TextPool& texts, const LoadOptions& options, DataSet* out,
                             InputError* error);
[[nodiscard]] bool LoadJsonlText(const std::string& path, std::string_view text,
                                 const bc::Program& program, int dataset, TextPool& texts,
                                 const LoadOptions& options, DataSet* out, InputError* error);

// One parsed line: field name -> text (nullopt for null). Exposed for tests.
struct JsonField {
  std::string name;
  bool null = false;
  std::string text;
};
// Parses one flat JSON object; on failure returns false with *problem set.
[[nodiscard]] bool ParseJsonObject(std::string_view line, std::vector<JsonField>* out,
                                   std::string* problem);

}  // namespace incant::io
