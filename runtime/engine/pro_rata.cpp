#include "runtime/engine/pro_rata.h"

#include <algorithm>
#include <numeric>

#include "runtime/value/wide_math.h"

namespace incant::engine {

std::vector<int128> ScaleProRata(const std::vector<int128>& units, int128 left,
                                 const std::vector<uint32_t>& tie_order) {
  int128 total = 0;
  for (const int128 u : units) total += u;
  if (total <= left) return units;
  std::vector<int128> out(units.size());
  std::vector<int128> remainder(units.size());
  int128 given = 0;
  for (size_t i = 0; i < units.size(); ++i) {
    // units[i] * left / total through 256 bits: both factors may be large.
    wide::U256 q;
    const wide::U256 product =
        wide::Mul128(static_cast<wide::uint128>(units[i]), static_cast<wide::uint128>(left));
    remainder[i] =
        static_cast<int128>(wide::DivMod(product, static_cast<wide::uint128>(total), &q));
    wide::uint128 whole = 0;
    (void)wide::ToU128(q, &whole);  // whole <= units[i]: always fits
    out[i] = static_cast<int128>(whole);
    given += out[i];
  }
  std::vector<size_t> idx(units.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    return tie_order[a] < tie_order[b];
  });
  for (size_t k = 0; given < left && k < idx.size(); ++k, ++given) ++out[idx[k]];
  return out;
}

}  // namespace incant::engine
