#pragma once
// Renders diagnostics for people (source line and caret) and for tools (JSON lines).
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace incant {

// `PATH:LINE:COL: error: MESSAGE`, the source line, a caret line, then `help:`.
[[nodiscard]] std::string RenderText(const Diagnostic& d);
// One JSON object per diagnostic, one per line.
[[nodiscard]] std::string RenderJson(const Diagnostic& d);
[[nodiscard]] std::string JsonEscape(std::string_view s);

}  // namespace incant
