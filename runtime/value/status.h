#pragma once
// Why an exact operation failed. Values never wrap or trap: they say so.
namespace incant {

enum class ArithStatus : unsigned char { kOk, kOverflow, kDivisionByZero };

[[nodiscard]] const char* ArithStatusMessage(ArithStatus status);

}  // namespace incant
