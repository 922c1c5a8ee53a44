#pragma once
// One register / constant slot: 128 raw bits whose meaning the checker fixed.
// Int: sign-extended int64; Decimal and Money: Decimal raw; Date: days; Bool: 0/1;
// Text: id in the TextPool; enum: ordinal; row: index in its data set.
// `absent` (an empty optional) is one sentinel no real value can take.
#include "runtime/value/date.h"
#include "runtime/value/decimal.h"

namespace incant {

struct Value {
  int128 raw = 0;

  static constexpr int128 kAbsentRaw = static_cast<int128>(static_cast<uint128>(1) << 127);
  [[nodiscard]] static constexpr Value Absent() { return Value{kAbsentRaw}; }
  [[nodiscard]] static constexpr Value Int(int64_t v) { return Value{v}; }
  [[nodiscard]] static constexpr Value Dec(Decimal d) { return Value{d.raw()}; }
  [[nodiscard]] static constexpr Value Bool(bool b) { return Value{b ? 1 : 0}; }
  [[nodiscard]] static constexpr Value Day(Date d) { return Value{d.days()}; }

  [[nodiscard]] constexpr bool IsAbsent() const { return raw == kAbsentRaw; }
  [[nodiscard]] constexpr int64_t AsInt() const { return static_cast<int64_t>(raw); }
  [[nodiscard]] constexpr Decimal AsDec() const { return Decimal::FromRaw(raw); }
  [[nodiscard]] constexpr bool AsBool() const { return raw != 0; }
  [[nodiscard]] constexpr int32_t AsI32() const { return static_cast<int32_t>(raw); }
  [[nodiscard]] constexpr Date AsDate() const { return Date::FromDays(static_cast<int32_t>(raw)); }
};

}  // namespace incant
