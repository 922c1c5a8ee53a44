#pragma once
// `incant run --summary PATH`: totals per (rule, kind, payee, period) kept in
// a hash table while the timeline runs (no ledger needed), then written as
// CSV `rule,kind,payee,period,amount` sorted by those columns. The period is
// the line's rule period, or with --summary-by the month, quarter or year
// containing the line's date.
#include <functional>
#include <string>
#include <vector>

#include "runtime/bytecode/program.h"
#include "runtime/engine/ledger_line.h"

namespace incant::engine {

class SummaryTable {
 public:
  // `by`: kProgram keeps each rule's own period.
  SummaryTable(const bc::Program& p, PeriodUnit by);
  // `slot` is the line's payee slot.
  [[nodiscard]] bool Add(const LedgerLine& line, int64_t slot);
  // CSV rows for every total booked, sorted; `key(slot)` names the payee.
  [[nodiscard]] std::vector<std::string> Rows(
      const std::function<std::string(int64_t slot)>& key) const;
  [[nodiscard]] static std::string Header() { return "rule,kind,payee,period,amount"; }

 private:
  // One total per (rule, kind, payee slot, bucket) that has a line, in an
  // open-addressing table: memory follows the lines booked, not
  // rules x payees x periods (2,000 rules over 10,000 partners by month would
  // be gigabytes of mostly empty cells).
  struct Entry {
    uint64_t group = 0;  // (rule + 1) << 20 | kind << 18 | bucket; 0: empty
    uint64_t slot = 0;
    Decimal total;
    static uint64_t Group(size_t rule, uint64_t kind, int bucket) {
      return (static_cast<uint64_t>(rule) + 1) << 20U | kind << 18U | static_cast<uint64_t>(bucket);
    }
    [[nodiscard]] size_t rule() const { return (group >> 20U) - 1; }
    [[nodiscard]] int kind() const { return static_cast<int>((group >> 18U) & 3U); }
    [[nodiscard]] int bucket() const { return static_cast<int>(group & 0x3FFFFU); }
  };
  struct PerRule {
    PeriodUnit unit = PeriodUnit::kProgram;
    int first = 0;  // PeriodIndex of bucket 0
  };
  Entry& At(uint64_t group, uint64_t slot);
  void Grow();
  const bc::Program& p_;
  PeriodUnit by_;
  std::vector<PerRule> rules_;
  std::vector<Entry> table_;  // size a power of two, at most half full
  size_t used_ = 0;
  int32_t last_date_ = INT32_MIN;  // --summary-by: the period of the last line's date
  int last_index_ = 0;
};

}  // namespace incant::engine
