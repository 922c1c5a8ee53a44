#include "stdlib/builtins.h"

namespace incant::stdlib {
namespace {
constexpr BuiltinInfo kTable[] = {
#define X(id, name, min, max, sig, doc) {Builtin::k##id, name, min, max, sig, doc},
#include "stdlib/builtins.def"
#undef X
};
}  // namespace

const BuiltinInfo* FindBuiltin(std::string_view name) {
  for (const BuiltinInfo& b : kTable) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const BuiltinInfo& GetBuiltin(Builtin id) { return kTable[static_cast<int>(id)]; }

}  // namespace incant::stdlib
