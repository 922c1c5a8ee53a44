#include "runtime/io/data_set.h"

#include <fmt/format.h>

namespace incant::io {

std::string InputError::ToString() const {
  if (line == 0) return fmt::format("{}: {}", path, message);  // about the whole file
  if (column.empty()) return fmt::format("{}:{}: {}", path, line, message);
  return fmt::format("{}:{}: column {}: {}", path, line, column, message);
}

KeyRef KeyOf(const bc::DataSetDesc& desc, const DataSet& data, uint32_t row,
             const TextPool& texts) {
  const ColumnData& c = data.columns[static_cast<size_t>(desc.key_field)];
  if (c.kind == bc::ColumnKind::kI64) return KeyRef{{}, c.i64[row], true};
  return KeyRef{data.KeyTexts(texts).Get(static_cast<uint32_t>(c.i32[row])), 0, false};
}

std::string_view KeyView(const bc::DataSetDesc& desc, const DataSet& data, uint32_t row,
                         const TextPool& texts, std::string* scratch) {
  return KeyOf(desc, data, row, texts).View(scratch);
}

std::string KeyText(const bc::DataSetDesc& desc, const DataSet& data, uint32_t row,
                    const TextPool& texts) {
  std::string scratch;
  return std::string(KeyView(desc, data, row, texts, &scratch));
}

}  // namespace incant::io
