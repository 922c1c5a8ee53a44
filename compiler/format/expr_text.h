#pragma once
// An expression as canonical source text: single spaces around binary
// operators, parentheses only where precedence needs them (the AST keeps
// none), literals as written.
#include <string>

#include "compiler/ast/ast.h"

namespace incant::fmt_ {

[[nodiscard]] std::string ExprText(const ast::Expr* e);
// A Text literal with the language's escapes.
[[nodiscard]] std::string Quote(const std::string& s);

}  // namespace incant::fmt_
