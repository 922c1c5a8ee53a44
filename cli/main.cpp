// `incant`: one file per subcommand; this one only dispatches.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

const char* kUsage =
    "usage: incant COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  check    parse, resolve and type-check programs\n"
    "  run      evaluate a program over its inputs into a payout ledger\n"
    "  disasm   print the bytecode a program compiles to\n"
    "  test     run the test blocks of programs\n"
    "  fmt      format programs in the canonical layout\n"
    "  explain  explain a payee's lines (not yet available)\n"
    "  diff     compare two programs' ledgers (not yet available)\n"
    "\n"
    "`incant COMMAND --help` describes each command.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 64 : 0;
  }
  if (args[0] == "--version") {
    std::puts("incant 0.1.0");
    return 0;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "check") return incant::cli::CheckCommand(args);
  if (cmd == "run") return incant::cli::RunCommand(args);
  if (cmd == "disasm") return incant::cli::DisasmCommand(args);
  if (cmd == "test") return incant::cli::TestCommand(args);
  if (cmd == "fmt") return incant::cli::FmtCommand(args);
  if (cmd == "explain" || cmd == "diff") {
    std::fprintf(stderr, "incant %s: not supported yet\n", cmd.c_str());
    return 1;
  }
  std::fprintf(stderr, "incant: unknown command `%s`\n%s", cmd.c_str(), kUsage);
  return 64;
}
