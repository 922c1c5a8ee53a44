// `incant check FILE|DIR...`: parse, resolve, type-check and lint.
#include <cstdio>

#include "cli/commands.h"
#include "cli/common.h"

namespace incant::cli {

static const char* kCheckHelp =
    "usage: incant check [--format text|json] [--werror] FILE|DIR...\n"
    "\n"
    "Parses, resolves and type-checks each program (a directory: every *.incant\n"
    "in it, recursively). Diagnostics go to stderr as PATH:LINE:COL: error: ...\n"
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
      if (v != "text" && v != "json") {
        std::fprintf(stderr, "incant check: unknown format `%s` (text or json)\n", v.c_str());
        return 64;
      }
      format = v == "json" ? DiagFormat::kJson : DiagFormat::kText;
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
    for (const std::string& f : files) {
      Sink sink;
      const Compilation c = CompileFile(f, sink, /*lower=*/false);
      if (werror) sink.PromoteWarnings();
      PrintDiagnostics(sink, format);
      errors += sink.ErrorCount();
      warnings += sink.WarningCount();
    }
    if (format == DiagFormat::kText) {
      std::fprintf(stderr, "%zu file%s checked: %d error%s, %d warning%s\n", files.size(),
                   files.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                   warnings == 1 ? "" : "s");
    }
    return errors > 0 ? 1 : 0;
  });
}

}  // namespace incant::cli
