#include "runtime/value/rounding.h"

#include "runtime/value/status.h"

namespace incant {

std::optional<Rounding> ParseRounding(std::string_view name) {
  if (name == "half_up") return Rounding::kHalfUp;
  if (name == "half_even") return Rounding::kHalfEven;
  if (name == "down") return Rounding::kDown;
  if (name == "up") return Rounding::kUp;
  return std::nullopt;
}

std::string_view RoundingName(Rounding mode) {
  switch (mode) {
    case Rounding::kHalfUp:
      return "half_up";
    case Rounding::kHalfEven:
      return "half_even";
    case Rounding::kDown:
      return "down";
    case Rounding::kUp:
      return "up";
  }
  return "half_up";
}

const char* ArithStatusMessage(ArithStatus status) {
  switch (status) {
    case ArithStatus::kOk:
      return "ok";
    case ArithStatus::kOverflow:
      return "arithmetic overflow";
    case ArithStatus::kDivisionByZero:
      return "division by zero";
  }
  return "arithmetic error";
}

}  // namespace incant
