#include "runtime/engine/test_runner.h"

#include <fmt/format.h>

#include "runtime/engine/inputs.h"
#include "runtime/engine/timeline.h"
#include "runtime/io/row_loader.h"

namespace incant::engine {
namespace {

// A metric feed needs nothing of the engine but somewhere to add.
class FeedHost final : public vm::Host {
 public:
  explicit FeedHost(MetricStore& store) : store_(store) {}
  bool Emit(int /*effect*/, Value /*payee*/, Value /*amount*/) override { return true; }
  Value FundBalance(int /*fund*/, Value /*payee*/) override { return Value{0}; }
  bool MetricAdd(int metric, Value key, Value value) override {
    return store_.Add(metric, key, value) == ArithStatus::kOk;
  }
  Value Metric(int /*site*/, Value /*key*/) override { return Value::Absent(); }
  Value Rank(int /*lb*/, Value /*row*/) override { return Value{0}; }

 private:
  MetricStore& store_;
};

// Loads the test's tables (and empty data sets for the rest).
bool LoadTables(const bc::Program& p, const bc::TestDesc& t, Inputs* in,
                std::vector<std::string>* problems) {
  for (const std::string& text : p.texts) in->texts.Intern(text);
  in->data.resize(p.datasets.size());
  const io::LoadOptions options;
  io::InputError error;
  for (size_t ds = 0; ds < p.datasets.size(); ++ds) {
    const bc::TestTableDesc* table = nullptr;
    for (const bc::TestTableDesc& tt : t.tables) {
      if (tt.dataset == static_cast<int>(ds)) table = &tt;
    }
    io::RowLoader rows(t.path, p, static_cast<int>(ds), in->texts, options, &in->data[ds], &error);
    if (table == nullptr) continue;
    const size_t n = p.datasets[ds].fields.size();
    for (size_t r = 0; r < table->rows.size(); ++r) {
      std::vector<std::string_view> cells(n);
      std::vector<std::string_view> raw;
      for (size_t c = 0; c < table->fields.size(); ++c) {
        const std::optional<std::string>& cell = table->rows[r][c];
        if (cell) cells[static_cast<size_t>(table->fields[c])] = *cell;
        raw.emplace_back(cell ? std::string_view(*cell) : std::string_view());
      }
      if (!rows.Add(table->lines[r], cells, raw)) {
        problems->push_back(error.ToString());
        return false;
      }
    }
  }
  return true;
}

std::string Show(const bc::Program& p, const std::optional<Value>& v, bc::FieldKind kind,
                 const TextPool& texts) {
  if (!v || v->IsAbsent()) return "_";
  switch (kind) {
    case bc::FieldKind::kMoney:
      return v->AsDec().ToFixed(p.minor_digits) + " " + p.currency;
    case bc::FieldKind::kDecimal:
      return v->AsDec().ToString();
    case bc::FieldKind::kDate:
      return v->AsDate().ToString();
    case bc::FieldKind::kText:
      return fmt::format("\"{}\"", texts.Get(static_cast<uint32_t>(v->raw)));
    default:
      return std::to_string(v->AsInt());
  }
}

// The expected value as a Value of its kind (texts interned so ids compare).
std::optional<Value> Parse(const bc::Program& p, const bc::ExpectDesc& ex, TextPool& texts) {
  if (!ex.value) return Value::Absent();
  return ParseValue(p, ex.value_kind, -1, *ex.value, texts);
}

// A metric's key from the expectation's key text; nullopt when no row has it.
std::optional<Value> MetricKey(const bc::Program& p, const bc::MetricDesc& m,
                               const std::string& key, Inputs& in) {
  if (m.key_dataset < 0) return ParseValue(p, m.key_kind, m.key_enum, key, in.texts);
  const io::DataSet& d = in.data[static_cast<size_t>(m.key_dataset)];
  const bc::DataSetDesc& desc = p.datasets[static_cast<size_t>(m.key_dataset)];
  for (uint32_t r = 0; r < d.rows; ++r) {
    if (io::KeyText(desc, d, r, in.texts) == key) return Value{static_cast<int64_t>(r)};
  }
  return std::nullopt;
}

}  // namespace

TestOutcome RunTest(const bc::Program& p, const bc::TestDesc& t) {
  TestOutcome out;
  Inputs in;
  RunReport report;
  if (!LoadTables(p, t, &in, &out.problems)) return out;
  if (!ResolveReferences(p, RejectFn(), &in, &report)) {
    out.problems = report.errors;
    return out;
  }
  RunOptions options;
  options.sets = t.params;
  std::vector<Value> globals(p.num_globals, Value::Absent());
  if (!ApplySets(p, options, in.texts, &globals, &report) ||
      !RunInit(p, globals, in.texts, &report)) {
    out.problems = report.errors;
    return out;
  }
  LedgerWriter no_file;
  std::vector<LedgerLine> lines;
  std::vector<Value> metric_globals = globals;  // the timeline takes its own copy
  Timeline timeline(p, in, report, no_file);
  timeline.capture_ = &lines;
  if (!timeline.Run(std::move(globals))) {
    out.problems = report.errors;
    return out;
  }
  const std::vector<vm::Column> columns = ColumnsOf(p, in);  // for metric expectations
  for (const bc::ExpectDesc& ex : t.expects) {
    Date lo = p.period_from, hi = p.period_to;
    if (ex.unit != PeriodUnit::kProgram) {
      lo = std::max(lo, PeriodStart(ex.unit, ex.period));
      hi = std::min(hi, PeriodEnd(ex.unit, ex.period));
    }
    auto mine = [&](const LedgerLine& l, bool any_date) {
      if (!any_date && (l.date < lo.days() || l.date > hi.days())) return false;
      const auto ds = static_cast<size_t>(l.payee_dataset);
      return io::KeyText(p.datasets[ds], in.data[ds], l.payee_row, in.texts) == ex.key;
    };
    std::optional<Value> actual;
    if (ex.kind == bc::ExpectKind::kMetric) {
      // The metric over the period's events (the whole program without a period).
      const bc::MetricDesc& m = p.metrics[static_cast<size_t>(ex.index)];
      std::vector<size_t> rows;
      for (const io::DataSet& d : in.data) rows.push_back(d.rows);
      MetricStore store(p, rows, in.texts);
      FeedHost host(store);
      vm::Context ctx{&p, metric_globals.data(), columns.data(), &in.texts, &host};
      const bc::DataSetDesc& desc = p.datasets[static_cast<size_t>(m.dataset)];
      const io::DataSet& data = in.data[static_cast<size_t>(m.dataset)];
      std::vector<Value> regs(m.feed.num_regs);
      vm::Error err;
      for (uint32_t r = 0; r < data.rows; ++r) {
        const int32_t day = data.columns[static_cast<size_t>(desc.date_field)].i32[r];
        if (day < lo.days() || day > hi.days()) continue;
        regs[0] = Value{static_cast<int64_t>(r)};
        if (vm::Run(m.feed, regs.data(), ctx, &err) != vm::Outcome::kOk) {
          out.problems.push_back(fmt::format("{}:{}: {}\n    {} while computing metric `{}`",
                                             t.path, ex.line, ex.source, err.message, m.name));
          break;
        }
      }
      const std::optional<Value> key = MetricKey(p, m, ex.key, in);
      if (key) {
        actual = store.Total(ex.index, *key);
      } else {
        // A key no event has: what the aggregate of nothing is.
        actual = m.aggregate == bc::Aggregate::kCount || m.aggregate == bc::Aggregate::kSum
                     ? Value{0}
                     : Value::Absent();
      }
    } else {
      Decimal sum;
      int64_t points = 0;
      bool overflow = false;
      for (const LedgerLine& l : lines) {
        const bc::EffectDesc& eff = p.rules[l.rule].effects[l.effect];
        bool counts = false;
        Decimal v = l.amount;
        switch (ex.kind) {
          case bc::ExpectKind::kRule:
            counts =
                l.rule == ex.index &&
                (ex.value_kind == bc::FieldKind::kInt
                     ? eff.kind == bc::EffectKind::kPoints
                     : (eff.kind == bc::EffectKind::kPay || eff.kind == bc::EffectKind::kAccrue)) &&
                mine(l, false);
            break;
          case bc::ExpectKind::kTotal:
            counts = eff.kind == bc::EffectKind::kPay && mine(l, false);
            break;
          case bc::ExpectKind::kPoints:
            counts = (eff.kind == bc::EffectKind::kPoints || eff.kind == bc::EffectKind::kBadge) &&
                     mine(l, false);
            break;
          case bc::ExpectKind::kFund:
            // The balance at the period's end: everything booked up to then.
            counts = eff.fund == ex.index && l.date <= hi.days() && mine(l, true) &&
                     (eff.kind == bc::EffectKind::kPay || eff.kind == bc::EffectKind::kAccrue);
            if (eff.kind == bc::EffectKind::kPay) (void)Decimal::Neg(v, &v);
            break;
          case bc::ExpectKind::kMetric:
            break;
        }
        if (!counts) continue;
        if (l.is_int) {
          points += static_cast<int64_t>(l.amount.raw() / Decimal::kOne);
        } else {
          overflow |= Decimal::Add(sum, v, &sum) != ArithStatus::kOk;
        }
      }
      if (overflow) {
        out.problems.push_back(
            fmt::format("{}:{}: {}\n    the sum overflows", t.path, ex.line, ex.source));
        continue;
      }
      actual = ex.value_kind == bc::FieldKind::kInt ? Value::Int(points) : Value::Dec(sum);
    }
    const std::optional<Value> want = Parse(p, ex, in.texts);
    if (!want || !actual || want->raw != actual->raw) {
      out.problems.push_back(
          fmt::format("{}:{}: {}\n    expected {}, actual {}", t.path, ex.line, ex.source,
                      ex.value ? (want ? Show(p, want, ex.value_kind, in.texts) : *ex.value) : "_",
                      Show(p, actual, ex.value_kind, in.texts)));
    }
  }
  out.passed = out.problems.empty();
  return out;
}

}  // namespace incant::engine
