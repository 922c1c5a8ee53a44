#pragma once
// The timeline of brief §4: events in (date, stream, key) order, period closes
// and openings between them, and every effect booked through cap, budget and
// fund in that order. Internal to engine/.
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "runtime/engine/calendar.h"
#include "runtime/engine/engine.h"
#include "runtime/engine/inputs.h"
#include "runtime/engine/ledger_line.h"
#include "runtime/engine/ledger_writer.h"
#include "runtime/engine/metric_store.h"
#include "runtime/engine/summary.h"
#include "runtime/vm/vm.h"

namespace incant::engine {

// Per-rule state: cap usage per payee (stamped with its period), budget left,
// and what the summary counts.
struct RuleState {
  std::vector<Decimal> cap_used;
  std::vector<int32_t> cap_period;
  Decimal budget_left;
  std::vector<bool> paid;  // payee slots seen, for the summary's payee count
  uint64_t lines = 0, payees = 0;
  Decimal money_total;
  int64_t points_total = 0;
  bool has_money = false;
};

class Timeline final : public vm::Host {
 public:
  // `native` (jit/) runs the functions it has compiled; nullptr: the interpreter runs all.
  Timeline(const bc::Program& p, Inputs& in, RunReport& report, LedgerWriter& ledger,
           const vm::NativeCode* native = nullptr);

  bool Run(std::vector<Value> globals);

  // vm::Host
  bool Emit(int effect, Value payee, Value amount) override;
  Value FundBalance(int fund, Value payee) override;
  bool MetricAdd(int metric, Value key, Value value) override;
  Value Metric(int site, Value key) override { return metrics_.Get(site, key); }
  Value Rank(int leaderboard, Value row) override {
    return Value::Int(ranks_[static_cast<size_t>(leaderboard)][static_cast<size_t>(row.raw)]);
  }

 private:
  // 16 bytes, one per event of the run: the date is not kept (events are
  // bucketed by day; EventDate reads it from the row).
  struct Event {
    // 8 bytes of the key, big-endian, from the first byte where the stream's
    // keys differ (Int keys: the value, offset to unsigned): most key
    // comparisons end here, without touching the text.
    uint64_t key_prefix;
    uint32_t row;
    uint16_t dataset;
  };
  static_assert(sizeof(Event) == 16);
  [[nodiscard]] int32_t EventDate(const Event& e) const { return event_dates_[e.dataset][e.row]; }
  // timeline.cpp
  void Prepare();
  std::vector<Event> SortedEvents();
  void Reorder(std::vector<Event>& events);  // stream rows into timeline order
  bool RunEvent(const Event& e);
  bool RunBoundary(const Boundary& b);
  bool RunPeriodRule(int rule, const Boundary& b);
  bool RankLeaderboard(int lb);
  // `where()` names the rule and event for an error message; called only on
  // error. A template, not std::function: this runs once per rule per event.
  template <typename Where>
  bool Call(const bc::Function& f, vm::NativeFn native, Value* regs, const Where& where) {
    vm::Error err;
    const vm::Outcome out = vm::Call(f, native, regs, ctx_, &err);
    if (out == vm::Outcome::kOk) [[likely]]
      return true;
    Failed(f, out, std::move(err), where());
    return false;
  }
  void Failed(const bc::Function& f, vm::Outcome out, vm::Error err, const std::string& where);
  [[nodiscard]] bool KeyLess(int dataset, uint32_t a, uint32_t b) const;
  [[nodiscard]] std::string EventLabel(int ds, uint32_t row) const;
  [[nodiscard]] std::string RowKey(int ds, uint32_t row) const;
  // The key as a view: into the text pool, or formatted into `scratch` (Int keys).
  [[nodiscard]] std::string_view KeyView(int ds, uint32_t row, std::string* scratch) const;
  [[nodiscard]] std::string ScoreText(Value v, bc::FieldKind kind) const;
  [[nodiscard]] io::KeyRef KeyOf(int ds, uint32_t row) const {
    return io::KeyOf(p_.datasets[static_cast<size_t>(ds)], in_.data[static_cast<size_t>(ds)], row,
                     in_.texts);
  }

  // effects.cpp
  void StartCapPeriod(RuleState& st, size_t slot) const;
  [[nodiscard]] int64_t Slot(int dataset, uint32_t row) const {
    return slot_base_[static_cast<size_t>(dataset)] + static_cast<int64_t>(row);
  }
  // Cuts a positive line by the rule's cap; books the cut amount as used when `book`.
  void ApplyCap(LedgerLine& line, bool book);
  void ApplyFirstComeBudget(LedgerLine& line);
  void ApplyFund(LedgerLine& line);
  bool Commit(const LedgerLine& line, bool cap_booked);
  bool CommitHeld();  // a period rule's close with a budget: pro rata, then fund, then book

  std::vector<const int32_t*> event_dates_;  // per events stream: its date column
  // Native code per rule, metric feed and leaderboard (nullptr: interpreted).
  std::vector<vm::NativeFn> rule_native_, feed_native_, board_native_;
  const bc::Program& p_;
  Inputs& in_;
  RunReport& report_;
  LedgerWriter& ledger_;
  MetricStore metrics_;
  std::vector<int64_t> slot_base_;
  int64_t slots_ = 0;
  std::vector<RuleState> rules_;
  // Fund balances by payee row (each fund pays one data set in practice; see docs).
  std::vector<std::unordered_map<uint64_t, Decimal>> funds_;
  std::unordered_set<uint64_t> badges_;
  std::vector<Value> globals_;
  std::vector<vm::Column> columns_;
  vm::Context ctx_;
  std::vector<std::vector<uint32_t>> key_order_;  // tables' rows in key order
  std::vector<std::vector<int32_t>> ranks_;       // per leaderboard, per row
  // What is being evaluated: the rule, its line date and period, the event.
  int rule_ = 0;
  int32_t date_ = 0;
  int32_t period_ = 0;
  int event_dataset_ = -1;
  uint32_t event_row_ = 0;
  bool holding_ = false;  // a budgeted period rule's close: lines wait in held_
  std::vector<LedgerLine> held_;
  std::string period_label_;                                 // of the boundary being run
  std::vector<std::vector<Value>> rule_regs_, metric_regs_;  // reused register files
  std::vector<std::vector<int>> event_rules_, feeds_;        // by stream: rules, metrics

 public:
  // Where rankings go for `--leaderboards` (null: not wanted).
  std::vector<LeaderboardLine>* leaderboard_out_ = nullptr;
  // Every booked line, for the test runner (null: not wanted).
  std::vector<LedgerLine>* capture_ = nullptr;
  // Keep totals for --summary (before Run); their CSV rows after it.
  void WantSummary(PeriodUnit by) { summary_by_ = by; }
  // Threads for work whose result cannot depend on them (sorting the days).
  void UseThreads(unsigned n) { threads_ = std::max(1U, n); }
  [[nodiscard]] std::vector<std::string> SummaryRows() const;

 private:
  [[nodiscard]] std::string SlotKey(int64_t slot) const;
  std::optional<PeriodUnit> summary_by_;
  unsigned threads_ = 1;
  std::optional<SummaryTable> summary_;  // with --summary
};

}  // namespace incant::engine
