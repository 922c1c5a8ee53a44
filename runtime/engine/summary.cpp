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
  Entry& e = At(Entry::Group(line.rule, kind, bucket), static_cast<uint64_t>(slot));
  return Decimal::Add(e.total, line.amount, &e.total) == ArithStatus::kOk;
}

std::vector<std::string> SummaryTable::Rows(
    const std::function<std::string(int64_t slot)>& key) const {
  // Rows sort by (rule, kind, payee, period) as text. Each column's text order
  // is worked out once, so the sort compares integers: rule names and kind
  // words are ranked, payee keys are ranked over the slots that occur, and
  // period labels are fixed-width, so within a rule bucket order is text order.
  std::vector<int> rule_rank(rules_.size());
  {
    std::vector<int> order(rules_.size());
    for (size_t r = 0; r < order.size(); ++r) order[r] = static_cast<int>(r);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return p_.rules[static_cast<size_t>(a)].name < p_.rules[static_cast<size_t>(b)].name;
    });
    for (size_t i = 0; i < order.size(); ++i)
      rule_rank[static_cast<size_t>(order[i])] = static_cast<int>(i);
  }
  constexpr int kKindRank[kKinds] = {2, 0, 3, 1};  // pay, accrue, points, badge as text
  std::vector<const Entry*> entries;
  entries.reserve(used_);
  std::vector<int64_t> slots;
  for (const Entry& e : table_) {
    if (e.group == 0) continue;
    entries.push_back(&e);
    slots.push_back(static_cast<int64_t>(e.slot));
  }
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  std::vector<std::string> keys(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) keys[i] = key(slots[i]);
  std::vector<size_t> by_key(slots.size());
  for (size_t i = 0; i < by_key.size(); ++i) by_key[i] = i;
  std::sort(by_key.begin(), by_key.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  std::vector<int> key_rank(slots.size());  // equal keys (two data sets) share a rank
  for (size_t i = 0; i < by_key.size(); ++i) {
    key_rank[by_key[i]] = i > 0 && keys[by_key[i]] == keys[by_key[i - 1]] ? key_rank[by_key[i - 1]]
                                                                          : static_cast<int>(i);
  }
  struct Row {
    int rule, kind, payee, bucket;
    size_t key;  // index into `keys`
    const Entry* e;
  };
  std::vector<Row> rows;
  rows.reserve(entries.size());
  for (const Entry* e : entries) {
    const auto key = static_cast<size_t>(
        std::lower_bound(slots.begin(), slots.end(), static_cast<int64_t>(e->slot)) -
        slots.begin());
    rows.push_back(
        Row{rule_rank[e->rule()], kKindRank[e->kind()], key_rank[key], e->bucket(), key, e});
  }
  auto amount = [&](const Entry& e) {
    return e.total.ToFixed(e.kind() >= 2 ? 0 : p_.minor_digits);
  };
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    const auto ka = std::tie(a.rule, a.kind, a.payee, a.bucket);
    const auto kb = std::tie(b.rule, b.kind, b.payee, b.bucket);
    if (ka != kb) return ka < kb;
    return amount(*a.e) < amount(*b.e);  // payees of two data sets with one key
  });
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    const Entry& e = *row.e;
    const PerRule& pr = rules_[e.rule()];
    std::string line;
    AppendCsvField(line, p_.rules[e.rule()].name);
    line += ',';
    line += kKindWords[e.kind()];
    line += ',';
    AppendCsvField(line, keys[row.key]);
    line += ',';
    line += PeriodLabel(pr.unit, pr.first + row.bucket);
    line += ',';
    line += amount(e);
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace incant::engine
