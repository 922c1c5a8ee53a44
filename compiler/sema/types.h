#pragma once
// The closed set of Incant types. Small values compared by content; `kError`
// absorbs cascades so one mistake gives one message.
#include <cstdint>
#include <string>

namespace incant::sema {

enum class TypeKind : unsigned char {
  kError,
  kInt,
  kDecimal,
  kMoney,
  kBool,
  kText,
  kDate,
  kEnum,
  kRecord,
  kList,
  kTiers,
  kFund,
  kVoid
};

struct Type {
  TypeKind kind = TypeKind::kError;
  bool optional = false;
  int32_t index = -1;  // enum or record index; element kind for lists

  [[nodiscard]] static Type Of(TypeKind k, bool opt = false) { return Type{k, opt, -1}; }
  [[nodiscard]] static Type Error() { return Type{}; }
  [[nodiscard]] bool IsError() const { return kind == TypeKind::kError; }
  [[nodiscard]] bool IsNumeric() const {
    return kind == TypeKind::kInt || kind == TypeKind::kDecimal;
  }
  [[nodiscard]] Type Required() const { return Type{kind, false, index}; }
  [[nodiscard]] Type Optional() const { return Type{kind, true, index}; }
  friend bool operator==(const Type& a, const Type& b) = default;
};

}  // namespace incant::sema
