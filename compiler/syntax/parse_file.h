#pragma once
// The front door of the compiler: bytes in, AST out. This folder is the only
// code that sees ANTLR; nothing it includes leaks into the header.
#include <memory>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_file.h"

namespace incant {

// Parses one file. Always returns a module (possibly partial, with error
// nodes); every problem is reported to `sink` with its span.
[[nodiscard]] std::unique_ptr<ast::Module> ParseFile(const SourceFile& file, Sink& sink);

// Deepest nesting of brackets, `if`s and prefix operators the parser accepts;
// deeper input is reported instead of being parsed (it would exhaust the stack).
inline constexpr int kMaxNesting = 256;
// Deepest expression tree the AST accepts (long operator chains fold into depth).
inline constexpr int kMaxExprDepth = 2000;

}  // namespace incant
