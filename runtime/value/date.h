#pragma once
// A calendar day as days since 1970-01-01 (proleptic Gregorian).
#include <cstdint>
#include <string>
#include <string_view>

namespace incant {

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

class Date {
 public:
  constexpr Date() = default;
  [[nodiscard]] static constexpr Date FromDays(int32_t days) { return Date(days); }
  [[nodiscard]] static Date FromCivil(int year, int month, int day);
  // Strict `YYYY-MM-DD` with a real day of a real month.
  [[nodiscard]] static bool Parse(std::string_view text, Date* out);
  [[nodiscard]] static bool IsValid(int year, int month, int day);

  [[nodiscard]] constexpr int32_t days() const { return days_; }
  [[nodiscard]] CivilDate ToCivil() const;
  [[nodiscard]] std::string ToString() const;

  friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend constexpr auto operator<=>(Date a, Date b) { return a.days_ <=> b.days_; }

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

[[nodiscard]] int DaysInMonth(int year, int month);

}  // namespace incant
