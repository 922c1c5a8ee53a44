// `incant run PROGRAM --input NAME=PATH... [--out LEDGER] [--set P=V]... [--reject PATH]
// [--leaderboards PATH]`
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/native_backend.h"
#include "runtime/bytecode/disassemble.h"
#include "runtime/engine/engine.h"

namespace incant::cli {

static const char* kRunHelp =
    "usage: incant run PROGRAM --input NAME=PATH... [--out LEDGER.csv] [--set PARAM=VALUE]...\n"
    "                  [--reject REJECTS.csv] [--leaderboards BOARDS.csv] [--format text|json]\n"
    "                  [--summary TOTALS.csv [--summary-by month|quarter|year]] [--threads N]\n"
    "                  [--jit]\n"
    "\n"
    "Evaluates the program over its inputs (one --input per table and events stream),\n"
    "writes the ledger atomically to --out and prints a per-rule summary.\n"
    "With --reject, bad input rows go to that file with their reason and the rest runs.\n"
    "With --leaderboards, every ranking (period, board, rank, payee, score) goes to that file.\n"
    "With --summary, totals per (rule, kind, payee, period) go to that file (CSV); the period\n"
    "is the rule's, or with --summary-by month|quarter|year the one holding each line's date.\n"
    "--threads N: 1 runs everything on one thread; the default uses every core (the ledger is\n"
    "formatted and written on a second one, days of events are sorted on all). The output does\n"
    "not depend on it.\n"
    "--jit: compile the rules to native code with LLVM first (builds configured with\n"
    "-DINCANT_ENABLE_JIT=ON); the output is the same as the interpreter's, byte for byte.\n"
    "\n"
    "exit codes: 0 ok, 1 compile error, 2 bad input, 3 runtime error\n";

namespace {
bool SplitPair(const std::string& s, const char* what, std::pair<std::string, std::string>* out) {
  const size_t eq = s.find('=');
  if (eq == std::string::npos || eq == 0) {
    std::fprintf(stderr, "incant run: %s `%s` must be NAME=VALUE\n", what, s.c_str());
    return false;
  }
  *out = {s.substr(0, eq), s.substr(eq + 1)};
  return true;
}
}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  engine::RunOptions options;
  std::string program;
  DiagFormat format = DiagFormat::kText;
  bool jit = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string v;
    std::pair<std::string, std::string> kv;
    if (args[i] == "--help" || args[i] == "-h") {
      std::fputs(kRunHelp, stdout);
      return 0;
    }
    if (args[i] == "--jit") {
      if (const std::string missing = NativeBackendMissing(); !missing.empty()) {
        std::fprintf(stderr, "incant run: --jit: %s\n", missing.c_str());
        return 64;
      }
      jit = true;
    } else if (TakeOption(args, i, "--input", &v)) {
      if (!SplitPair(v, "--input", &kv)) return 64;
      options.inputs.push_back(kv);
    } else if (TakeOption(args, i, "--set", &v)) {
      if (!SplitPair(v, "--set", &kv)) return 64;
      options.sets.push_back(kv);
    } else if (TakeOption(args, i, "--out", &v)) {
      options.out = v;
    } else if (TakeOption(args, i, "--reject", &v)) {
      options.reject = v;
    } else if (TakeOption(args, i, "--leaderboards", &v)) {
      options.leaderboards = v;
    } else if (TakeOption(args, i, "--threads", &v)) {
      const int n = std::atoi(v.c_str());
      if (n < 1 || std::to_string(n) != v) {
        std::fprintf(stderr, "incant run: --threads takes a count of 1 or more, not `%s`\n",
                     v.c_str());
        return 64;
      }
      options.threads = n;
    } else if (TakeOption(args, i, "--summary", &v)) {
      options.summary = v;
    } else if (TakeOption(args, i, "--summary-by", &v)) {
      if (v != "month" && v != "quarter" && v != "year") {
        std::fprintf(stderr, "incant run: --summary-by takes month, quarter or year, not `%s`\n",
                     v.c_str());
        return 64;
      }
      options.summary_by = v == "month"     ? PeriodUnit::kMonth
                           : v == "quarter" ? PeriodUnit::kQuarter
                                            : PeriodUnit::kYear;
    } else if (TakeOption(args, i, "--format", &v)) {
      format = v == "json" ? DiagFormat::kJson : DiagFormat::kText;
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::fprintf(stderr, "incant run: unknown option `%s`\n%s", args[i].c_str(), kRunHelp);
      return 64;
    } else if (program.empty()) {
      program = args[i];
    } else {
      std::fprintf(stderr, "incant run: one program at a time (got `%s` and `%s`)\n",
                   program.c_str(), args[i].c_str());
      return 64;
    }
  }
  if (program.empty()) {
    std::fputs(kRunHelp, stderr);
    return 64;
  }
  return RunWithBigStack([&] {
    bool ok = false;
    const Compilation c = CompileAndReport(program, format, true, &ok);
    if (!ok || !c.program) return int{engine::kCompileError};
    std::unique_ptr<vm::NativeCode> native;
    if (jit) {
      std::string error;
      native = CompileNative(*c.program, &error);
      if (!native) {
        std::fprintf(stderr, "incant run: --jit: %s\n", error.c_str());
        return int{engine::kCompileError};
      }
      options.native = native.get();
    }
    const engine::RunReport report = engine::Run(*c.program, options);
    for (const std::string& w : report.warnings) std::fprintf(stderr, "%s\n", w.c_str());
    for (const std::string& e : report.errors) std::fprintf(stderr, "%s\n", e.c_str());
    if (report.exit_code != engine::kOk) return report.exit_code;
    std::string out =
        fmt::format("{:<24} {:>10} {:>8} {:>16}\n", "rule", "lines", "payees", "total");
    for (const engine::RuleSummary& r : report.rules) {
      out += fmt::format("{:<24} {:>10} {:>8} {:>16}\n", r.rule, r.lines, r.payees, r.total);
    }
    out += fmt::format("{} events evaluated, {} ledger lines", report.events, report.ledger_lines);
    if (report.ignored_events > 0) {
      out += fmt::format(", {} events outside the program period ignored", report.ignored_events);
    }
    if (!options.reject.empty())
      out += fmt::format(", {} rows rejected to {}", report.rejected_rows, options.reject);
    out += "\n";
    std::fputs(out.c_str(), stdout);
    return int{engine::kOk};
  });
}

int DisasmCommand(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0] == "--help") {
    std::fputs("usage: incant disasm PROGRAM\n\nPrints the bytecode the program compiles to.\n",
               args.empty() ? stderr : stdout);
    return args.size() == 1 ? 0 : 64;
  }
  return RunWithBigStack([&] {
    bool ok = false;
    const Compilation c = CompileAndReport(args[0], DiagFormat::kText, true, &ok);
    if (!ok || !c.program) return 1;
    std::fputs(bc::Disassemble(*c.program).c_str(), stdout);
    return 0;
  });
}

}  // namespace incant::cli
