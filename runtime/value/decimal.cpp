#include "runtime/value/decimal.h"

#include <algorithm>

#include "runtime/value/wide_math.h"

namespace incant {
namespace {

constexpr uint128 kOneU = Decimal::kOne;

constexpr uint128 Pow10(int n) {
  uint128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}
constexpr auto kRawLimit = static_cast<uint128>(Decimal::kRawLimit);

uint128 Magnitude(int128 v) { return v < 0 ? -static_cast<uint128>(v) : static_cast<uint128>(v); }

// Whether to add one unit to quotient q when rem/divisor was dropped.
bool RoundUp(uint128 q, uint128 rem, uint128 divisor, Rounding mode) {
  if (rem == 0) return false;
  switch (mode) {
    case Rounding::kDown:
      return false;
    case Rounding::kUp:
      return true;
    case Rounding::kHalfUp:
      return rem >= divisor - rem;
    case Rounding::kHalfEven: {
      const uint128 other = divisor - rem;
      return rem > other || (rem == other && (q & 1U) != 0);
    }
  }
  return false;
}

ArithStatus Finish(bool negative, const wide::U256& q_wide, uint128 rem, uint128 divisor,
                   Decimal* out) {
  uint128 q = 0;
  if (!wide::ToU128(q_wide, &q) || q >= kRawLimit) return ArithStatus::kOverflow;
  if (RoundUp(q, rem, divisor, Rounding::kHalfEven)) ++q;
  if (q >= kRawLimit) return ArithStatus::kOverflow;
  const int128 signed_q = static_cast<int128>(q);
  *out = Decimal::FromRaw(negative ? -signed_q : signed_q);
  return ArithStatus::kOk;
}

std::string U128ToString(uint128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v != 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  std::reverse(s.begin(), s.end());
  return s;
}

}  // namespace

bool Decimal::InRange(int128 raw) { return Magnitude(raw) < kRawLimit; }

bool Decimal::Parse(std::string_view text, Decimal* out, bool allow_underscores) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  uint128 whole = 0;
  size_t whole_digits = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (; i < text.size() && text[i] != '.'; ++i) {
    const char c = text[i];
    if (c == '_' && allow_underscores && whole_digits > 0 && i + 1 < text.size() &&
        is_digit(text[i + 1])) {
      continue;
    }
    if (!is_digit(c)) return false;
    whole = whole * 10 + static_cast<unsigned>(c - '0');
    if (whole >= Pow10(24)) return false;
    ++whole_digits;
  }
  if (whole_digits == 0) return false;
  uint128 frac = 0;
  int frac_digits = 0;
  if (i < text.size()) {  // text[i] == '.'
    ++i;
    if (i == text.size()) return false;
    for (; i < text.size(); ++i) {
      if (!is_digit(text[i])) return false;
      if (frac_digits == kScale) {
        if (text[i] != '0') return false;  // more digits than Decimal keeps
        continue;
      }
      frac = frac * 10 + static_cast<unsigned>(text[i] - '0');
      ++frac_digits;
    }
  }
  const uint128 raw = whole * kOneU + frac * Pow10(kScale - frac_digits);
  *out = FromRaw(negative ? -static_cast<int128>(raw) : static_cast<int128>(raw));
  return true;
}

ArithStatus Decimal::Add(Decimal a, Decimal b, Decimal* out) {
  const int128 r = a.raw_ + b.raw_;  // both below 10^36: no int128 overflow
  if (!InRange(r)) return ArithStatus::kOverflow;
  *out = FromRaw(r);
  return ArithStatus::kOk;
}

ArithStatus Decimal::Sub(Decimal a, Decimal b, Decimal* out) {
  const int128 r = a.raw_ - b.raw_;
  if (!InRange(r)) return ArithStatus::kOverflow;
  *out = FromRaw(r);
  return ArithStatus::kOk;
}

ArithStatus Decimal::Neg(Decimal a, Decimal* out) {
  *out = FromRaw(-a.raw_);
  return ArithStatus::kOk;
}

ArithStatus Decimal::Mul(Decimal a, Decimal b, Decimal* out) {
  const bool negative = (a.raw_ < 0) != (b.raw_ < 0);
  const uint128 ma = Magnitude(a.raw_), mb = Magnitude(b.raw_);
  if ((ma >> 64) == 0 && (mb >> 64) == 0) {  // hot path: the product fits 128 bits
    const uint128 p = ma * mb;
    uint128 q = p / kOneU;
    const uint128 rem = p % kOneU;
    if (RoundUp(q, rem, kOneU, Rounding::kHalfEven)) ++q;
    if (q >= kRawLimit) return ArithStatus::kOverflow;
    *out = FromRaw(negative ? -static_cast<int128>(q) : static_cast<int128>(q));
    return ArithStatus::kOk;
  }
  wide::U256 q;
  const uint128 rem = wide::DivMod(wide::Mul128(ma, mb), kOneU, &q);
  return Finish(negative, q, rem, kOneU, out);
}

ArithStatus Decimal::Div(Decimal a, Decimal b, Decimal* out) {
  if (b.raw_ == 0) return ArithStatus::kDivisionByZero;
  const bool negative = (a.raw_ < 0) != (b.raw_ < 0);
  const uint128 mb = Magnitude(b.raw_);
  wide::U256 q;
  const uint128 rem = wide::DivMod(wide::Mul128(Magnitude(a.raw_), kOneU), mb, &q);
  return Finish(negative, q, rem, mb, out);
}

Decimal Decimal::Round(int digits, Rounding mode) const {
  digits = std::clamp(digits, 0, kScale);
  const uint128 unit = Pow10(kScale - digits);
  const uint128 m = Magnitude(raw_);
  uint128 q = 0;
  uint128 rem = 0;
  if (m <= UINT64_MAX) {
    // Amounts below 18 million units (nearly all of them): one 64-bit divide
    // instead of the 128-bit library call.
    const auto m64 = static_cast<uint64_t>(m);
    const auto unit64 = static_cast<uint64_t>(unit);
    q = m64 / unit64;
    rem = m64 % unit64;
  } else {
    q = m / unit;
    rem = m % unit;
  }
  if (RoundUp(q, rem, unit, mode)) ++q;
  const int128 r = static_cast<int128>(q * unit);
  return FromRaw(raw_ < 0 ? -r : r);
}

Decimal Decimal::Floor() const {
  int128 q = raw_ / kOne;
  if (raw_ % kOne != 0 && raw_ < 0) --q;
  return FromRaw(q * kOne);
}

Decimal Decimal::Ceil() const {
  int128 q = raw_ / kOne;
  if (raw_ % kOne != 0 && raw_ > 0) ++q;
  return FromRaw(q * kOne);
}

namespace {
ArithStatus WholeToInt(Decimal whole, int64_t* out) {
  const int128 q = whole.raw() / Decimal::kOne;
  if (q > INT64_MAX || q < INT64_MIN) return ArithStatus::kOverflow;
  *out = static_cast<int64_t>(q);
  return ArithStatus::kOk;
}
}  // namespace

ArithStatus Decimal::FloorToInt(int64_t* out) const { return WholeToInt(Floor(), out); }
ArithStatus Decimal::CeilToInt(int64_t* out) const { return WholeToInt(Ceil(), out); }

int128 Decimal::UnitRaw(int digits) {
  return static_cast<int128>(Pow10(kScale - std::clamp(digits, 0, kScale)));
}

std::string Decimal::ToFixed(int digits) const {
  digits = std::clamp(digits, 0, kScale);
  const Decimal r = Round(digits, Rounding::kHalfEven);
  const uint128 m = Magnitude(r.raw_);
  std::string s = (r.raw_ < 0) ? "-" : "";
  s += U128ToString(m / kOneU);
  if (digits > 0) {
    std::string frac = U128ToString((m % kOneU) / Pow10(kScale - digits));
    s += '.';
    s.append(static_cast<size_t>(digits) - frac.size(), '0');
    s += frac;
  }
  return s;
}

std::string Decimal::ToString() const {
  std::string s = ToFixed(kScale);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace incant
