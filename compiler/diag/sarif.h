#pragma once
// SARIF 2.1.0 (the format code-scanning services read, so a pull request is
// annotated at the exact line): one result per diagnostic, one log per run.
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace incant {

// One `result` object (rendered while the diagnostic's source file is alive).
[[nodiscard]] std::string RenderSarifResult(const Diagnostic& d);
// The whole log: the tool, every rule (diagnostic kind) it can report, the results.
[[nodiscard]] std::string RenderSarifLog(const std::vector<std::string>& results);

}  // namespace incant
