#include "runtime/engine/summary.h"

#include <algorithm>
#include <tuple>

#include "runtime/engine/ledger_writer.h"

namespace incant::engine {
namespace {

constexpr int kKinds = 4;  // pay, accrue, points, badge
const char* const kKindWords[kKinds] = {"pay", "accrue", "points", "badge"};

}  // namespace

SummaryTable::SummaryTable(const bc::Program& p, PeriodUnit by)
    : p_(p), by_(by), rules_(p.rules.size()), table_(1024) {
  for (size_t r = 0; r < p.rules.size(); ++r) {
    PerRule& pr = rules_[r];
    pr.unit = by == PeriodUnit::kProgram ? p.rules[r].every : by;
    if (pr.unit != PeriodUnit::kProgram) pr.first = PeriodIndex(pr.unit, p.period_from);
  }
}

void SummaryTable::Grow() {
  std::vector<Entry> old(table_.size() * 2);
  old.swap(table_);
  used_ = 0;
  for (const Entry& e : old) {
    if (e.group != 0) At(e.group, e.slot).total = e.total;
  }
}

SummaryTable::Entry& SummaryTable::At(uint64_t group, uint64_t slot) {
  if ((used_ + 1) * 2 > table_.size()) Grow();
  uint64_t h = group * 0x9E3779B97F4A7C15ULL ^ slot * 0xC2B2AE3D27D4EB4FULL;
  h ^= h >> 29;
  const size_t mask = table_.size() - 1;
  for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
    Entry& e = table_[i];
    if (e.group == group && e.slot == slot) return e;
    if (e.group == 0) {
      e.group = group;
      e.slot = slot;
      ++used_;
      return e;
    }
  }
}

bool SummaryTable::Add(const LedgerLine& line, int64_t slot) {
  const PerRule& pr = rules_[line.rule];
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
    bucket = index - pr.first;  // lines lie inside the program period: 0 or more
  }
  const auto kind = static_cast<uint64_t>(p_.rules[line.rule].effects[line.effect].kind);
  const uint64_t group =
      (static_cast<uint64_t>(line.rule) + 1) << 20U | kind << 18U | static_cast<uint64_t>(bucket);
  Entry& e = At(group, static_cast<uint64_t>(slot));
  return Decimal::Add(e.total, line.amount, &e.total) == ArithStatus::kOk;
}

std::vector<std::string> SummaryTable::Rows(
    const std::function<std::string(int64_t slot)>& key) const {
  struct Row {
    std::string rule, kind, payee, period, amount;
  };
  std::vector<Row> rows;
  rows.reserve(used_);
  for (const Entry& e : table_) {
    if (e.group == 0) continue;
    const size_t rule = (e.group >> 20U) - 1;
    const auto kind = static_cast<int>((e.group >> 18U) & 3U);
    const auto bucket = static_cast<int>(e.group & 0x3FFFFU);
    const PerRule& pr = rules_[rule];
    const bool is_int = kind >= 2;
    rows.push_back(Row{p_.rules[rule].name, kKindWords[kind], key(static_cast<int64_t>(e.slot)),
                       PeriodLabel(pr.unit, pr.first + bucket),
                       e.total.ToFixed(is_int ? 0 : p_.minor_digits)});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    // The amount decides only between payees of two data sets with one key.
    return std::tie(a.rule, a.kind, a.payee, a.period, a.amount) <
           std::tie(b.rule, b.kind, b.payee, b.period, b.amount);
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
