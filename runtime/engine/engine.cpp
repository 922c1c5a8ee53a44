#include "runtime/engine/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "runtime/engine/inputs.h"
#include "runtime/engine/ledger_writer.h"
#include "runtime/vm/vm.h"

namespace incant::engine {
namespace {

struct Event {
  int32_t date;
  uint16_t dataset;
  uint32_t row;
};

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
  Timeline(const bc::Program& p, Inputs& in, RunReport& report, LedgerWriter& ledger)
      : p_(p), in_(in), report_(report), ledger_(ledger) {}

  bool Run(std::vector<Value> globals);

  bool Emit(int effect, Value payee, Value amount) override;
  Value FundBalance(int fund, Value payee) override {
    const auto it = funds_[static_cast<size_t>(fund)].find(Key(payee));
    return Value::Dec(it == funds_[static_cast<size_t>(fund)].end() ? Decimal() : it->second);
  }

 private:
  // A payee's cap usage starts from zero in each new rule period.
  void StartCapPeriod(RuleState& st, size_t s) const {
    if (st.cap_period[s] != period_) {
      st.cap_period[s] = period_;
      st.cap_used[s] = Decimal();
    }
  }
  static uint64_t Key(Value payee) { return static_cast<uint64_t>(payee.raw); }
  int64_t Slot(int dataset, Value payee) const {
    return slot_base_[static_cast<size_t>(dataset)] + static_cast<int64_t>(payee.raw);
  }
  std::string EventLabel(int ds, uint32_t row) const {
    return p_.datasets[static_cast<size_t>(ds)].name + ":" +
           io::KeyText(p_.datasets[static_cast<size_t>(ds)], in_.data[static_cast<size_t>(ds)], row,
                       in_.texts);
  }
  void RuntimeError(const bc::Function& f, const vm::Error& err, const std::string& where);

  const bc::Program& p_;
  Inputs& in_;
  RunReport& report_;
  LedgerWriter& ledger_;
  std::vector<int64_t> slot_base_;
  int64_t slots_ = 0;
  std::vector<RuleState> rules_;
  // Fund balances per payee; the payee's data set is fixed per fund in v1 programs
  // in practice, so the row index is the key (data set folded into the high bits).
  std::vector<std::unordered_map<uint64_t, Decimal>> funds_;
  std::unordered_set<uint64_t> badges_;
  std::vector<Value> globals_;
  // The event being evaluated.
  int rule_ = 0;
  Event ev_{};
  int32_t period_ = 0;
};

void Timeline::RuntimeError(const bc::Function& f, const vm::Error& err, const std::string& where) {
  std::string loc;
  if (err.pc < f.locs.size() && f.locs[err.pc] < p_.locs.size()) {
    const bc::SourceLoc& l = p_.locs[f.locs[err.pc]];
    loc = fmt::format("{}:{}:{}: ", l.path, l.line, l.column);
  }
  report_.errors.push_back(fmt::format("{}runtime error: {} in {}", loc, err.message, where));
  report_.exit_code = kRuntimeError;
}

bool Timeline::Emit(int effect, Value payee, Value amount) {
  const bc::RuleDesc& rule = p_.rules[static_cast<size_t>(rule_)];
  const bc::EffectDesc& eff = rule.effects[static_cast<size_t>(effect)];
  if (payee.IsAbsent()) return true;  // an absent optional payee: skipped (brief §3)
  RuleState& st = rules_[static_cast<size_t>(rule_)];
  LedgerLine line;
  line.date = ev_.date;
  line.period = period_;
  line.rule = static_cast<uint16_t>(rule_);
  line.effect = static_cast<uint16_t>(effect);
  line.payee_dataset = eff.payee_dataset;
  line.payee_row = static_cast<uint32_t>(payee.raw);
  line.event_dataset = ev_.dataset;
  line.event_row = ev_.row;
  const int64_t slot = Slot(eff.payee_dataset, payee);
  if (eff.kind == bc::EffectKind::kBadge) {
    const uint64_t key =
        (static_cast<uint64_t>(rule_) << 48) ^ (static_cast<uint64_t>(effect) << 40) ^
        (static_cast<uint64_t>(static_cast<uint32_t>(period_)) << 24) ^ static_cast<uint64_t>(slot);
    if (!badges_.insert(key).second) return true;
    line.is_int = true;
    line.note = Note::kBadge;
    line.amount = line.requested = Decimal::FromInt(1);
  } else if (eff.kind == bc::EffectKind::kPoints) {
    if (amount.AsInt() == 0) return true;
    line.is_int = true;
    line.amount = line.requested = Decimal::FromInt(amount.AsInt());
    st.points_total += amount.AsInt();
  } else {
    // Round to the currency first, then cap, budget and fund (brief §4.4, §10).
    Decimal v = amount.AsDec().Round(p_.minor_digits, p_.rounding);
    if (v.IsZero()) return true;
    line.requested = v;
    if (!v.IsNegative()) {
      if (rule.cap_global >= 0) {
        const auto s = static_cast<size_t>(slot);
        StartCapPeriod(st, s);
        Decimal left;
        (void)Decimal::Sub(globals_[static_cast<size_t>(rule.cap_global)].AsDec(), st.cap_used[s],
                           &left);
        if (left.IsNegative()) left = Decimal();
        if (v > left) {
          v = left;
          line.note = Note::kCap;
        }
      }
      if (rule.budget_global >= 0) {
        const Decimal left = st.budget_left.IsNegative() ? Decimal() : st.budget_left;
        if (v > left) {
          v = left;
          line.note = Note::kBudget;
        }
      }
      if (eff.kind == bc::EffectKind::kPay && eff.fund >= 0) {
        const auto it = funds_[static_cast<size_t>(eff.fund)].find(Key(payee));
        Decimal bal = it == funds_[static_cast<size_t>(eff.fund)].end() ? Decimal() : it->second;
        if (bal.IsNegative()) bal = Decimal();
        if (v > bal) {
          v = bal;
          line.note = Note::kFund;
        }
      }
    }
    line.amount = v;
    // Book the final amount everywhere it counts.
    if (rule.cap_global >= 0) {
      const auto s = static_cast<size_t>(slot);
      StartCapPeriod(st, s);
      if (Decimal::Add(st.cap_used[s], v, &st.cap_used[s]) != ArithStatus::kOk) return false;
    }
    if (rule.budget_global >= 0 &&
        Decimal::Sub(st.budget_left, v, &st.budget_left) != ArithStatus::kOk) {
      return false;
    }
    if (eff.fund >= 0) {
      Decimal& bal = funds_[static_cast<size_t>(eff.fund)][Key(payee)];
      const ArithStatus s = eff.kind == bc::EffectKind::kAccrue ? Decimal::Add(bal, v, &bal)
                                                                : Decimal::Sub(bal, v, &bal);
      if (s != ArithStatus::kOk) return false;
    }
    st.has_money = true;
    if (Decimal::Add(st.money_total, v, &st.money_total) != ArithStatus::kOk) return false;
  }
  ++st.lines;
  if (!st.paid[static_cast<size_t>(slot)]) {
    st.paid[static_cast<size_t>(slot)] = true;
    ++st.payees;
  }
  ++report_.ledger_lines;
  if (ledger_.is_open()) {
    const bc::DataSetDesc& pd = p_.datasets[static_cast<size_t>(eff.payee_dataset)];
    ledger_.Write(line,
                  io::KeyText(pd, in_.data[static_cast<size_t>(eff.payee_dataset)], line.payee_row,
                              in_.texts),
                  EventLabel(ev_.dataset, ev_.row), p_);
  }
  return true;
}

bool Timeline::Run(std::vector<Value> globals_in) {
  globals_ = std::move(globals_in);
  // Payee slots: one dense range per data set that can be paid.
  slot_base_.assign(p_.datasets.size(), 0);
  std::vector<bool> payable(p_.datasets.size(), false);
  for (const bc::RuleDesc& r : p_.rules) {
    for (const bc::EffectDesc& e : r.effects) {
      if (e.payee_dataset >= 0) payable[static_cast<size_t>(e.payee_dataset)] = true;
    }
  }
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    slot_base_[d] = slots_;
    if (payable[d]) slots_ += static_cast<int64_t>(in_.data[d].rows);
  }
  rules_.resize(p_.rules.size());
  for (size_t i = 0; i < p_.rules.size(); ++i) {
    RuleState& st = rules_[i];
    st.paid.assign(static_cast<size_t>(slots_), false);
    if (p_.rules[i].cap_global >= 0) {
      st.cap_used.assign(static_cast<size_t>(slots_), Decimal());
      st.cap_period.assign(static_cast<size_t>(slots_), -1);
    }
    if (p_.rules[i].budget_global >= 0)
      st.budget_left = globals_[static_cast<size_t>(p_.rules[i].budget_global)].AsDec();
  }
  funds_.resize(p_.funds.size());

  // The timeline: (date, stream declaration order, key ascending) (brief §4.1).
  std::vector<Event> events;
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    const bc::DataSetDesc& desc = p_.datasets[d];
    if (!desc.is_events) continue;
    const io::DataSet& data = in_.data[d];
    const std::vector<int32_t>& dates = data.columns[static_cast<size_t>(desc.date_field)].i32;
    for (uint32_t r = 0; r < data.rows; ++r) {
      if (dates[r] < p_.period_from.days() || dates[r] > p_.period_to.days()) {
        ++report_.ignored_events;
        continue;
      }
      events.push_back(Event{dates[r], static_cast<uint16_t>(d), r});
    }
  }
  auto key_less = [&](const Event& a, const Event& b) {
    const bc::DataSetDesc& desc = p_.datasets[a.dataset];
    const io::ColumnData& key = in_.data[a.dataset].columns[static_cast<size_t>(desc.key_field)];
    if (key.kind == bc::ColumnKind::kI64) return key.i64[a.row] < key.i64[b.row];
    return in_.texts.Get(static_cast<uint32_t>(key.i32[a.row])) <
           in_.texts.Get(static_cast<uint32_t>(key.i32[b.row]));
  };
  std::sort(events.begin(), events.end(), [&](const Event& a, const Event& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.dataset != b.dataset) return a.dataset < b.dataset;
    return key_less(a, b);
  });
  report_.events = events.size();

  std::vector<vm::Column> columns(p_.num_columns);
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    for (size_t f = 0; f < p_.datasets[d].fields.size(); ++f) {
      const io::ColumnData& c = in_.data[d].columns[f];
      vm::Column& vc = columns[p_.datasets[d].first_column + f];
      vc.kind = c.kind;
      vc.data = c.kind == bc::ColumnKind::kI32   ? static_cast<const void*>(c.i32.data())
                : c.kind == bc::ColumnKind::kI64 ? static_cast<const void*>(c.i64.data())
                                                 : static_cast<const void*>(c.dec.data());
    }
  }
  vm::Context ctx{&p_, globals_.data(), columns.data(), &in_.texts, this};
  // Rules by stream, in declaration order; one register file per rule, reused.
  std::vector<std::vector<int>> by_stream(p_.datasets.size());
  std::vector<std::vector<Value>> regs(p_.rules.size());
  for (size_t i = 0; i < p_.rules.size(); ++i) {
    by_stream[static_cast<size_t>(p_.rules[i].dataset)].push_back(static_cast<int>(i));
    regs[i].resize(p_.rules[i].fn.num_regs);
  }
  vm::Error err;
  for (const Event& e : events) {
    ev_ = e;
    for (const int ri : by_stream[e.dataset]) {
      const bc::RuleDesc& rule = p_.rules[static_cast<size_t>(ri)];
      if ((rule.effective_from && e.date < rule.effective_from->days()) ||
          (rule.effective_to && e.date > rule.effective_to->days())) {
        continue;
      }
      rule_ = ri;
      period_ = PeriodIndex(rule.every, Date::FromDays(e.date));
      Value* r = regs[static_cast<size_t>(ri)].data();
      r[0] = Value{static_cast<int64_t>(e.row)};
      const vm::Outcome out = vm::Run(rule.fn, r, ctx, &err);
      if (out != vm::Outcome::kOk) {
        if (out == vm::Outcome::kStopped) err.message = "arithmetic overflow in a running total";
        RuntimeError(rule.fn, err,
                     fmt::format("rule `{}` (event {})", rule.name, EventLabel(e.dataset, e.row)));
        return false;
      }
    }
  }
  for (size_t i = 0; i < p_.rules.size(); ++i) {
    const RuleState& st = rules_[i];
    const bool points_only = !st.has_money && st.points_total != 0;
    report_.rules.push_back(RuleSummary{
        p_.rules[i].name, st.lines, st.payees,
        points_only ? std::to_string(st.points_total) : st.money_total.ToFixed(p_.minor_digits)});
  }
  return true;
}

}  // namespace

RunReport Run(const bc::Program& p, const RunOptions& options) {
  RunReport report;
  Inputs in;
  if (!LoadInputs(p, options, &in, &report)) {
    report.exit_code = kBadInput;
    return report;
  }
  report.rejected_rows = in.rejected;
  std::vector<Value> globals(p.num_globals, Value::Absent());
  if (!ApplySets(p, options, in.texts, &globals, &report)) {
    report.exit_code = kBadInput;
    return report;
  }
  // Params, lets, caps and budgets.
  {
    std::vector<Value> regs(p.init.num_regs);
    vm::Context ctx{&p, globals.data(), nullptr, &in.texts, nullptr};
    vm::Error err;
    if (vm::Run(p.init, regs.data(), ctx, &err) != vm::Outcome::kOk) {
      std::string loc;
      if (err.pc < p.init.locs.size() && p.init.locs[err.pc] < p.locs.size()) {
        const bc::SourceLoc& l = p.locs[p.init.locs[err.pc]];
        loc = fmt::format("{}:{}:{}: ", l.path, l.line, l.column);
      }
      report.errors.push_back(
          fmt::format("{}runtime error: {} in a param, let, cap or budget", loc, err.message));
      report.exit_code = kRuntimeError;
      return report;
    }
  }
  LedgerWriter ledger;
  std::string error;
  if (!options.out.empty() && !ledger.Open(options.out, &error)) {
    report.errors.push_back(error);
    report.exit_code = kBadInput;
    return report;
  }
  Timeline timeline(p, in, report, ledger);
  if (!timeline.Run(std::move(globals))) {
    ledger.Abandon();
    if (report.exit_code == kOk) report.exit_code = kRuntimeError;
    return report;
  }
  if (ledger.is_open() && !ledger.Commit(&error)) {
    report.errors.push_back(error);
    report.exit_code = kRuntimeError;
  }
  return report;
}

}  // namespace incant::engine
