#pragma once
// Calendar periods (month, quarter, year) as dense indices and labels.
#include <array>
#include <string>

#include "runtime/value/date.h"

namespace incant {

enum class PeriodUnit : unsigned char { kProgram, kMonth, kQuarter, kYear };

// Index of the period containing `d` (program: always 0).
[[nodiscard]] int PeriodIndex(PeriodUnit unit, Date d);
// The same for every unit at once, indexed by PeriodUnit (one calendar conversion).
[[nodiscard]] std::array<int, 4> PeriodIndices(Date d);
// First and last day of a month, quarter or year.
[[nodiscard]] Date PeriodStart(PeriodUnit unit, int index);
[[nodiscard]] Date PeriodEnd(PeriodUnit unit, int index);
// `2026-10`, `2026-Q4`, `2026` or `program`.
[[nodiscard]] std::string PeriodLabel(PeriodUnit unit, int index);

}  // namespace incant
