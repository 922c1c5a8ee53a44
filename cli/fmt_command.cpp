// `incant fmt [--check] FILE|DIR...`: rewrites each file in the canonical
// layout (docs/style.md); with --check, changes nothing and lists the files
// that would change.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parse_file.h"

namespace incant::cli {
namespace {

const char* kFmtHelp =
    "usage: incant fmt [--check] FILE|DIR...\n"
    "\n"
    "Rewrites each file (a directory: every *.incant in it, recursively) in the\n"
    "canonical layout, comments kept. A file with syntax errors is left alone\n"
    "and its errors are printed. --check writes nothing and lists the files that\n"
    "would change.\n"
    "\n"
    "exit codes: 0 done (--check: nothing to change), 1 a file would change or did\n"
    "not parse\n";

}  // namespace

int FmtCommand(const std::vector<std::string>& args) {
  bool check = false;
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kFmtHelp, stdout);
      return 0;
    }
    if (a == "--check") {
      check = true;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "incant fmt: unknown option `%s`\n%s", a.c_str(), kFmtHelp);
      return 64;
    } else {
      AddProgramFiles(a, &files);
    }
  }
  if (files.empty()) {
    std::fputs(kFmtHelp, stderr);
    return 64;
  }
  return RunWithBigStack([&] {
    int status = 0;
    for (const std::string& path : files) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "incant fmt: cannot read `%s`\n", path.c_str());
        status = 1;
        continue;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      const SourceFile file(path, ss.str());
      Sink sink;
      const auto module = ParseFile(file, sink);
      if (sink.HasErrors()) {
        PrintDiagnostics(sink, DiagFormat::kText);
        status = 1;
        continue;
      }
      const std::string formatted = FormatModule(file, *module);
      if (formatted == file.text()) continue;
      if (check) {
        std::printf("%s\n", path.c_str());
        status = 1;
        continue;
      }
      const std::string tmp = path + ".fmt-tmp";
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << formatted;
      out.close();
      if (!out || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        std::fprintf(stderr, "incant fmt: cannot write `%s`\n", path.c_str());
        status = 1;
      }
    }
    return status;
  });
}

}  // namespace incant::cli
