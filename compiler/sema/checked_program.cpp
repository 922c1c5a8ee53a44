#include "compiler/sema/checked_program.h"

namespace incant::sema {

int RecordInfo::FieldIndex(const std::string& field) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return static_cast<int>(i);
  }
  return -1;
}

Type CheckedProgram::TypeOf(const ast::Expr* e) const {
  const auto it = types.find(e);
  return it == types.end() ? Type::Error() : it->second;
}

Ref CheckedProgram::RefOf(const ast::Expr* e) const {
  const auto it = refs.find(e);
  return it == refs.end() ? Ref{} : it->second;
}

int CheckedProgram::DataSetIndex(const std::string& name) const {
  for (size_t i = 0; i < datasets.size(); ++i) {
    if (datasets[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int CheckedProgram::ParamIndex(const std::string& name) const {
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string CheckedProgram::TypeName(const Type& t) const {
  std::string s;
  switch (t.kind) {
    case TypeKind::kError:
      return "<error>";
    case TypeKind::kInt:
      s = "Int";
      break;
    case TypeKind::kDecimal:
      s = "Decimal";
      break;
    case TypeKind::kMoney:
      s = "Money";
      break;
    case TypeKind::kBool:
      s = "Bool";
      break;
    case TypeKind::kText:
      s = "Text";
      break;
    case TypeKind::kDate:
      s = "Date";
      break;
    case TypeKind::kEnum:
      s = enums[static_cast<size_t>(t.index)].name;
      break;
    case TypeKind::kRecord:
      s = records[static_cast<size_t>(t.index)].name;
      break;
    case TypeKind::kList:
      s = "list";
      break;
    case TypeKind::kTiers:
      s = "tiers";
      break;
    case TypeKind::kFund:
      s = "fund";
      break;
    case TypeKind::kVoid:
      s = "nothing";
      break;
  }
  return t.optional ? s + "?" : s;
}

}  // namespace incant::sema
