// `incant check FILE|DIR...`: parse, resolve, type-check and lint.
#include <cstdio>

#include "cli/commands.h"
#include "cli/common.h"
#include "compiler/diag/sarif.h"

namespace incant::cli {

static const char* kCheckHelp =
    "usage: incant check [--format text|json|sarif] [--werror] FILE|DIR...\n"
    "\n"
    "Parses, resolves and type-checks each program (a directory: every *.incant\n"
    "in it, recursively). Diagnostics go to stderr as PATH:LINE:COL: error: ...\n"
    "(--format json: one JSON object per line). --format sarif prints one SARIF 2.1.0\n"
    "log on stdout, for code-scanning annotations. --werror makes warnings errors.\n"
    "\n"
    "exit codes: 0 clean (warnings allowed), 1 errors\n";

int CheckCommand(const std::vector<std::string>& args) {
  DiagFormat format = DiagFormat::kText;
  bool werror = false;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string v;
    if (args[i] == "--help" || args[i] == "-h") {
      std::fputs(kCheckHelp, stdout);
      return 0;
    }
    if (TakeOption(args, i, "--format", &v)) {
      if (v != "text" && v != "json" && v != "sarif") {
        std::fprintf(stderr, "incant check: unknown format `%s` (text, json or sarif)\n",
                     v.c_str());
        return 64;
      }
      format = v == "json"    ? DiagFormat::kJson
               : v == "sarif" ? DiagFormat::kSarif
                              : DiagFormat::kText;
    } else if (args[i] == "--werror") {
      werror = true;
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::fprintf(stderr, "incant check: unknown option `%s`\n%s", args[i].c_str(), kCheckHelp);
      return 64;
    } else {
      AddProgramFiles(args[i], &files);
    }
  }
  if (files.empty()) {
    std::fputs(kCheckHelp, stderr);
    return 64;
  }
  return RunWithBigStack([&] {
    int errors = 0, warnings = 0;
    std::vector<std::string> sarif;
    for (const std::string& f : files) {
      Sink sink;
      const Compilation c = CompileFile(f, sink, /*lower=*/false);
      if (werror) sink.PromoteWarnings();
      if (format == DiagFormat::kSarif) {
        for (const Diagnostic& d : sink.Sorted()) sarif.push_back(RenderSarifResult(d));
      } else {
        PrintDiagnostics(sink, format);
      }
      errors += sink.ErrorCount();
      warnings += sink.WarningCount();
    }
    if (format == DiagFormat::kSarif) std::fputs(RenderSarifLog(sarif).c_str(), stdout);
    if (format == DiagFormat::kText) {
      std::fprintf(stderr, "%zu file%s checked: %d error%s, %d warning%s\n", files.size(),
                   files.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                   warnings == 1 ? "" : "s");
    }
    return errors > 0 ? 1 : 0;
  });
}

}  // namespace incant::cli
