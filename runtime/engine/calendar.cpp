#include "runtime/engine/calendar.h"

#include <algorithm>
#include <tuple>

namespace incant::engine {

std::vector<Boundary> ProgramBoundaries(Date from, Date to) {
  std::vector<Boundary> out;
  for (const PeriodUnit unit : {PeriodUnit::kMonth, PeriodUnit::kQuarter, PeriodUnit::kYear}) {
    for (int i = PeriodIndex(unit, from); PeriodStart(unit, i) <= to; ++i) {
      const Date first = std::max(PeriodStart(unit, i), from);
      const Date last = std::min(PeriodEnd(unit, i), to);
      out.push_back(Boundary{last.days() + 1, false, unit, i, first, last});
      out.push_back(Boundary{first.days(), true, unit, i, first, last});
    }
  }
  // Closes before openings; closes from the smallest unit up, openings from the largest down.
  auto order = [](const Boundary& b) {
    const int u = static_cast<int>(b.unit);
    return std::make_tuple(b.at, b.open ? 1 : 0, b.open ? -u : u);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Boundary& a, const Boundary& b) { return order(a) < order(b); });
  return out;
}

}  // namespace incant::engine
