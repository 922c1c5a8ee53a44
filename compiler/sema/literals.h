#pragma once
// Literal text -> value, shared by the checker (to validate) and lowering (to emit).
#include <cstdint>
#include <string_view>

#include "runtime/value/date.h"
#include "runtime/value/decimal.h"

namespace incant::sema {

[[nodiscard]] bool ParseIntLiteral(std::string_view text, int64_t* out);
// A decimal or money number; `percent` divides by 100 exactly.
[[nodiscard]] bool ParseDecimalLiteral(std::string_view text, bool percent, Decimal* out);
// `2026-Q4` or `2026-10` -> first and last day.
[[nodiscard]] bool ParsePeriodLiteral(std::string_view text, Date* first, Date* last);

}  // namespace incant::sema
