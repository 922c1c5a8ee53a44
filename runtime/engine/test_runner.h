#pragma once
// Runs a test block (brief §6) in memory: its tables become the inputs, its
// params the `--set`s; the engine runs as for `incant run`, keeping the lines
// instead of writing them, and each expectation is checked against them.
#include <string>
#include <vector>

#include "runtime/bytecode/program.h"

namespace incant::engine {

struct TestOutcome {
  bool passed = false;
  // One per failed expectation or error: `PATH:LINE: SOURCE` then
  // `    expected X, actual Y` (or the error's message).
  std::vector<std::string> problems;
};

[[nodiscard]] TestOutcome RunTest(const bc::Program& p, const bc::TestDesc& t);

}  // namespace incant::engine
