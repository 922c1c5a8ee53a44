#pragma once
// Loading every `--input`, resolving references to row indices, and parsing
// `--set` values. Internal to engine/.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/engine/engine.h"
#include "runtime/io/data_set.h"
#include "runtime/vm/vm.h"

namespace incant::engine {

struct Inputs {
  std::vector<io::DataSet> data;  // by data set index
  TextPool texts;
  uint64_t rejected = 0;
};

// Fills `in`; on failure appends `PATH:LINE: column NAME: ...` messages.
[[nodiscard]] bool LoadInputs(const bc::Program& p, const RunOptions& options, Inputs* in,
                              RunReport* report);

// The VM's view of every loaded column, by global column id (bytecode FieldDesc).
[[nodiscard]] std::vector<vm::Column> ColumnsOf(const bc::Program& p, const Inputs& in);

// Reference cells (key texts) -> row indices of the referenced data set. An
// unknown key is an error, or goes to `reject` (when set) and drops the row.
using RejectFn = std::function<void(const io::InputError&, const std::vector<std::string>&)>;
[[nodiscard]] bool ResolveReferences(const bc::Program& p, const RejectFn& reject, Inputs* in,
                                     RunReport* report);

// `PATH:LINE:COL: runtime error: MESSAGE in WHERE`, the place taken from the
// failing instruction of `f`.
[[nodiscard]] std::string RuntimeErrorMessage(const bc::Program& p, const bc::Function& f,
                                              const vm::Error& err, const std::string& where);

// Runs the init function: params not set by `--set`, lets, caps, budgets, tiers.
[[nodiscard]] bool RunInit(const bc::Program& p, std::vector<Value>& globals, TextPool& texts,
                           RunReport* report, const vm::NativeCode* native = nullptr);

// A value written as text (a `--set`, a test's expected value or key): the
// canonical form of its kind; nullopt when it is not one. Texts are interned.
[[nodiscard]] std::optional<Value> ParseValue(const bc::Program& p, bc::FieldKind kind, int target,
                                              std::string_view text, TextPool& texts);

// Parses `--set` values into the param slots of `globals`.
[[nodiscard]] bool ApplySets(const bc::Program& p, const RunOptions& options, TextPool& texts,
                             std::vector<Value>* globals, RunReport* report);

}  // namespace incant::engine
