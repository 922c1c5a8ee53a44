#pragma once
// The period boundaries of a program, in timeline order (brief §4.3): a close
// happens after the events of its period's last day, an opening before the
// events of its first day; at one instant, closes (months, quarters, years)
// come before openings (years, quarters, months).
#include <vector>

#include "runtime/value/period.h"

namespace incant::engine {

struct Boundary {
  int32_t at = 0;  // runs before the events of this day (day after a close)
  bool open = false;
  PeriodUnit unit = PeriodUnit::kMonth;
  int index = 0;     // PeriodIndex
  Date first, last;  // the period's days within the program
};

[[nodiscard]] std::vector<Boundary> ProgramBoundaries(Date from, Date to);

}  // namespace incant::engine
