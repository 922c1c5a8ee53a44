#pragma once
// `incant fmt`: one canonical layout (docs/style.md) printed from the syntax
// tree, with the comments put back where they were. Idempotent by design
// and by test: Format(Format(x)) == Format(x).
#include <string>

#include "compiler/ast/ast.h"

namespace incant {

// The canonical text of a module that parsed without errors.
[[nodiscard]] std::string FormatModule(const SourceFile& file, const ast::Module& module);

}  // namespace incant
