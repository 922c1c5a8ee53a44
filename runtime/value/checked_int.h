#pragma once
// 64-bit Int arithmetic that reports overflow instead of wrapping.
#include <cstdint>

#include "runtime/value/status.h"

namespace incant {

[[nodiscard]] inline ArithStatus AddInt(int64_t a, int64_t b, int64_t* out) {
  return __builtin_add_overflow(a, b, out) ? ArithStatus::kOverflow : ArithStatus::kOk;
}
[[nodiscard]] inline ArithStatus SubInt(int64_t a, int64_t b, int64_t* out) {
  return __builtin_sub_overflow(a, b, out) ? ArithStatus::kOverflow : ArithStatus::kOk;
}
[[nodiscard]] inline ArithStatus MulInt(int64_t a, int64_t b, int64_t* out) {
  return __builtin_mul_overflow(a, b, out) ? ArithStatus::kOverflow : ArithStatus::kOk;
}
[[nodiscard]] inline ArithStatus NegInt(int64_t a, int64_t* out) {
  return __builtin_sub_overflow(int64_t{0}, a, out) ? ArithStatus::kOverflow : ArithStatus::kOk;
}

}  // namespace incant
