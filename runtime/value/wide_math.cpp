#include "runtime/value/wide_math.h"

namespace incant::wide {

U256 Mul128(uint128 a, uint128 b) {
  const uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
  const uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
  const uint128 p00 = static_cast<uint128>(a0) * b0;
  const uint128 p01 = static_cast<uint128>(a0) * b1;
  const uint128 p10 = static_cast<uint128>(a1) * b0;
  const uint128 p11 = static_cast<uint128>(a1) * b1;
  U256 r;
  r.limb[0] = static_cast<uint64_t>(p00);
  uint128 mid = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  r.limb[1] = static_cast<uint64_t>(mid);
  uint128 hi = (mid >> 64) + (p01 >> 64) + (p10 >> 64) + static_cast<uint64_t>(p11);
  r.limb[2] = static_cast<uint64_t>(hi);
  r.limb[3] = static_cast<uint64_t>((hi >> 64) + (p11 >> 64));
  return r;
}

uint128 DivMod(const U256& n, uint128 d, U256* q) {
  *q = U256{};
  if ((d >> 64) == 0) {  // fast path: one 64-bit divisor, limb by limb
    const uint64_t d64 = static_cast<uint64_t>(d);
    uint128 rem = 0;
    for (int i = 3; i >= 0; --i) {
      const uint128 cur = (rem << 64) | n.limb[i];
      q->limb[i] = static_cast<uint64_t>(cur / d64);
      rem = cur % d64;
    }
    return rem;
  }
  // Shift-subtract; the divisor is below 2^127 for every Decimal, so rem << 1 cannot overflow.
  uint128 rem = 0;
  for (int bit = 255; bit >= 0; --bit) {
    rem = (rem << 1) | ((n.limb[bit / 64] >> (bit % 64)) & 1U);
    if (rem >= d) {
      rem -= d;
      q->limb[bit / 64] |= uint64_t{1} << (bit % 64);
    }
  }
  return rem;
}

bool ToU128(const U256& n, uint128* out) {
  if (n.limb[2] != 0 || n.limb[3] != 0) return false;
  *out = (static_cast<uint128>(n.limb[1]) << 64) | n.limb[0];
  return true;
}

}  // namespace incant::wide
