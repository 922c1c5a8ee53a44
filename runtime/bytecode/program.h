#pragma once
// A compiled program: the only contract between the compiler and the back
// ends. Everything here is plain data (no AST, no source files).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/bytecode/opcode.h"
#include "runtime/value/period.h"
#include "runtime/value/rounding.h"
#include "runtime/value/value.h"

namespace incant::bc {

struct SourceLoc {
  std::string path;
  int line = 0;
  int column = 0;
};

struct Function {
  std::string name;
  std::vector<Instr> code;
  std::vector<uint32_t> locs;  // per instruction: index into Program::locs
  uint16_t num_regs = 1;
};

enum class ColumnKind : uint8_t { kI32, kI64, kDec };

// A field as the loader stores it, and what its cells mean.
enum class FieldKind : uint8_t { kInt, kDecimal, kMoney, kBool, kText, kDate, kEnum, kRef };

struct FieldDesc {
  std::string name;
  FieldKind kind = FieldKind::kText;
  bool optional = false;
  int target = -1;  // enum index or referenced data set
  [[nodiscard]] ColumnKind column_kind() const {
    return kind == FieldKind::kInt                                      ? ColumnKind::kI64
           : (kind == FieldKind::kDecimal || kind == FieldKind::kMoney) ? ColumnKind::kDec
                                                                        : ColumnKind::kI32;
  }
};

struct DataSetDesc {
  std::string name;
  std::string record;
  bool is_events = false;
  int key_field = 0;
  int date_field = -1;
  std::vector<FieldDesc> fields;
  uint16_t first_column = 0;  // global column id of field 0
};

struct EnumDesc {
  std::string name;
  std::vector<std::string> members;
};

enum class EffectKind : uint8_t { kPay, kAccrue, kPoints, kBadge };

struct EffectDesc {
  EffectKind kind = EffectKind::kPay;
  int fund = -1;  // `from` / `to`
  int payee_dataset = -1;
  std::string badge;
};

struct RuleDesc {
  std::string name;
  int dataset = -1;
  PeriodUnit every = PeriodUnit::kProgram;
  bool period_rule = false;  // over a table: runs per row at each close (or opening)
  bool at_start = false;
  std::vector<EffectDesc> effects;
  int cap_global = -1;  // global slot holding the cap, or -1
  int budget_global = -1;
  std::optional<Date> effective_from, effective_to;
  Function fn;  // reg 0 holds the event's (or the table's) row
};

enum class Aggregate : uint8_t { kSum, kCount, kMin, kMax, kAvg };
// How values of a metric or tier table compare and add up.
enum class ValueKind : uint8_t { kInt, kDec, kDate, kText };

// `metric NAME = AGG(expr) for v in EVENTS [where c] by key`. `feed` runs once
// per event of `dataset` (reg 0 = the row) and ends in MetricAdd.
struct MetricDesc {
  std::string name;
  Aggregate aggregate = Aggregate::kSum;
  ValueKind value = ValueKind::kDec;
  int dataset = -1;
  int key_dataset = -1;  // the key is a row of this data set (dense), or -1 (hashed)
  FieldKind key_kind = FieldKind::kRef;
  int key_enum = -1;  // when the key is an enum
  Function feed;
};

enum class Window : uint8_t { kCurrent, kPrior, kToDate };

// One metric call site: which metric, which window, and the period unit of the
// rule or leaderboard it is in (kProgram for an event rule without `every`).
struct MetricSite {
  int metric = 0;
  Window window = Window::kCurrent;
  PeriodUnit unit = PeriodUnit::kProgram;
};

// A tier table's entries live in globals (params may feed them): thresholds at
// [base, base + n), values at [base + n, base + 2n). Numeric thresholds are
// stored as Decimal.
struct TierDesc {
  std::string name;
  int base = 0;
  int size = 0;
  bool date_thresholds = false;
  ValueKind value = ValueKind::kDec;
};

// `leaderboard`: `fn` runs per row (reg 0) at each close and leaves the score
// in reg 1 (absent: not ranked).
struct LeaderboardDesc {
  std::string name;
  int dataset = -1;
  PeriodUnit every = PeriodUnit::kQuarter;
  bool ascending = false;
  int64_t top = -1;  // -1: everyone
  FieldKind score = FieldKind::kDecimal;
  Function fn;
};

// A test block as plain data (brief §6): its input tables as cell texts in
// the loaders' format (nullopt: absent), params as `--set` texts, and the
// expectations. The engine runs it in memory (engine/test_runner).
struct TestTableDesc {
  int dataset = -1;
  std::vector<int> fields;  // header column -> field index
  std::vector<uint32_t> lines;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

enum class ExpectKind : uint8_t { kRule, kTotal, kPoints, kFund, kMetric };

struct ExpectDesc {
  ExpectKind kind = ExpectKind::kTotal;
  int index = -1;  // rule, fund or metric
  std::string key;
  PeriodUnit unit = PeriodUnit::kProgram;  // kProgram: the whole program
  int period = 0;                          // PeriodIndex in `unit`
  std::optional<std::string> value;        // nullopt: `_` (an absent metric)
  FieldKind value_kind = FieldKind::kMoney;
  uint32_t line = 0;
  std::string source;  // the expectation's line, for failure messages
};

struct TestDesc {
  std::string name;
  std::string path;
  uint32_t line = 0;
  std::vector<TestTableDesc> tables;
  std::vector<std::pair<std::string, std::string>> params;  // name, value text
  std::vector<ExpectDesc> expects;
};

struct ParamDesc {
  std::string name;
  FieldKind kind = FieldKind::kInt;
  int target = -1;  // enum index
  int global = 0;
};

struct Program {
  std::string title;
  std::string currency;
  int minor_digits = 2;
  Rounding rounding = Rounding::kHalfUp;
  Date period_from, period_to;

  std::vector<Value> constants;
  std::vector<std::string> texts;  // text constants; ids 0..n-1 in the run's TextPool
  std::vector<EnumDesc> enums;
  std::vector<DataSetDesc> datasets;
  std::vector<std::string> funds;
  std::vector<ParamDesc> params;
  uint16_t num_globals = 0;
  uint16_t num_columns = 0;
  Function init;  // fills globals: params not set on the command line, lets, caps, budgets
  std::vector<RuleDesc> rules;
  std::vector<MetricDesc> metrics;
  std::vector<MetricSite> metric_sites;
  std::vector<TierDesc> tiers;
  std::vector<LeaderboardDesc> leaderboards;
  std::vector<TestDesc> tests;
  std::vector<SourceLoc> locs;
};

}  // namespace incant::bc
