#include "runtime/engine/inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <memory>

#include "runtime/engine/ledger_writer.h"
#include "runtime/io/load_file.h"
#include "runtime/vm/vm.h"

namespace incant::engine {
namespace {

// Keeps only the rows marked true, in order, and rebuilds the key maps.
void Compact(const bc::DataSetDesc& desc, io::DataSet& d, const std::vector<bool>& keep) {
  size_t w = 0;
  for (size_t r = 0; r < d.rows; ++r) {
    if (!keep[r]) continue;
    for (io::ColumnData& c : d.columns) {
      if (c.kind == bc::ColumnKind::kI32) c.i32[w] = c.i32[r];
      if (c.kind == bc::ColumnKind::kI64) c.i64[w] = c.i64[r];
      if (c.kind == bc::ColumnKind::kDec) c.dec[w] = c.dec[r];
    }
    d.lines[w] = d.lines[r];
    ++w;
  }
  d.rows = w;
  for (io::ColumnData& c : d.columns) {
    c.i32.resize(c.kind == bc::ColumnKind::kI32 ? w : 0);
    c.i64.resize(c.kind == bc::ColumnKind::kI64 ? w : 0);
    c.dec.resize(c.kind == bc::ColumnKind::kDec ? w : 0);
  }
  d.lines.resize(w);
  d.text_keys.clear();
  d.int_keys = {};
  const io::ColumnData& key = d.columns[static_cast<size_t>(desc.key_field)];
  for (uint32_t r = 0; r < w; ++r) {
    if (key.kind == bc::ColumnKind::kI64) {
      d.int_keys.emplace(key.i64[r], r);
    } else {
      d.text_keys.Insert(static_cast<uint32_t>(key.i32[r]), r);
    }
  }
}

// An events stream's Text keys get a pool of their own (io::DataSet::own_keys)
// when no row refers to the stream and no instruction reads the key column:
// then no key id is ever compared with the id of another text.
bool OwnKeys(const bc::Program& p, size_t ds) {
  const bc::DataSetDesc& desc = p.datasets[ds];
  if (!desc.is_events ||
      desc.fields[static_cast<size_t>(desc.key_field)].kind != bc::FieldKind::kText)
    return false;
  for (const bc::DataSetDesc& d : p.datasets) {
    for (const bc::FieldDesc& f : d.fields) {
      if (f.kind == bc::FieldKind::kRef && f.target == static_cast<int>(ds)) return false;
    }
  }
  const int column = desc.first_column + desc.key_field;
  auto reads = [column](const bc::Function& f) {
    return std::any_of(f.code.begin(), f.code.end(), [column](const bc::Instr& in) {
      return (in.op == bc::Op::kFieldI32 || in.op == bc::Op::kFieldI64 ||
              in.op == bc::Op::kFieldDec) &&
             in.c == column;
    });
  };
  if (reads(p.init)) return false;
  for (const bc::RuleDesc& r : p.rules) {
    if (reads(r.fn)) return false;
  }
  for (const bc::MetricDesc& m : p.metrics) {
    if (reads(m.feed)) return false;
  }
  for (const bc::LeaderboardDesc& l : p.leaderboards) {
    if (reads(l.fn)) return false;
  }
  return true;
}

}  // namespace

std::vector<vm::Column> ColumnsOf(const bc::Program& p, const Inputs& in) {
  std::vector<vm::Column> columns(p.num_columns);
  for (size_t d = 0; d < p.datasets.size(); ++d) {
    for (size_t f = 0; f < p.datasets[d].fields.size(); ++f) {
      const io::ColumnData& c = in.data[d].columns[f];
      vm::Column& vc = columns[p.datasets[d].first_column + f];
      vc.kind = c.kind;
      vc.data = c.kind == bc::ColumnKind::kI32   ? static_cast<const void*>(c.i32.data())
                : c.kind == bc::ColumnKind::kI64 ? static_cast<const void*>(c.i64.data())
                                                 : static_cast<const void*>(c.dec.data());
    }
  }
  return columns;
}

bool LoadInputs(const bc::Program& p, const RunOptions& options, Inputs* in, RunReport* report) {
  for (const std::string& t : p.texts) in->texts.Intern(t);  // program texts keep ids 0..n-1
  in->data.resize(p.datasets.size());
  std::vector<bool> given(p.datasets.size(), false);
  std::ofstream reject;
  if (!options.reject.empty()) {
    reject.open(options.reject, std::ios::binary);
    if (!reject) {
      report->errors.push_back(fmt::format("{}: cannot write the reject file", options.reject));
      return false;
    }
    reject << "path,line,column,reason,row\n";
  }
  auto write_reject = [&](const io::InputError& e, const std::vector<std::string>& cells) {
    std::string row;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) row += ',';
      AppendCsvField(row, cells[i]);
    }
    std::string line;
    AppendCsvField(line, e.path);
    line += fmt::format(",{},", e.line);
    AppendCsvField(line, e.column);
    line += ',';
    AppendCsvField(line, e.message);
    line += ',';
    AppendCsvField(line, row);
    reject << line << '\n';
    ++in->rejected;
  };
  bool ok = true;
  for (const auto& [name, path] : options.inputs) {
    int ds = -1;
    for (size_t i = 0; i < p.datasets.size(); ++i) {
      if (p.datasets[i].name == name) ds = static_cast<int>(i);
    }
    if (ds < 0) {
      std::string names;
      for (const bc::DataSetDesc& d : p.datasets) names += (names.empty() ? "" : ", ") + d.name;
      report->errors.push_back(
          fmt::format("--input {}: the program has no table or events named `{}` "
                      "(it has: {})",
                      name, name, names));
      ok = false;
      continue;
    }
    if (given[static_cast<size_t>(ds)]) {
      report->errors.push_back(fmt::format("--input {}: given twice", name));
      ok = false;
      continue;
    }
    given[static_cast<size_t>(ds)] = true;
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext != ".csv" && ext != ".jsonl") {
      report->errors.push_back(
          fmt::format("{}: unknown input format `{}` (expected .csv or .jsonl)", path, ext));
      ok = false;
      continue;
    }
    io::LoadOptions lo;
    lo.reject = !options.reject.empty();
    lo.on_reject = write_reject;
    lo.on_warning = [&](const std::string& w) { report->warnings.push_back(w); };
    io::InputError err;
    io::DataSet* data = &in->data[static_cast<size_t>(ds)];
    if (OwnKeys(p, static_cast<size_t>(ds))) {
      data->own_keys = std::make_unique<TextPool>();
      // Without --reject the first duplicate only has to be found, not
      // skipped: io::LoadFile checks all keys at once after the load.
      data->keys_checked_later = !lo.reject;
    }
    if (!io::LoadFile(path, p, ds, in->texts, lo, data, &err)) {
      report->errors.push_back(err.ToString());
      ok = false;
    }
  }
  for (size_t i = 0; i < p.datasets.size(); ++i) {
    if (!given[i]) {
      report->errors.push_back(
          fmt::format("missing input: give `--input {}=PATH.csv` for {} `{}`", p.datasets[i].name,
                      p.datasets[i].is_events ? "events" : "table", p.datasets[i].name));
      ok = false;
    }
  }
  if (!ok) return false;
  return ResolveReferences(p, options.reject.empty() ? RejectFn() : RejectFn(write_reject), in,
                           report);
}

bool ResolveReferences(const bc::Program& p, const RejectFn& reject, Inputs* in,
                       RunReport* report) {
  // References: key text -> row index of the referenced data set.
  for (size_t ds = 0; ds < p.datasets.size(); ++ds) {
    const bc::DataSetDesc& desc = p.datasets[ds];
    io::DataSet& d = in->data[ds];
    std::vector<bool> keep(d.rows, true);
    bool dropped = false;
    for (size_t f = 0; f < desc.fields.size(); ++f) {
      const bc::FieldDesc& fd = desc.fields[f];
      if (fd.kind != bc::FieldKind::kRef) continue;
      const bc::DataSetDesc& tdesc = p.datasets[static_cast<size_t>(fd.target)];
      const io::DataSet& target = in->data[static_cast<size_t>(fd.target)];
      const bool int_key =
          tdesc.fields[static_cast<size_t>(tdesc.key_field)].kind == bc::FieldKind::kInt;
      std::vector<int32_t>& col = d.columns[f].i32;
      for (size_t r = 0; r < d.rows; ++r) {
        if (col[r] == vm::kAbsentI32) continue;
        const std::string_view key = in->texts.Get(static_cast<uint32_t>(col[r]));
        int32_t row = -1;
        if (int_key) {
          int64_t k = 0;
          const auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), k);
          if (ec == std::errc() && ptr == key.data() + key.size()) {
            if (auto it = target.int_keys.find(k); it != target.int_keys.end())
              row = static_cast<int32_t>(it->second);
          }
        } else if (const int64_t found = target.text_keys.Find(static_cast<uint32_t>(col[r]));
                   found >= 0) {
          row = static_cast<int32_t>(found);
        }
        if (row < 0) {
          const io::InputError e{d.path, d.lines[r], fd.name,
                                 fmt::format("no row of `{}` has the key '{}'", tdesc.name, key)};
          if (!reject) {
            report->errors.push_back(e.ToString());
            return false;
          }
          reject(e, {std::string(key)});
          keep[r] = false;
          dropped = true;
          continue;
        }
        col[r] = row;
      }
    }
    if (dropped) Compact(desc, d, keep);
  }
  return true;
}

std::optional<Value> ParseValue(const bc::Program& p, bc::FieldKind kind, int target,
                                std::string_view text, TextPool& texts) {
  switch (kind) {
    case bc::FieldKind::kInt: {
      int64_t n = 0;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
      return Value::Int(n);
    }
    case bc::FieldKind::kMoney:
    case bc::FieldKind::kDecimal: {
      Decimal d;
      if (!Decimal::Parse(text, &d, true)) return std::nullopt;
      return Value::Dec(d);
    }
    case bc::FieldKind::kBool:
      if (text != "true" && text != "false") return std::nullopt;
      return Value::Bool(text == "true");
    case bc::FieldKind::kDate: {
      Date d;
      if (!Date::Parse(text, &d)) return std::nullopt;
      return Value::Day(d);
    }
    case bc::FieldKind::kEnum: {
      const bc::EnumDesc& en = p.enums[static_cast<size_t>(target)];
      for (size_t m = 0; m < en.members.size(); ++m) {
        if (en.members[m] == text) return Value{static_cast<int64_t>(m)};
      }
      return std::nullopt;
    }
    default:
      return Value{texts.Intern(text)};
  }
}

bool ApplySets(const bc::Program& p, const RunOptions& options, TextPool& texts,
               std::vector<Value>* globals, RunReport* report) {
  for (const auto& [name, raw] : options.sets) {
    const bc::ParamDesc* prm = nullptr;
    for (const bc::ParamDesc& x : p.params) {
      if (x.name == name) prm = &x;
    }
    if (prm == nullptr) {
      report->errors.push_back(fmt::format("--set {}: the program has no param `{}`", name, name));
      return false;
    }
    // `--set` also takes `30 USD` for Money and `3%` for Decimal (brief §10).
    std::string text = raw;
    bool percent = false;
    const std::string suffix = " " + p.currency;
    if (prm->kind == bc::FieldKind::kMoney && text.size() > suffix.size() &&
        text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
      text.resize(text.size() - suffix.size());
    } else if (prm->kind == bc::FieldKind::kDecimal && !text.empty() && text.back() == '%') {
      percent = true;
      text.pop_back();
    }
    std::optional<Value> v = ParseValue(p, prm->kind, prm->target, text, texts);
    bool ok = v.has_value();
    if (ok && percent) {
      Decimal d;
      ok = Decimal::Div(v->AsDec(), Decimal::FromInt(100), &d) == ArithStatus::kOk;
      v = Value::Dec(d);
    }
    if (!ok) {
      report->errors.push_back(
          fmt::format("--set {}={}: not a valid value for this param", name, raw));
      return false;
    }
    (*globals)[static_cast<size_t>(prm->global)] = *v;
  }
  return true;
}

}  // namespace incant::engine
