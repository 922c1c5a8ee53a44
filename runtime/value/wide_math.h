#pragma once
// 256-bit unsigned helpers for Decimal's products and quotients. Internal to value/.
#include <cstdint>

namespace incant::wide {

using uint128 = unsigned __int128;

struct U256 {
  uint64_t limb[4] = {0, 0, 0, 0};  // little-endian
};

[[nodiscard]] U256 Mul128(uint128 a, uint128 b);
// q = n / d, returns n % d. d != 0.
[[nodiscard]] uint128 DivMod(const U256& n, uint128 d, U256* q);
// True when the value fits 128 bits; then *out holds it.
[[nodiscard]] bool ToU128(const U256& n, uint128* out);

}  // namespace incant::wide
