#pragma once
// What the checker proves about a program: declarations resolved to dense
// indices, and side tables keyed by AST node id (types, what each name means).
// The AST stays immutable; lowering reads both.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/sema/types.h"
#include "runtime/value/date.h"
#include "runtime/value/decimal.h"

namespace incant::sema {

struct EnumInfo {
  std::string name;
  std::vector<std::string> members;
};

struct FieldInfo {
  std::string name;
  Type type;
};

struct RecordInfo {
  std::string name;
  std::vector<FieldInfo> fields;
  int key_field = 0;
  int dataset = -1;  // the table/events that holds rows of this record (-1: none)
  [[nodiscard]] int FieldIndex(const std::string& field) const;
};

struct DataSetInfo {
  std::string name;
  int record = -1;
  bool is_events = false;
  int date_field = -1;  // events only
  const ast::DataDecl* decl = nullptr;
};

struct ParamInfo {
  std::string name;
  Type type;
  const ast::ParamDecl* decl = nullptr;
  bool used = false;
};

struct LetInfo {
  std::string name;
  Type type;
  const ast::LetDecl* decl = nullptr;
};

struct FnInfo {
  std::string name;
  std::vector<Type> params;
  Type result;
  const ast::FnDecl* decl = nullptr;
};

struct FundInfo {
  std::string name;
  std::string label;
  const ast::FundDecl* decl = nullptr;
};

struct TiersInfo {
  std::string name;
  Type threshold, value;
  const ast::TiersDecl* decl = nullptr;
};

enum class Aggregate : unsigned char { kSum, kCount, kMin, kMax, kAvg };

struct MetricInfo {
  std::string name;
  const ast::MetricDecl* decl = nullptr;
  int source = -1;  // events data set
  Aggregate aggregate = Aggregate::kSum;
  Type key;     // required (an absent key skips the event)
  Type result;  // what a call returns: Int, the sum's type, or optional for min/max/avg
};

struct LeaderboardInfo {
  std::string name;
  const ast::LeaderboardDecl* decl = nullptr;
  int source = -1;  // table
  Type score;
  int64_t top = -1;
};

// A test block (brief §6), checked: every cell is a literal of its field's
// type, turned into the canonical input text the data loaders read.
struct TestCellInfo {
  bool absent = false;
  std::string text;
};

struct TestTableInfo {
  int dataset = -1;
  std::vector<int> fields;  // header column -> field index
  std::vector<std::vector<TestCellInfo>> rows;
  std::vector<int> row_lines;
};

enum class ExpectKind : unsigned char { kRule, kTotal, kPoints, kFund, kMetric };

struct ExpectInfo {
  ExpectKind kind = ExpectKind::kTotal;
  int index = -1;  // rule, fund or metric
  TestCellInfo key;
  std::string period;  // `2026-Q4`, `2026-10`, `2026`, or empty: the whole program
  TestCellInfo value;
  Type value_type;
  int line = 0;
};

struct TestInfo {
  std::string name;
  const ast::TestDecl* decl = nullptr;
  std::vector<TestTableInfo> tables;
  std::vector<std::pair<int, std::string>> params;  // param index, value text
  std::vector<ExpectInfo> expects;
};

struct EffectInfo {
  ast::EffectKind kind;
  int payee_dataset = -1;
  int fund = -1;
  const ast::Effect* ast = nullptr;
};

struct RuleInfo {
  std::string name;
  const ast::RuleDecl* decl = nullptr;
  int source = -1;  // dataset index
  bool period_rule = false;
  std::vector<Type> let_types;
  std::vector<EffectInfo> effects;
  std::optional<Date> effective_from, effective_to;
};

// What a name or call node refers to.
enum class RefKind : unsigned char {
  kNone,
  kRowVar,
  kRuleLet,
  kFnParam,
  kParam,
  kLet,
  kEnumMember,
  kFn,
  kBuiltin,
  kField,
  kTiers,
  kFund,
  kMetric,      // a metric call: index = metric, extra = window (0 current, 1 prior, 2 to_date)
  kLeaderboard  // L.rank(p): index = leaderboard
};

struct Ref {
  RefKind kind = RefKind::kNone;
  int32_t index = -1;  // slot / decl index / builtin id / field index
  int32_t extra = -1;  // enum index for members; dataset of a row variable; record of a field
};

struct CheckedProgram {
  // program { }
  std::string title;
  std::string currency;
  Date period_from, period_to;
  Rounding rounding = Rounding::kHalfUp;
  int minor_digits = 2;

  std::vector<EnumInfo> enums;
  std::vector<RecordInfo> records;
  std::vector<DataSetInfo> datasets;  // declaration order: events merge in this order
  std::vector<ParamInfo> params;
  std::vector<LetInfo> lets;
  std::vector<FnInfo> fns;
  std::vector<FundInfo> funds;
  std::vector<TiersInfo> tiers;
  std::vector<RuleInfo> rules;
  std::vector<MetricInfo> metrics;
  std::vector<LeaderboardInfo> leaderboards;
  std::vector<TestInfo> tests;

  // Side tables by node id (ids are unique across modules: see Checker).
  std::unordered_map<const ast::Expr*, Type> types;
  std::unordered_map<const ast::Expr*, Ref> refs;

  [[nodiscard]] Type TypeOf(const ast::Expr* e) const;
  [[nodiscard]] Ref RefOf(const ast::Expr* e) const;
  [[nodiscard]] int DataSetIndex(const std::string& name) const;
  [[nodiscard]] int ParamIndex(const std::string& name) const;
  [[nodiscard]] std::string TypeName(const Type& t) const;
  [[nodiscard]] static int LineOf(Span s) { return s.file ? s.file->Locate(s.begin).line : 0; }

  std::vector<std::unique_ptr<ast::Module>> modules;  // keeps the AST alive
  std::vector<std::unique_ptr<SourceFile>> files;
};

}  // namespace incant::sema
