#pragma once
// The timeline (brief §4): loads inputs, merges events in (date, stream, key)
// order, runs event rules through the VM, applies caps, budgets and funds, and
// writes the ledger atomically.
#include <map>
#include <string>
#include <vector>

#include "runtime/bytecode/program.h"
#include "runtime/vm/vm.h"

namespace incant::engine {

struct RunOptions {
  std::vector<std::pair<std::string, std::string>> inputs;  // NAME=PATH
  std::vector<std::pair<std::string, std::string>> sets;    // --set P=V
  std::string out;                                          // ledger path ("" = none)
  std::string reject;                            // --reject path ("" = fail on bad input)
  std::string leaderboards;                      // --leaderboards path ("" = none)
  std::string summary;                           // --summary path ("" = none)
  PeriodUnit summary_by = PeriodUnit::kProgram;  // --summary-by (kProgram: the rule's period)
  int threads = 0;  // --threads: 1 = everything on one thread, 0 = every core
  const vm::NativeCode* native = nullptr;  // --jit: the program's native code (jit/)
};

// One row of the leaderboard file: period, board, rank, payee, score.
struct LeaderboardLine {
  std::string period;
  std::string board;
  int rank = 0;
  std::string payee;
  std::string score;
};

// Exit codes of brief §7.
enum ExitCode : int { kOk = 0, kCompileError = 1, kBadInput = 2, kRuntimeError = 3 };

struct RuleSummary {
  std::string rule;
  uint64_t lines = 0;
  uint64_t payees = 0;
  std::string total;
};

struct RunReport {
  int exit_code = kOk;
  std::vector<std::string> errors;  // printed to stderr by the CLI
  std::vector<std::string> warnings;
  std::vector<RuleSummary> rules;
  uint64_t events = 0;
  uint64_t ignored_events = 0;  // dated outside the program period
  uint64_t rejected_rows = 0;
  uint64_t ledger_lines = 0;
};

[[nodiscard]] RunReport Run(const bc::Program& program, const RunOptions& options);

}  // namespace incant::engine
