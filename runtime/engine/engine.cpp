// The entry point of a run: load inputs, apply --set, run the init function,
// then the timeline; the ledger (and leaderboard file) are written atomically.
#include "runtime/engine/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "runtime/engine/inputs.h"
#include "runtime/engine/ledger_writer.h"
#include "runtime/engine/timeline.h"
#include "runtime/vm/vm.h"

namespace incant::engine {
namespace {

// A side file (leaderboards, summary): temp file, then rename, like the ledger.
bool WriteAtomically(const std::string& path, const std::string& header,
                     const std::vector<std::string>& rows, std::string* error) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      *error = fmt::format("cannot write `{}`", path);
      return false;
    }
    out << header << '\n';
    for (const std::string& r : rows) out << r << '\n';
    if (!out.flush()) {
      *error = fmt::format("cannot write `{}`", path);
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = fmt::format("cannot write `{}`", path);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

bool WriteLeaderboards(const std::string& path, const std::vector<LeaderboardLine>& lines,
                       std::string* error) {
  std::vector<std::string> rows;
  rows.reserve(lines.size());
  for (const LeaderboardLine& l : lines) {
    std::string row = l.period + ',';
    AppendCsvField(row, l.board);
    row += ',' + std::to_string(l.rank) + ',';
    AppendCsvField(row, l.payee);
    row += ',';
    AppendCsvField(row, l.score);
    rows.push_back(std::move(row));
  }
  return WriteAtomically(path, "period,board,rank,payee,score", rows, error);
}

}  // namespace

std::string RuntimeErrorMessage(const bc::Program& p, const bc::Function& f, const vm::Error& err,
                                const std::string& where) {
  std::string loc;
  if (err.pc < f.locs.size() && f.locs[err.pc] < p.locs.size()) {
    const bc::SourceLoc& l = p.locs[f.locs[err.pc]];
    loc = fmt::format("{}:{}:{}: ", l.path, l.line, l.column);
  }
  return fmt::format("{}runtime error: {} in {}", loc, err.message, where);
}

bool RunInit(const bc::Program& p, std::vector<Value>& globals, TextPool& texts, RunReport* report,
             const vm::NativeCode* native) {
  std::vector<Value> regs(p.init.num_regs);
  vm::Context ctx{&p, globals.data(), nullptr, &texts, nullptr};
  vm::Error err;
  if (vm::Call(p.init, vm::FindNative(native, p.init), regs.data(), ctx, &err) == vm::Outcome::kOk)
    return true;
  report->errors.push_back(
      RuntimeErrorMessage(p, p.init, err, "a param, let, cap, budget or tier table"));
  report->exit_code = kRuntimeError;
  return false;
}

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
  if (!RunInit(p, globals, in.texts, &report, options.native)) return report;
  LedgerWriter ledger;
  std::string error;
  // A second thread formats and writes the ledger while the first evaluates;
  // the bytes do not depend on it.
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const bool background = options.threads == 0 ? cores > 1 : options.threads > 1;
  if (!options.out.empty() && !ledger.Open(options.out, &error, background)) {
    report.errors.push_back(error);
    report.exit_code = kBadInput;
    return report;
  }
  Timeline timeline(p, in, report, ledger, options.native);
  std::vector<LeaderboardLine> boards;
  if (!options.leaderboards.empty()) timeline.leaderboard_out_ = &boards;
  if (!options.summary.empty()) timeline.WantSummary(options.summary_by);
  timeline.UseThreads(options.threads == 0 ? cores : static_cast<unsigned>(options.threads));
  if (!timeline.Run(std::move(globals))) {
    ledger.Abandon();
    if (report.exit_code == kOk) report.exit_code = kRuntimeError;
    return report;
  }
  if (!options.leaderboards.empty() && !WriteLeaderboards(options.leaderboards, boards, &error)) {
    ledger.Abandon();
    report.errors.push_back(error);
    report.exit_code = kBadInput;
    return report;
  }
  if (!options.summary.empty() &&
      !WriteAtomically(options.summary, SummaryTable::Header(), timeline.SummaryRows(), &error)) {
    ledger.Abandon();
    report.errors.push_back(error);
    report.exit_code = kBadInput;
    return report;
  }
  if (ledger.is_open() && !ledger.Commit(&error)) {
    report.errors.push_back(error);
    report.exit_code = kRuntimeError;
  }
  return report;
}

}  // namespace incant::engine
