#pragma once
// Pro-rata budget cuts for period rules (brief §4, §10): positive amounts are
// scaled so their total is exactly `left`, in minor units, the leftover units
// going to the largest remainders (ties: the order given, which the caller
// makes payee key ascending, then line order).
#include <cstdint>
#include <vector>

#include "runtime/value/value.h"

namespace incant::engine {

// `units[i]` are positive amounts in minor units (cents); `left` >= 0 is what
// the budget still allows. Returns the scaled amounts (sum == left when the
// total exceeded it; the input otherwise). `tie_order[i]` ranks equal remainders.
[[nodiscard]] std::vector<int128> ScaleProRata(const std::vector<int128>& units, int128 left,
                                               const std::vector<uint32_t>& tie_order);

}  // namespace incant::engine
