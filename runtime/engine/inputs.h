#pragma once
// Loading every `--input`, resolving references to row indices, and parsing
// `--set` values. Internal to engine/.
#include <string>
#include <vector>

#include "runtime/engine/engine.h"
#include "runtime/io/data_set.h"

namespace incant::engine {

struct Inputs {
  std::vector<io::DataSet> data;  // by data set index
  TextPool texts;
  uint64_t rejected = 0;
};

// Fills `in`; on failure appends `PATH:LINE: column NAME: ...` messages.
[[nodiscard]] bool LoadInputs(const bc::Program& p, const RunOptions& options, Inputs* in,
                              RunReport* report);

// Parses `--set` values into the param slots of `globals`.
[[nodiscard]] bool ApplySets(const bc::Program& p, const RunOptions& options, TextPool& texts,
                             std::vector<Value>* globals, RunReport* report);

}  // namespace incant::engine
