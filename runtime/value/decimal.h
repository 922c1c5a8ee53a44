#pragma once
// Exact fixed-point decimal: a signed 128-bit integer scaled by 10^12.
// Magnitudes must stay below 10^24 (brief §10), so the raw value stays below
// 10^36 and fits int128 with room; products and quotients use 256-bit
// intermediates and round half-even to 12 digits. Money is a Decimal whose
// currency the checker knows statically, so it shares this representation.
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/value/rounding.h"
#include "runtime/value/status.h"

namespace incant {

using int128 = __int128;
using uint128 = unsigned __int128;

class Decimal {
 public:
  static constexpr int kScale = 12;
  static constexpr int64_t kOne = 1'000'000'000'000;  // 10^12
  // Every raw value's magnitude stays below this: 10^24 at scale 10^12.
  static constexpr int128 kRawLimit = int128{kOne} * kOne * kOne;

  constexpr Decimal() = default;
  [[nodiscard]] static constexpr Decimal FromRaw(int128 raw) { return Decimal(raw); }
  // Exact for every int64 (|n| < 9.3e18 < 10^24).
  [[nodiscard]] static constexpr Decimal FromInt(int64_t n) { return Decimal(int128{n} * kOne); }
  // The raw value of one unit of the `digits`-th decimal place (10^-digits), 0 <= digits <= 12:
  // the size of a cent is UnitRaw(2).
  [[nodiscard]] static int128 UnitRaw(int digits);

  // Parses `-12`, `1500.00`, `1_000.5` (underscores between digits only when
  // allow_underscores). Fails on anything else, more than 12 fractional digits
  // or a magnitude of 10^24 or more.
  [[nodiscard]] static bool Parse(std::string_view text, Decimal* out,
                                  bool allow_underscores = false);

  [[nodiscard]] constexpr int128 raw() const { return raw_; }
  [[nodiscard]] constexpr bool IsZero() const { return raw_ == 0; }
  [[nodiscard]] constexpr bool IsNegative() const { return raw_ < 0; }
  [[nodiscard]] constexpr int Compare(Decimal o) const {
    return raw_ < o.raw_ ? -1 : (raw_ > o.raw_ ? 1 : 0);
  }
  friend constexpr bool operator==(Decimal a, Decimal b) { return a.raw_ == b.raw_; }
  friend constexpr auto operator<=>(Decimal a, Decimal b) { return a.raw_ <=> b.raw_; }

  [[nodiscard]] static ArithStatus Add(Decimal a, Decimal b, Decimal* out);
  [[nodiscard]] static ArithStatus Sub(Decimal a, Decimal b, Decimal* out);
  [[nodiscard]] static ArithStatus Mul(Decimal a, Decimal b, Decimal* out);
  [[nodiscard]] static ArithStatus Div(Decimal a, Decimal b, Decimal* out);
  [[nodiscard]] static ArithStatus Neg(Decimal a, Decimal* out);

  // Rounds to `digits` fractional digits (0..12) with `mode`.
  [[nodiscard]] Decimal Round(int digits, Rounding mode) const;
  // Whole part toward -inf / +inf, as an Int when it fits.
  [[nodiscard]] ArithStatus FloorToInt(int64_t* out) const;
  [[nodiscard]] ArithStatus CeilToInt(int64_t* out) const;
  [[nodiscard]] Decimal Floor() const;
  [[nodiscard]] Decimal Ceil() const;

  // Fixed number of fractional digits; never prints `-0.00`. digits <= 12;
  // the value is rounded half-even if it has more digits than asked for.
  [[nodiscard]] std::string ToFixed(int digits) const;
  // Shortest exact form: `1.5`, `3`, `-0.005`.
  [[nodiscard]] std::string ToString() const;

  [[nodiscard]] static bool InRange(int128 raw);

 private:
  constexpr explicit Decimal(int128 raw) : raw_(raw) {}
  int128 raw_ = 0;
};

}  // namespace incant
