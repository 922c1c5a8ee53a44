#pragma once
// The four rounding modes of the brief (§4.4). half_even is also what every
// Decimal operation uses internally when a result needs more than 12 digits.
#include <optional>
#include <string_view>

namespace incant {

enum class Rounding : unsigned char { kHalfUp, kHalfEven, kDown, kUp };

[[nodiscard]] std::optional<Rounding> ParseRounding(std::string_view name);
[[nodiscard]] std::string_view RoundingName(Rounding mode);

}  // namespace incant
