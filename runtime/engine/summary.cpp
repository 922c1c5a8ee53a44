#include "runtime/engine/summary.h"

#include <algorithm>
#include <tuple>

#include "runtime/engine/ledger_writer.h"

namespace incant::engine {
namespace {

constexpr int kKinds = 4;  // pay, accrue, points, badge
const char* const kKindWords[kKinds] = {"pay", "accrue", "points", "badge"};

}  // namespace

SummaryTable::SummaryTable(const bc::Program& p, int64_t slots, PeriodUnit by)
    : p_(p), slots_(slots), by_(by), rules_(p.rules.size()) {
  for (size_t r = 0; r < p.rules.size(); ++r) {
    PerRule& pr = rules_[r];
    pr.unit = by == PeriodUnit::kProgram ? p.rules[r].every : by;
    if (pr.unit != PeriodUnit::kProgram) {
      pr.first = PeriodIndex(pr.unit, p.period_from);
      pr.buckets = PeriodIndex(pr.unit, p.period_to) - pr.first + 1;
    }
    const size_t n =
        static_cast<size_t>(kKinds) * static_cast<size_t>(slots) * static_cast<size_t>(pr.buckets);
    pr.total.assign(n, Decimal());
    pr.used.assign(n, 0);
  }
}

size_t SummaryTable::Cell(const PerRule& pr, int kind, int64_t slot, int bucket) const {
  return (static_cast<size_t>(kind) * static_cast<size_t>(slots_) + static_cast<size_t>(slot)) *
             static_cast<size_t>(pr.buckets) +
         static_cast<size_t>(bucket);
}

bool SummaryTable::Add(const LedgerLine& line, int64_t slot) {
  PerRule& pr = rules_[line.rule];
  // By date when bucketing (--summary-by), else the line's own rule period.
  int bucket = 0;
  if (pr.unit != PeriodUnit::kProgram) {
    int index = line.period;
    if (by_ != PeriodUnit::kProgram) {
      // Lines come in date order: the last date's period is almost always the answer.
      if (line.date != last_date_) {
        last_date_ = line.date;
        last_index_ = PeriodIndex(by_, Date::FromDays(line.date));
      }
      index = last_index_;
    }
    bucket = index - pr.first;
  }
  const int kind = static_cast<int>(p_.rules[line.rule].effects[line.effect].kind);
  const size_t i = Cell(pr, kind, slot, bucket);
  pr.used[i] = 1;
  return Decimal::Add(pr.total[i], line.amount, &pr.total[i]) == ArithStatus::kOk;
}

std::vector<std::string> SummaryTable::Rows(
    const std::function<std::string(int64_t slot)>& key) const {
  struct Row {
    std::string rule, kind, payee, period, amount;
  };
  std::vector<Row> rows;
  for (size_t r = 0; r < rules_.size(); ++r) {
    const PerRule& pr = rules_[r];
    for (int k = 0; k < kKinds; ++k) {
      for (int64_t s = 0; s < slots_; ++s) {
        for (int b = 0; b < pr.buckets; ++b) {
          const size_t i = Cell(pr, k, s, b);
          if (!pr.used[i]) continue;
          const bool is_int = k >= 2;
          rows.push_back(Row{p_.rules[r].name, kKindWords[k], key(s),
                             PeriodLabel(pr.unit, pr.first + b),
                             pr.total[i].ToFixed(is_int ? 0 : p_.minor_digits)});
        }
      }
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.rule, a.kind, a.payee, a.period) <
           std::tie(b.rule, b.kind, b.payee, b.period);
  });
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    std::string line;
    AppendCsvField(line, row.rule);
    line += ',' + row.kind + ',';
    AppendCsvField(line, row.payee);
    line += ',' + row.period + ',' + row.amount;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace incant::engine
