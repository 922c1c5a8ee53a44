// The timeline loop: events and period boundaries in order (brief §4.3).
#include "runtime/engine/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "runtime/engine/parallel.h"

namespace incant::engine {
namespace {

std::vector<size_t> RowCounts(const Inputs& in) {
  std::vector<size_t> rows;
  for (const io::DataSet& d : in.data) rows.push_back(d.rows);
  return rows;
}

}  // namespace

Timeline::Timeline(const bc::Program& p, Inputs& in, RunReport& report, LedgerWriter& ledger,
                   const vm::NativeCode* native)
    : p_(p), in_(in), report_(report), ledger_(ledger), metrics_(p, RowCounts(in), in.texts) {
  for (const bc::RuleDesc& r : p.rules) rule_native_.push_back(vm::FindNative(native, r.fn));
  for (const bc::MetricDesc& m : p.metrics) feed_native_.push_back(vm::FindNative(native, m.feed));
  for (const bc::LeaderboardDesc& l : p.leaderboards) {
    board_native_.push_back(vm::FindNative(native, l.fn));
  }
}

bool Timeline::KeyLess(int dataset, uint32_t a, uint32_t b) const {
  const io::KeyRef x = KeyOf(dataset, a);
  const io::KeyRef y = KeyOf(dataset, b);
  return x.is_number ? x.number < y.number : x.text < y.text;
}

std::string Timeline::RowKey(int ds, uint32_t row) const {
  return io::KeyText(p_.datasets[static_cast<size_t>(ds)], in_.data[static_cast<size_t>(ds)], row,
                     in_.texts);
}

std::string_view Timeline::KeyView(int ds, uint32_t row, std::string* scratch) const {
  return io::KeyView(p_.datasets[static_cast<size_t>(ds)], in_.data[static_cast<size_t>(ds)], row,
                     in_.texts, scratch);
}

std::vector<std::string> Timeline::SummaryRows() const {
  if (!summary_) return {};
  return summary_->Rows([this](int64_t slot) { return SlotKey(slot); });
}

std::string Timeline::SlotKey(int64_t slot) const {
  // Payable data sets own consecutive slot ranges; the others own none.
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    const int64_t end = d + 1 < p_.datasets.size() ? slot_base_[d + 1] : slots_;
    if (slot >= slot_base_[d] && slot < end) {
      return RowKey(static_cast<int>(d), static_cast<uint32_t>(slot - slot_base_[d]));
    }
  }
  return "";
}

std::string Timeline::EventLabel(int ds, uint32_t row) const {
  if (ds < 0) return "";
  return p_.datasets[static_cast<size_t>(ds)].name + ":" + RowKey(ds, row);
}

void Timeline::Prepare() {
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
  // Tables visited by period rules and leaderboards, in key order (brief §10).
  key_order_.resize(p_.datasets.size());
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    if (p_.datasets[d].is_events) continue;
    std::vector<uint32_t>& order = key_order_[d];
    order.resize(in_.data[d].rows);
    for (uint32_t r = 0; r < order.size(); ++r) order[r] = r;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return KeyLess(static_cast<int>(d), a, b); });
  }
  ranks_.resize(p_.leaderboards.size());
  for (size_t i = 0; i < p_.leaderboards.size(); ++i) {
    ranks_[i].assign(in_.data[static_cast<size_t>(p_.leaderboards[i].dataset)].rows, 0);
  }
  columns_ = ColumnsOf(p_, in_);
  if (summary_by_) summary_.emplace(p_, *summary_by_);
  ctx_ = vm::Context{&p_, globals_.data(), columns_.data(), &in_.texts, this};
  // Each stream's event rules and metric feeds, in declaration order.
  event_rules_.resize(p_.datasets.size());
  feeds_.resize(p_.datasets.size());
  for (size_t i = 0; i < p_.rules.size(); ++i) {
    rule_regs_.emplace_back(p_.rules[i].fn.num_regs);
    if (!p_.rules[i].period_rule) {
      event_rules_[static_cast<size_t>(p_.rules[i].dataset)].push_back(static_cast<int>(i));
    }
  }
  for (size_t i = 0; i < p_.metrics.size(); ++i) {
    metric_regs_.emplace_back(p_.metrics[i].feed.num_regs);
    feeds_[static_cast<size_t>(p_.metrics[i].dataset)].push_back(static_cast<int>(i));
  }
}

std::vector<Timeline::Event> Timeline::SortedEvents() {
  // (date, stream declaration order, key ascending) (brief §4.1), without a
  // comparison sort of all events: a counting sort by day (streams stay in
  // declaration order), then each day's events sorted by stream and key.
  const int32_t first = p_.period_from.days();
  const size_t days = static_cast<size_t>(p_.period_to.days() - first) + 1;
  std::vector<uint32_t> start(days + 1, 0);
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    const bc::DataSetDesc& desc = p_.datasets[d];
    if (!desc.is_events) continue;
    const io::DataSet& data = in_.data[d];
    for (const int32_t day : data.columns[static_cast<size_t>(desc.date_field)].i32) {
      if (day < first || day > p_.period_to.days()) {
        ++report_.ignored_events;
      } else {
        ++start[static_cast<size_t>(day - first) + 1];
      }
    }
  }
  for (size_t k = 1; k <= days; ++k) start[k] += start[k - 1];
  std::vector<Event> events(start[days]);
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  // Text keys are read through their pool (no copy of 16 bytes a row: at 10M
  // rows that was 160 MB at the run's peak); few comparisons get past the prefix.
  std::vector<const TextPool*> pools(p_.datasets.size(), nullptr);
  std::vector<const int32_t*> key_ids(p_.datasets.size(), nullptr);
  auto key_text = [&](size_t d, uint32_t row) {
    return pools[d]->Get(static_cast<uint32_t>(key_ids[d][row]));
  };
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    const bc::DataSetDesc& desc = p_.datasets[d];
    if (!desc.is_events) continue;
    const io::DataSet& data = in_.data[d];
    const io::ColumnData& key = data.columns[static_cast<size_t>(desc.key_field)];
    const bool int_key = key.kind == bc::ColumnKind::kI64;
    size_t skip = 0;
    if (!int_key && data.rows > 0) {
      pools[d] = &data.KeyTexts(in_.texts);
      key_ids[d] = key.i32.data();
      // The prefix starts after the bytes every key shares ("S000..." ids would
      // otherwise tie on all 8 bytes and fall back to comparing the texts).
      const std::string_view first_key = key_text(d, 0);
      skip = first_key.size();
      for (uint32_t r = 1; r < data.rows && skip > 0; ++r) {
        const std::string_view t = key_text(d, r);
        size_t same = 0;
        while (same < skip && same < t.size() && t[same] == first_key[same]) ++same;
        skip = same;
      }
    }
    const std::vector<int32_t>& dates = data.columns[static_cast<size_t>(desc.date_field)].i32;
    for (uint32_t r = 0; r < data.rows; ++r) {
      if (dates[r] < first || dates[r] > p_.period_to.days()) continue;
      uint64_t prefix = 0;
      if (int_key) {
        prefix = static_cast<uint64_t>(key.i64[r]) ^ (uint64_t{1} << 63);
      } else {
        const std::string_view t = key_text(d, r);
        for (size_t b = skip; b < skip + 8; ++b) {
          prefix = (prefix << 8) | (b < t.size() ? static_cast<unsigned char>(t[b]) : 0U);
        }
      }
      events[fill[static_cast<size_t>(dates[r] - first)]++] =
          Event{prefix, r, static_cast<uint16_t>(d)};
    }
  }
  auto less = [&](const Event& a, const Event& b) {
    if (a.dataset != b.dataset) return a.dataset < b.dataset;
    if (a.key_prefix != b.key_prefix) return a.key_prefix < b.key_prefix;
    // Equal prefixes: the whole texts decide (Int keys never tie here).
    return pools[a.dataset] != nullptr && key_text(a.dataset, a.row) < key_text(b.dataset, b.row);
  };
  // Days are sorted independently, so they can go to both cores.
  ParallelFor(days, threads_, [&](size_t k) {
    if (start[k + 1] - start[k] > 1) {
      std::sort(events.begin() + start[k], events.begin() + start[k + 1], less);
    }
  });
  return events;
}

namespace {

template <typename T>
void Permute(std::vector<T>& v, const std::vector<uint32_t>& from) {
  if (v.empty()) return;
  std::vector<T> out(v.size());
  for (size_t i = 0; i < from.size(); ++i) out[i] = v[from[i]];
  v.swap(out);
}

}  // namespace

void Timeline::Reorder(std::vector<Event>& events) {
  // Rows of each events stream are stored in the file's order, and the
  // timeline visits them in date order: every field read would be a cache
  // miss. Moving the rows into timeline order once makes the reads sequential.
  std::vector<bool> referenced(p_.datasets.size(), false);
  for (const bc::DataSetDesc& d : p_.datasets) {
    for (const bc::FieldDesc& f : d.fields) {
      if (f.kind == bc::FieldKind::kRef) referenced[static_cast<size_t>(f.target)] = true;
    }
  }
  std::vector<std::vector<uint32_t>> from(p_.datasets.size());
  for (const Event& e : events) from[e.dataset].push_back(e.row);
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    io::DataSet& data = in_.data[d];
    // A stream other rows refer to keeps its order (the references hold row indices).
    if (!p_.datasets[d].is_events || referenced[d] || data.rows == 0) {
      from[d].clear();
      continue;
    }
    // Rows outside the program period are never visited: they go last, in file order.
    std::vector<bool> placed(data.rows, false);
    for (const uint32_t r : from[d]) placed[r] = true;
    for (uint32_t r = 0; r < data.rows; ++r) {
      if (!placed[r]) from[d].push_back(r);
    }
    for (io::ColumnData& c : data.columns) {
      Permute(c.i32, from[d]);
      Permute(c.i64, from[d]);
      Permute(c.dec, from[d]);
    }
    Permute(data.lines, from[d]);
    if (data.own_keys && ledger_.is_open()) {
      // The ledger reads every event's key in timeline order: lay the texts
      // out in that order too, instead of a cache miss per ledger line.
      auto ordered = std::make_unique<TextPool>();
      std::vector<int32_t>& ids = data.columns[static_cast<size_t>(p_.datasets[d].key_field)].i32;
      for (int32_t& id : ids) {
        id = static_cast<int32_t>(ordered->Append(data.own_keys->Get(static_cast<uint32_t>(id))));
      }
      data.own_keys = std::move(ordered);
    }
    // The key maps served loading and reference resolution; they are not used after.
    data.text_keys.clear();
    data.int_keys = {};  // clear() would keep the buckets
  }
  std::vector<uint32_t> next(p_.datasets.size(), 0);
  for (Event& e : events) {
    if (!from[e.dataset].empty()) e.row = next[e.dataset]++;
  }
}

void Timeline::Failed(const bc::Function& f, vm::Outcome out, vm::Error err,
                      const std::string& where) {
  if (out == vm::Outcome::kStopped && !report_.errors.empty()) return;  // already said
  if (out == vm::Outcome::kStopped) err.message = "arithmetic overflow in a running total";
  report_.errors.push_back(RuntimeErrorMessage(p_, f, err, where));
  report_.exit_code = kRuntimeError;
}

bool Timeline::RunEvent(const Event& e) {
  event_dataset_ = e.dataset;
  event_row_ = e.row;
  date_ = EventDate(e);
  const Date day = Date::FromDays(date_);
  // The day's period in each unit, worked out once for all of its rules.
  const std::array<int, 4> period_of = PeriodIndices(day);
  for (const int ri : event_rules_[e.dataset]) {
    const bc::RuleDesc& rule = p_.rules[static_cast<size_t>(ri)];
    if ((rule.effective_from && day < *rule.effective_from) ||
        (rule.effective_to && day > *rule.effective_to)) {
      continue;
    }
    rule_ = ri;
    period_ = period_of[static_cast<size_t>(rule.every)];
    Value* regs = rule_regs_[static_cast<size_t>(ri)].data();
    regs[0] = Value{static_cast<int64_t>(e.row)};
    if (!Call(rule.fn, rule_native_[static_cast<size_t>(ri)], regs, [&] {
          return fmt::format("rule `{}` (event {})", rule.name, EventLabel(e.dataset, e.row));
        })) {
      return false;
    }
  }
  // Metrics see this event only after its rules ran (rules read running values).
  for (const int mi : feeds_[e.dataset]) {
    const bc::MetricDesc& m = p_.metrics[static_cast<size_t>(mi)];
    Value* regs = metric_regs_[static_cast<size_t>(mi)].data();
    regs[0] = Value{static_cast<int64_t>(e.row)};
    if (!Call(m.feed, feed_native_[static_cast<size_t>(mi)], regs, [&] {
          return fmt::format("metric `{}` (event {})", m.name, EventLabel(e.dataset, e.row));
        })) {
      return false;
    }
  }
  return true;
}

std::string Timeline::ScoreText(Value v, bc::FieldKind kind) const {
  switch (kind) {
    case bc::FieldKind::kInt:
      return std::to_string(v.AsInt());
    case bc::FieldKind::kMoney:
      return v.AsDec().ToFixed(p_.minor_digits);
    case bc::FieldKind::kDate:
      return v.AsDate().ToString();
    case bc::FieldKind::kText:
      return std::string(in_.texts.Get(static_cast<uint32_t>(v.raw)));
    default:
      return v.AsDec().ToString();
  }
}

bool Timeline::RankLeaderboard(int index) {
  const bc::LeaderboardDesc& lb = p_.leaderboards[static_cast<size_t>(index)];
  struct Entry {
    Value score;
    uint32_t row;
  };
  std::vector<Entry> entries;
  std::vector<Value> regs(lb.fn.num_regs);
  for (const uint32_t row : key_order_[static_cast<size_t>(lb.dataset)]) {
    regs[0] = Value{static_cast<int64_t>(row)};
    if (!Call(lb.fn, board_native_[static_cast<size_t>(index)], regs.data(), [&] {
          return fmt::format("leaderboard `{}` (row {})", lb.name, RowKey(lb.dataset, row));
        })) {
      return false;
    }
    if (!regs[1].IsAbsent()) entries.push_back(Entry{regs[1], row});
  }
  // Rows are in key order already, so a stable sort leaves ties by key ascending.
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    const bool text = lb.score == bc::FieldKind::kText;
    auto less = [&](Value x, Value y) {
      return text ? in_.texts.Get(static_cast<uint32_t>(x.raw)) <
                        in_.texts.Get(static_cast<uint32_t>(y.raw))
                  : x.raw < y.raw;
    };
    return lb.ascending ? less(a.score, b.score) : less(b.score, a.score);
  });
  if (lb.top >= 0 && entries.size() > static_cast<size_t>(lb.top)) {
    entries.resize(static_cast<size_t>(lb.top));
  }
  std::vector<int32_t>& ranks = ranks_[static_cast<size_t>(index)];
  std::fill(ranks.begin(), ranks.end(), 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    ranks[entries[i].row] = static_cast<int32_t>(i + 1);
  }
  if (leaderboard_out_ != nullptr) {
    for (size_t i = 0; i < entries.size(); ++i) {
      leaderboard_out_->push_back(LeaderboardLine{period_label_, lb.name, static_cast<int>(i + 1),
                                                  RowKey(lb.dataset, entries[i].row),
                                                  ScoreText(entries[i].score, lb.score)});
    }
  }
  return true;
}

bool Timeline::RunPeriodRule(int ri, const Boundary& b) {
  const bc::RuleDesc& rule = p_.rules[static_cast<size_t>(ri)];
  rule_ = ri;
  period_ = b.index;
  date_ = b.open ? b.first.days() : b.last.days();
  event_dataset_ = -1;
  event_row_ = 0;
  holding_ = rule.budget_global >= 0;
  const std::string label = PeriodLabel(b.unit, b.index);
  std::vector<Value> regs(rule.fn.num_regs);
  for (const uint32_t row : key_order_[static_cast<size_t>(rule.dataset)]) {
    regs[0] = Value{static_cast<int64_t>(row)};
    if (!Call(rule.fn, rule_native_[static_cast<size_t>(ri)], regs.data(), [&] {
          return fmt::format("rule `{}` (period {}, row {})", rule.name, label,
                             RowKey(rule.dataset, row));
        })) {
      return false;
    }
  }
  holding_ = false;
  if (!held_.empty() && !CommitHeld()) return false;
  return true;
}

bool Timeline::RunBoundary(const Boundary& b) {
  period_label_ = PeriodLabel(b.unit, b.index);
  if (!b.open) {
    for (size_t i = 0; i < p_.leaderboards.size(); ++i) {
      if (p_.leaderboards[i].every == b.unit && !RankLeaderboard(static_cast<int>(i))) return false;
    }
  }
  for (size_t i = 0; i < p_.rules.size(); ++i) {
    const bc::RuleDesc& r = p_.rules[i];
    if (!r.period_rule || r.every != b.unit || r.at_start != b.open) continue;
    // A period rule applies to periods whose start (within the program) is in range.
    if ((r.effective_from && b.first < *r.effective_from) ||
        (r.effective_to && b.first > *r.effective_to)) {
      continue;
    }
    if (!RunPeriodRule(static_cast<int>(i), b)) return false;
  }
  if (!b.open) metrics_.Roll(b.unit);
  return true;
}

bool Timeline::Run(std::vector<Value> globals_in) {
  globals_ = std::move(globals_in);
  std::vector<Event> events = SortedEvents();
  Reorder(events);
  event_dates_.assign(p_.datasets.size(), nullptr);
  for (size_t d = 0; d < p_.datasets.size(); ++d) {
    if (p_.datasets[d].is_events) {
      event_dates_[d] =
          in_.data[d].columns[static_cast<size_t>(p_.datasets[d].date_field)].i32.data();
    }
  }
  Prepare();
  report_.events = events.size();
  const std::vector<Boundary> bounds = ProgramBoundaries(p_.period_from, p_.period_to);
  // Boundaries matter only when something runs or rolls at them.
  const bool need_bounds = !p_.leaderboards.empty() || !p_.metric_sites.empty() ||
                           std::any_of(p_.rules.begin(), p_.rules.end(),
                                       [](const bc::RuleDesc& r) { return r.period_rule; });
  size_t bi = 0;
  for (const Event& e : events) {
    while (need_bounds && bi < bounds.size() && bounds[bi].at <= EventDate(e)) {
      if (!RunBoundary(bounds[bi++])) return false;
    }
    if (!RunEvent(e)) return false;
  }
  while (need_bounds && bi < bounds.size()) {
    if (!RunBoundary(bounds[bi++])) return false;
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

}  // namespace incant::engine
