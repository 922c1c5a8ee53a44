#include "runtime/value/period.h"

#include <cstdio>

namespace incant {

std::array<int, 4> PeriodIndices(Date d) {
  const CivilDate c = d.ToCivil();
  return {0, c.year * 12 + (c.month - 1), c.year * 4 + (c.month - 1) / 3, c.year};
}

int PeriodIndex(PeriodUnit unit, Date d) { return PeriodIndices(d)[static_cast<size_t>(unit)]; }

Date PeriodStart(PeriodUnit unit, int index) {
  switch (unit) {
    case PeriodUnit::kMonth:
      return Date::FromCivil(index / 12, index % 12 + 1, 1);
    case PeriodUnit::kQuarter:
      return Date::FromCivil(index / 4, (index % 4) * 3 + 1, 1);
    case PeriodUnit::kYear:
      return Date::FromCivil(index, 1, 1);
    case PeriodUnit::kProgram:
      break;
  }
  return Date::FromDays(0);
}

Date PeriodEnd(PeriodUnit unit, int index) {
  return Date::FromDays(PeriodStart(unit, index + 1).days() - 1);
}

std::string PeriodLabel(PeriodUnit unit, int index) {
  char buf[16];
  switch (unit) {
    case PeriodUnit::kProgram:
      return "program";
    case PeriodUnit::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
      break;
    case PeriodUnit::kQuarter:
      std::snprintf(buf, sizeof buf, "%04d-Q%d", index / 4, index % 4 + 1);
      break;
    case PeriodUnit::kYear:
      std::snprintf(buf, sizeof buf, "%04d", index);
      break;
  }
  return buf;
}

}  // namespace incant
