#pragma once
// A stable, readable dump of a module for golden parse tests (`incant parse`).
#include <string>

#include "compiler/ast/ast.h"

namespace incant::ast {

[[nodiscard]] std::string DumpExpr(const Expr* e);
[[nodiscard]] std::string DumpModule(const Module& m);

}  // namespace incant::ast
