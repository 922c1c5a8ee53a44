// `incant test FILE|DIR... [--filter TEXT] [--junit PATH]`: runs the test
// blocks of each program in memory (brief §6) and ends with `N passed, N failed`.
#include <cstdio>
#include <fstream>
#include <string>

#include "cli/commands.h"
#include "cli/common.h"
#include "runtime/engine/test_runner.h"

namespace incant::cli {
namespace {

const char* kTestHelp =
    "usage: incant test [--filter TEXT] [--junit PATH] [--format text|json] FILE|DIR...\n"
    "\n"
    "Runs every `test` block of each program (a directory: every *.incant in it,\n"
    "recursively; files without tests are skipped). A failing expectation prints\n"
    "PATH:LINE, the expectation, and the expected and actual values. --filter runs\n"
    "the tests whose name contains TEXT; --junit writes a JUnit XML report.\n"
    "\n"
    "exit codes: 0 all passed, 1 a test failed or a program did not compile\n";

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

struct Case {
  std::string file, name;
  uint32_t line = 0;
  std::vector<std::string> problems;  // empty: passed
};

bool WriteJunit(const std::string& path, const std::vector<Case>& cases, int failed) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"incant\" tests=\"" << cases.size() << "\" failures=\"" << failed
      << "\">\n";
  std::string suite;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    if (c.file != suite) {
      if (!suite.empty()) out << "  </testsuite>\n";
      suite = c.file;
      size_t n = 0, f = 0;
      for (const Case& d : cases) {
        if (d.file != suite) continue;
        ++n;
        f += d.problems.empty() ? 0 : 1;
      }
      out << "  <testsuite name=\"" << XmlEscape(suite) << "\" tests=\"" << n << "\" failures=\""
          << f << "\">\n";
    }
    out << "    <testcase name=\"" << XmlEscape(c.name) << "\" classname=\"" << XmlEscape(c.file)
        << "\" file=\"" << XmlEscape(c.file) << "\" line=\"" << c.line << "\"";
    if (c.problems.empty()) {
      out << "/>\n";
      continue;
    }
    std::string text;
    for (const std::string& p : c.problems) text += p + "\n";
    out << ">\n      <failure message=\""
        << XmlEscape(c.problems[0].substr(0, c.problems[0].find('\n'))) << "\">" << XmlEscape(text)
        << "</failure>\n    </testcase>\n";
  }
  if (!suite.empty()) out << "  </testsuite>\n";
  out << "</testsuites>\n";
  return static_cast<bool>(out.flush());
}

}  // namespace

int TestCommand(const std::vector<std::string>& args) {
  DiagFormat format = DiagFormat::kText;
  std::string filter, junit;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string v;
    if (args[i] == "--help" || args[i] == "-h") {
      std::fputs(kTestHelp, stdout);
      return 0;
    }
    if (TakeOption(args, i, "--filter", &v)) {
      filter = v;
    } else if (TakeOption(args, i, "--junit", &v)) {
      junit = v;
    } else if (TakeOption(args, i, "--format", &v)) {
      if (v != "text" && v != "json") {
        std::fprintf(stderr, "incant test: unknown format `%s` (text or json)\n", v.c_str());
        return 64;
      }
      format = v == "json" ? DiagFormat::kJson : DiagFormat::kText;
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::fprintf(stderr, "incant test: unknown option `%s`\n%s", args[i].c_str(), kTestHelp);
      return 64;
    } else {
      AddProgramFiles(args[i], &files);
    }
  }
  if (files.empty()) {
    std::fputs(kTestHelp, stderr);
    return 64;
  }
  return RunWithBigStack([&] {
    int passed = 0, failed = 0, broken = 0;
    std::vector<Case> cases;
    for (const std::string& f : files) {
      bool ok = false;
      const Compilation c = CompileAndReport(f, format, /*lower=*/true, &ok);
      if (!ok) {
        ++broken;
        continue;
      }
      for (const bc::TestDesc& t : c.program->tests) {
        if (!filter.empty() && t.name.find(filter) == std::string::npos) continue;
        const engine::TestOutcome outcome = engine::RunTest(*c.program, t);
        cases.push_back(Case{f, t.name, t.line, outcome.problems});
        if (outcome.passed) {
          ++passed;
          std::printf("ok   %s\n", t.name.c_str());
        } else {
          ++failed;
          std::printf("FAIL %s (%s:%u)\n", t.name.c_str(), t.path.c_str(), t.line);
          for (const std::string& p : outcome.problems) std::printf("  %s\n", p.c_str());
        }
      }
    }
    if (broken > 0) {
      std::printf("%d file%s did not compile\n", broken, broken == 1 ? "" : "s");
    }
    std::printf("%d passed, %d failed\n", passed, failed);
    if (!junit.empty() && !WriteJunit(junit, cases, failed)) {
      std::fprintf(stderr, "incant test: cannot write `%s`\n", junit.c_str());
      return 1;
    }
    return failed > 0 || broken > 0 ? 1 : 0;
  });
}

}  // namespace incant::cli
