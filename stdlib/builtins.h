#pragma once
// The built-in function table (one row per function, from builtins.def).
#include <optional>
#include <string_view>

namespace incant::stdlib {

enum class Builtin : unsigned char {
#define X(id, name, min, max, sig, doc) k##id,
#include "stdlib/builtins.def"
#undef X
};

struct BuiltinInfo {
  Builtin id;
  std::string_view name;
  int min_args;
  int max_args;
  std::string_view signature;
  std::string_view doc;
};

[[nodiscard]] const BuiltinInfo* FindBuiltin(std::string_view name);
[[nodiscard]] const BuiltinInfo& GetBuiltin(Builtin id);

}  // namespace incant::stdlib
