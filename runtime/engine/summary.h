#pragma once
// `incant run --summary PATH`: totals per (rule, kind, payee, period) kept in
// dense arrays while the timeline runs (no ledger needed), then written as
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
  // `slots`: payee slots (see Timeline); `by`: kProgram keeps each rule's own period.
  SummaryTable(const bc::Program& p, int64_t slots, PeriodUnit by);
  // `slot` is the line's payee slot.
  [[nodiscard]] bool Add(const LedgerLine& line, int64_t slot);
  // CSV rows for every total booked, sorted; `key(slot)` names the payee.
  [[nodiscard]] std::vector<std::string> Rows(
      const std::function<std::string(int64_t slot)>& key) const;
  [[nodiscard]] static std::string Header() { return "rule,kind,payee,period,amount"; }

 private:
  [[nodiscard]] PeriodUnit UnitOf(int rule) const;
  const bc::Program& p_;
  int64_t slots_;
  PeriodUnit by_;
  // Per rule: [kind][slot][bucket] totals, and which cells were touched.
  struct PerRule {
    PeriodUnit unit = PeriodUnit::kProgram;
    int first = 0;  // PeriodIndex of the first bucket
    int buckets = 1;
    std::vector<Decimal> total;
    std::vector<uint8_t> used;
  };
  // Where (kind, slot, bucket) lives in a rule's arrays.
  [[nodiscard]] size_t Cell(const PerRule& pr, int kind, int64_t slot, int bucket) const;
  std::vector<PerRule> rules_;
  int32_t last_date_ = INT32_MIN;  // --summary-by: the period of the last line's date
  int last_index_ = 0;
};

}  // namespace incant::engine
