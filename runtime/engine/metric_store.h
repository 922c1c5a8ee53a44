#pragma once
// Metrics as running accumulators (brief §4), fed once per event in timeline
// order: per key, the current and the previous period of each unit a call site
// needs, and everything so far. A close rolls current into previous, O(keys);
// nothing ever rescans the events.
#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

#include "runtime/bytecode/program.h"
#include "runtime/value/status.h"
#include "runtime/value/text_pool.h"
#include "runtime/value/value.h"

namespace incant::engine {

class MetricStore {
 public:
  // `rows` gives the row count of each data set (for row-keyed metrics).
  MetricStore(const bc::Program& p, const std::vector<size_t>& rows, const TextPool& texts);

  [[nodiscard]] ArithStatus Add(int metric, Value key, Value value);
  [[nodiscard]] Value Get(int site, Value key) const;
  // Everything fed so far for `key` (the test runner feeds one period's events).
  [[nodiscard]] Value Total(int metric, Value key) const;
  // The period of `unit` has closed (its rules and leaderboards have read it).
  void Roll(PeriodUnit unit);

 private:
  struct Acc {
    int128 sum = 0;  // Int or Decimal raw
    int64_t count = 0;
    int128 min = 0, max = 0;
  };
  static constexpr size_t kUnits = 3;  // month, quarter, year
  struct PerMetric {
    const bc::MetricDesc* desc = nullptr;
    bool dense = false;
    std::unordered_map<int128, uint32_t> slots;  // hashed keys -> slot
    std::vector<Acc> total;
    std::array<std::vector<Acc>, kUnits> cur, prev;
    std::array<bool, kUnits> used{};
  };
  [[nodiscard]] ArithStatus Fold(const PerMetric& m, Acc& acc, Value v) const;
  [[nodiscard]] Value Result(const PerMetric& m, const Acc* acc) const;
  [[nodiscard]] bool Less(const PerMetric& m, int128 a, int128 b) const;
  // The key's slot, or nullopt when no event had it.
  [[nodiscard]] static std::optional<size_t> SlotOf(const PerMetric& m, Value key);

  const bc::Program& p_;
  const TextPool& texts_;
  std::vector<PerMetric> metrics_;
};

}  // namespace incant::engine
