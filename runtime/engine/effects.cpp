// Booking effects (brief §4, §10): round to the currency, then cap, budget and
// fund in that order; `note` names the last limit that cut the line. A
// negative line is never cut and gives back what it reverses.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/engine/pro_rata.h"
#include "runtime/engine/timeline.h"

namespace incant::engine {

void Timeline::StartCapPeriod(RuleState& st, size_t slot) const {
  if (st.cap_period[slot] != period_) {
    st.cap_period[slot] = period_;
    st.cap_used[slot] = Decimal();
  }
}

Value Timeline::FundBalance(int fund, Value payee) {
  const auto& balances = funds_[static_cast<size_t>(fund)];
  const auto it = balances.find(static_cast<uint64_t>(payee.raw));
  return Value::Dec(it == balances.end() ? Decimal() : it->second);
}

bool Timeline::MetricAdd(int metric, Value key, Value value) {
  if (metrics_.Add(metric, key, value) == ArithStatus::kOk) return true;
  report_.errors.push_back(fmt::format(
      "runtime error: arithmetic overflow in metric `{}` (event {})",
      p_.metrics[static_cast<size_t>(metric)].name, EventLabel(event_dataset_, event_row_)));
  report_.exit_code = kRuntimeError;
  return false;
}

bool Timeline::Emit(int effect, Value payee, Value amount) {
  const bc::RuleDesc& rule = p_.rules[static_cast<size_t>(rule_)];
  const bc::EffectDesc& eff = rule.effects[static_cast<size_t>(effect)];
  if (payee.IsAbsent()) return true;  // an absent optional payee: skipped (brief §3)
  LedgerLine line;
  line.date = date_;
  line.period = period_;
  line.rule = static_cast<uint16_t>(rule_);
  line.effect = static_cast<uint16_t>(effect);
  line.payee_dataset = eff.payee_dataset;
  line.payee_row = static_cast<uint32_t>(payee.raw);
  line.event_dataset = event_dataset_;
  line.event_row = event_row_;
  if (eff.kind == bc::EffectKind::kBadge) {
    const auto slot = static_cast<uint64_t>(Slot(eff.payee_dataset, line.payee_row));
    const uint64_t key = (static_cast<uint64_t>(rule_) << 48) ^
                         (static_cast<uint64_t>(effect) << 40) ^
                         (static_cast<uint64_t>(static_cast<uint32_t>(period_)) << 24) ^ slot;
    if (!badges_.insert(key).second) return true;
    line.is_int = true;
    line.note = Note::kBadge;
    line.amount = line.requested = Decimal::FromInt(1);
  } else if (eff.kind == bc::EffectKind::kPoints) {
    if (amount.AsInt() == 0) return true;
    line.is_int = true;
    line.amount = line.requested = Decimal::FromInt(amount.AsInt());
  } else {
    // Round to the currency first (brief §4.4).
    const Decimal v = amount.AsDec().Round(p_.minor_digits, p_.rounding);
    if (v.IsZero()) return true;
    line.amount = line.requested = v;
  }
  if (holding_) {
    ApplyCap(line, /*book=*/true);  // later lines of this close see it (the cap's pending use)
    held_.push_back(line);
    return true;
  }
  ApplyCap(line, /*book=*/false);
  ApplyFirstComeBudget(line);
  ApplyFund(line);
  return Commit(line, /*cap_booked=*/false);
}

void Timeline::ApplyCap(LedgerLine& line, bool book) {
  const bc::RuleDesc& rule = p_.rules[line.rule];
  if (line.is_int || rule.cap_global < 0) return;
  RuleState& st = rules_[line.rule];
  const auto s = static_cast<size_t>(Slot(line.payee_dataset, line.payee_row));
  StartCapPeriod(st, s);
  if (!line.amount.IsNegative()) {
    Decimal left;
    (void)Decimal::Sub(globals_[static_cast<size_t>(rule.cap_global)].AsDec(), st.cap_used[s],
                       &left);
    if (left.IsNegative()) left = Decimal();
    if (line.amount > left) {
      line.amount = left;
      line.note = Note::kCap;
    }
  }
  if (book) (void)Decimal::Add(st.cap_used[s], line.amount, &st.cap_used[s]);
}

void Timeline::ApplyFirstComeBudget(LedgerLine& line) {
  if (line.is_int || p_.rules[line.rule].budget_global < 0 || line.amount.IsNegative()) return;
  const Decimal budget = rules_[line.rule].budget_left;
  const Decimal left = budget.IsNegative() ? Decimal() : budget;
  if (line.amount > left) {
    line.amount = left;
    line.note = Note::kBudget;
  }
}

void Timeline::ApplyFund(LedgerLine& line) {
  const bc::EffectDesc& eff = p_.rules[line.rule].effects[line.effect];
  if (eff.kind != bc::EffectKind::kPay || eff.fund < 0 || line.amount.IsNegative()) return;
  const auto& balances = funds_[static_cast<size_t>(eff.fund)];
  const auto it = balances.find(line.payee_row);
  Decimal bal = it == balances.end() ? Decimal() : it->second;
  if (bal.IsNegative()) bal = Decimal();
  if (line.amount > bal) {
    line.amount = bal;
    line.note = Note::kFund;
  }
}

bool Timeline::Commit(const LedgerLine& line, bool cap_booked) {
  const bc::RuleDesc& rule = p_.rules[line.rule];
  const bc::EffectDesc& eff = rule.effects[line.effect];
  RuleState& st = rules_[line.rule];
  const auto slot = static_cast<size_t>(Slot(line.payee_dataset, line.payee_row));
  if (eff.kind == bc::EffectKind::kPoints) {
    st.points_total += static_cast<int64_t>(line.amount.raw() / Decimal::kOne);
  } else if (!line.is_int) {
    // Book the final amount everywhere it counts.
    if (rule.cap_global >= 0 && !cap_booked) {
      StartCapPeriod(st, slot);
      if (Decimal::Add(st.cap_used[slot], line.amount, &st.cap_used[slot]) != ArithStatus::kOk)
        return false;
    }
    if (rule.budget_global >= 0 &&
        Decimal::Sub(st.budget_left, line.amount, &st.budget_left) != ArithStatus::kOk) {
      return false;
    }
    if (eff.fund >= 0) {
      Decimal& bal = funds_[static_cast<size_t>(eff.fund)][line.payee_row];
      const ArithStatus s = eff.kind == bc::EffectKind::kAccrue
                                ? Decimal::Add(bal, line.amount, &bal)
                                : Decimal::Sub(bal, line.amount, &bal);
      if (s != ArithStatus::kOk) return false;
    }
    st.has_money = true;
    if (Decimal::Add(st.money_total, line.amount, &st.money_total) != ArithStatus::kOk)
      return false;
  }
  ++st.lines;
  if (!st.paid[slot]) {
    st.paid[slot] = true;
    ++st.payees;
  }
  ++report_.ledger_lines;
  if (capture_ != nullptr) capture_->push_back(line);
  if (summary_ && !summary_->Add(line, static_cast<int64_t>(slot))) return false;
  if (ledger_.is_open()) {
    const std::string_view stream =
        line.event_dataset < 0
            ? std::string_view()
            : std::string_view(p_.datasets[static_cast<size_t>(line.event_dataset)].name);
    ledger_.Write(line, KeyOf(line.payee_dataset, line.payee_row), stream,
                  line.event_dataset < 0 ? LedgerKey{} : KeyOf(line.event_dataset, line.event_row),
                  p_);
  }
  return true;
}

bool Timeline::CommitHeld() {
  // Negative lines give back first; the positive ones share what is left.
  std::vector<size_t> pos;
  Decimal left = rules_[static_cast<size_t>(rule_)].budget_left;
  for (size_t i = 0; i < held_.size(); ++i) {
    const LedgerLine& l = held_[i];
    if (l.is_int) continue;
    if (l.amount.IsNegative()) {
      if (Decimal::Sub(left, l.amount, &left) != ArithStatus::kOk) return false;
    } else if (!l.amount.IsZero()) {
      pos.push_back(i);
    }
  }
  if (!pos.empty()) {
    const int128 unit = Decimal::UnitRaw(p_.minor_digits);  // one cent, for USD
    std::vector<int128> units;
    units.reserve(pos.size());
    for (const size_t i : pos) units.push_back(held_[i].amount.raw() / unit);
    // Equal remainders: lower payee key first, then line order.
    std::vector<size_t> by_key(pos.size());
    for (size_t k = 0; k < pos.size(); ++k) by_key[k] = k;
    std::stable_sort(by_key.begin(), by_key.end(), [&](size_t a, size_t b) {
      const LedgerLine& la = held_[pos[a]];
      const LedgerLine& lb = held_[pos[b]];
      if (la.payee_dataset != lb.payee_dataset) return la.payee_dataset < lb.payee_dataset;
      return KeyLess(la.payee_dataset, la.payee_row, lb.payee_row);
    });
    std::vector<uint32_t> tie(pos.size());
    for (size_t k = 0; k < by_key.size(); ++k) tie[by_key[k]] = static_cast<uint32_t>(k);
    const int128 left_units = left.IsNegative() ? 0 : left.raw() / unit;
    const std::vector<int128> scaled = ScaleProRata(units, left_units, tie);
    for (size_t k = 0; k < pos.size(); ++k) {
      LedgerLine& l = held_[pos[k]];
      if (scaled[k] < units[k]) {
        l.amount = Decimal::FromRaw(scaled[k] * unit);
        l.note = Note::kBudget;
      }
    }
  }
  for (LedgerLine& l : held_) {
    ApplyFund(l);
    if (!Commit(l, /*cap_booked=*/true)) return false;
  }
  held_.clear();
  return true;
}

}  // namespace incant::engine
