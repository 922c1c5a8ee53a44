#pragma once
// One ledger line as the engine produces it (formatted only when written).
#include <cstdint>

#include "runtime/value/decimal.h"

namespace incant::engine {

enum class Note : uint8_t { kNone, kCap, kBudget, kFund, kBadge };

struct LedgerLine {
  int32_t date = 0;
  int32_t period = 0;  // index in the rule's period unit
  uint16_t rule = 0;
  uint16_t effect = 0;
  Note note = Note::kNone;
  int32_t payee_dataset = 0;
  uint32_t payee_row = 0;
  int32_t event_dataset = -1;  // -1: a period rule
  uint32_t event_row = 0;
  Decimal amount, requested;
  bool is_int = false;  // points and badges
};

}  // namespace incant::engine
