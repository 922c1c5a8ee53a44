#include "runtime/io/data_set.h"

#include <fmt/format.h>

namespace incant::io {

std::string InputError::ToString() const {
  if (column.empty()) return fmt::format("{}:{}: {}", path, line, message);
  return fmt::format("{}:{}: column {}: {}", path, line, column, message);
}

std::string KeyText(const bc::DataSetDesc& desc, const DataSet& data, uint32_t row,
                    const TextPool& texts) {
  const ColumnData& c = data.columns[static_cast<size_t>(desc.key_field)];
  if (c.kind == bc::ColumnKind::kI64) return std::to_string(c.i64[row]);
  return std::string(texts.Get(static_cast<uint32_t>(c.i32[row])));
}

}  // namespace incant::io
