#include "runtime/engine/metric_store.h"

#include "runtime/value/checked_int.h"
#include "runtime/value/decimal.h"

namespace incant::engine {
namespace {

size_t UnitSlot(PeriodUnit u) { return static_cast<size_t>(u) - 1; }  // month = 0

}  // namespace

MetricStore::MetricStore(const bc::Program& p, const std::vector<size_t>& rows,
                         const TextPool& texts)
    : p_(p), texts_(texts), metrics_(p.metrics.size()) {
  for (size_t i = 0; i < p.metrics.size(); ++i) {
    PerMetric& m = metrics_[i];
    m.desc = &p.metrics[i];
    m.dense = m.desc->key_dataset >= 0;
    const size_t n = m.dense ? rows[static_cast<size_t>(m.desc->key_dataset)] : 0;
    m.total.resize(n);
  }
  for (const bc::MetricSite& s : p.metric_sites) {
    if (s.unit == PeriodUnit::kProgram) continue;
    PerMetric& m = metrics_[static_cast<size_t>(s.metric)];
    const size_t u = UnitSlot(s.unit);
    m.used[u] = true;
    m.cur[u].resize(m.total.size());
    m.prev[u].resize(m.total.size());
  }
}

bool MetricStore::Less(const PerMetric& m, int128 a, int128 b) const {
  if (m.desc->value == bc::ValueKind::kText) {
    return texts_.Get(static_cast<uint32_t>(a)) < texts_.Get(static_cast<uint32_t>(b));
  }
  return a < b;
}

ArithStatus MetricStore::Fold(const PerMetric& m, Acc& acc, Value v) const {
  switch (m.desc->aggregate) {
    case bc::Aggregate::kCount:
      break;
    case bc::Aggregate::kSum:
    case bc::Aggregate::kAvg:
      if (m.desc->value == bc::ValueKind::kInt) {
        int64_t s = 0;
        const ArithStatus st = AddInt(static_cast<int64_t>(acc.sum), v.AsInt(), &s);
        if (st != ArithStatus::kOk) return st;
        acc.sum = s;
      } else {
        Decimal s;
        const ArithStatus st = Decimal::Add(Decimal::FromRaw(acc.sum), v.AsDec(), &s);
        if (st != ArithStatus::kOk) return st;
        acc.sum = s.raw();
      }
      break;
    case bc::Aggregate::kMin:
      if (acc.count == 0 || Less(m, v.raw, acc.min)) acc.min = v.raw;
      break;
    case bc::Aggregate::kMax:
      if (acc.count == 0 || Less(m, acc.max, v.raw)) acc.max = v.raw;
      break;
  }
  ++acc.count;
  return ArithStatus::kOk;
}

ArithStatus MetricStore::Add(int metric, Value key, Value value) {
  PerMetric& m = metrics_[static_cast<size_t>(metric)];
  size_t slot = 0;
  if (m.dense) {
    slot = static_cast<size_t>(key.raw);
  } else {
    const auto [it, fresh] = m.slots.emplace(key.raw, static_cast<uint32_t>(m.total.size()));
    slot = it->second;
    if (fresh) {
      m.total.emplace_back();
      for (size_t u = 0; u < kUnits; ++u) {
        if (!m.used[u]) continue;
        m.cur[u].emplace_back();
        m.prev[u].emplace_back();
      }
    }
  }
  if (const ArithStatus st = Fold(m, m.total[slot], value); st != ArithStatus::kOk) return st;
  for (size_t u = 0; u < kUnits; ++u) {
    if (!m.used[u]) continue;
    if (const ArithStatus st = Fold(m, m.cur[u][slot], value); st != ArithStatus::kOk) return st;
  }
  return ArithStatus::kOk;
}

void MetricStore::Roll(PeriodUnit unit) {
  const size_t u = UnitSlot(unit);
  for (PerMetric& m : metrics_) {
    if (!m.used[u]) continue;
    m.prev[u].swap(m.cur[u]);
    std::fill(m.cur[u].begin(), m.cur[u].end(), Acc{});
  }
}

Value MetricStore::Result(const PerMetric& m, const Acc* acc) const {
  static const Acc kEmpty{};
  const Acc& a = acc != nullptr ? *acc : kEmpty;
  switch (m.desc->aggregate) {
    case bc::Aggregate::kCount:
      return Value::Int(a.count);
    case bc::Aggregate::kSum:
      return Value{a.sum};  // 0 of either Int or Decimal when empty
    case bc::Aggregate::kMin:
      return a.count == 0 ? Value::Absent() : Value{a.min};
    case bc::Aggregate::kMax:
      return a.count == 0 ? Value::Absent() : Value{a.max};
    case bc::Aggregate::kAvg: {
      if (a.count == 0) return Value::Absent();
      const Decimal sum = m.desc->value == bc::ValueKind::kInt
                              ? Decimal::FromInt(static_cast<int64_t>(a.sum))
                              : Decimal::FromRaw(a.sum);
      Decimal avg;
      // |avg| <= max |value|, so the quotient cannot overflow; it rounds half-even to 12.
      (void)Decimal::Div(sum, Decimal::FromInt(a.count), &avg);
      return Value::Dec(avg);
    }
  }
  return Value::Absent();
}

Value MetricStore::Get(int site_index, Value key) const {
  const bc::MetricSite& site = p_.metric_sites[static_cast<size_t>(site_index)];
  const PerMetric& m = metrics_[static_cast<size_t>(site.metric)];
  const std::optional<size_t> found = SlotOf(m, key);
  if (!found) return Result(m, nullptr);
  const size_t slot = *found;
  const bool program = site.unit == PeriodUnit::kProgram;
  switch (site.window) {
    case bc::Window::kToDate:
      return Result(m, &m.total[slot]);
    case bc::Window::kCurrent:
      return Result(m, program ? &m.total[slot] : &m.cur[UnitSlot(site.unit)][slot]);
    case bc::Window::kPrior:
      // The period before the program (no `every`) has no events.
      return Result(m, program ? nullptr : &m.prev[UnitSlot(site.unit)][slot]);
  }
  return Value::Absent();
}

}  // namespace incant::engine

namespace incant::engine {

Value MetricStore::Total(int metric, Value key) const {
  const PerMetric& m = metrics_[static_cast<size_t>(metric)];
  const std::optional<size_t> slot = SlotOf(m, key);
  return Result(m, slot ? &m.total[*slot] : nullptr);
}

std::optional<size_t> MetricStore::SlotOf(const PerMetric& m, Value key) {
  if (m.dense) {
    const auto slot = static_cast<size_t>(key.raw);
    return slot < m.total.size() ? std::optional<size_t>(slot) : std::nullopt;
  }
  const auto it = m.slots.find(key.raw);
  return it == m.slots.end() ? std::nullopt : std::optional<size_t>(it->second);
}

}  // namespace incant::engine
