#include "compiler/sema/literals.h"

#include <string>

namespace incant::sema {

bool ParseIntLiteral(std::string_view text, int64_t* out) {
  std::string digits;
  for (const char c : text) {
    if (c != '_') digits += c;
  }
  if (digits.empty() || digits.size() > 19) return false;
  uint64_t v = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return false;
  *out = static_cast<int64_t>(v);
  return true;
}

bool ParseDecimalLiteral(std::string_view text, bool percent, Decimal* out) {
  Decimal d;
  if (!Decimal::Parse(text, &d, /*allow_underscores=*/true)) return false;
  if (percent) return Decimal::Div(d, Decimal::FromInt(100), out) == ArithStatus::kOk;
  *out = d;
  return true;
}

bool ParsePeriodLiteral(std::string_view text, Date* first, Date* last) {
  if (text.size() < 7 || text[4] != '-') return false;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (text[static_cast<size_t>(i)] < '0' || text[static_cast<size_t>(i)] > '9') return false;
    year = year * 10 + (text[static_cast<size_t>(i)] - '0');
  }
  int m_first = 0, m_last = 0;
  if (text[5] == 'Q') {
    const int q = text[6] - '0';
    if (text.size() != 7 || q < 1 || q > 4) return false;
    m_first = 3 * q - 2;
    m_last = 3 * q;
  } else {
    if (text.size() != 7 || text[5] < '0' || text[5] > '9' || text[6] < '0' || text[6] > '9')
      return false;
    m_first = m_last = (text[5] - '0') * 10 + (text[6] - '0');
    if (m_first < 1 || m_first > 12) return false;
  }
  if (year < 1) return false;
  *first = Date::FromCivil(year, m_first, 1);
  *last = Date::FromCivil(year, m_last, DaysInMonth(year, m_last));
  return true;
}

}  // namespace incant::sema
