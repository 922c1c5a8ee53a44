#pragma once
// The owned, immutable syntax tree. Every node has a dense id (for the
// checker's side tables) and a span. Literals keep their source text; the
// checker turns them into values, so the parser never needs value/.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/source_file.h"

namespace incant::ast {

using NodeId = uint32_t;

enum class ExprKind : unsigned char {
  kIntLit,      // text: digits (underscores kept)
  kDecimalLit,  // text: `1.25`
  kPercentLit,  // text: number without `%`
  kMoneyLit,    // text: number, currency: code
  kTextLit,     // text: decoded string
  kBoolLit,     // text: true/false
  kDateLit,     // text: YYYY-MM-DD
  kName,        // text: the name
  kField,       // kids[0].text
  kCall,        // text: callee name, kids: arguments
  kMethod,      // text: method, kids[0] receiver, kids[1..] arguments
  kNeg,         // kids[0]
  kNot,         // kids[0]
  kBinary,      // op, kids[0], kids[1]
  kAnd,
  kOr,
  kCoalesce,
  kCompare,   // op
  kInList,    // kids[0] subject, kids[1..] elements; negated
  kInRange,   // kids[0] subject, kids[1] lo or null, kids[2] hi or null; negated
  kInPeriod,  // kids[0] subject, text: `2026-Q4` or `2026-10`; negated
  kIf,        // kids: cond, then, else
  kCase,      // kids[0] scrutinee; arms
  kList,      // a list outside `in`: an error the checker reports
  kError,     // a part the parser could not read; already reported
};

enum class Op : unsigned char { kNone, kAdd, kSub, kMul, kDiv, kEq, kNe, kLt, kLe, kGt, kGe };

[[nodiscard]] const char* OpText(Op op);

struct Expr;

struct CaseArm {
  std::vector<const Expr*> patterns;  // empty for `else`
  const Expr* body = nullptr;
  Span span;
};

struct Expr {
  ExprKind kind = ExprKind::kError;
  NodeId id = 0;
  Span span;
  Op op = Op::kNone;
  bool negated = false;
  std::string text;
  std::string currency;  // money literals
  Span name_span;        // field, call and method names
  std::vector<const Expr*> kids;
  std::vector<CaseArm> arms;
};

struct TypeRef {
  std::string name;
  bool optional = false;
  Span span;
};

struct Name {
  std::string text;
  Span span;
};

enum class DeclKind : unsigned char {
  kProgram,
  kImport,
  kEnum,
  kRecord,
  kTable,
  kEvents,
  kParam,
  kLet,
  kFn,
  kTiers,
  kMetric,
  kFund,
  kLeaderboard,
  kRule,
  kTest
};

[[nodiscard]] const char* DeclKindWord(DeclKind kind);

struct Decl {
  explicit Decl(DeclKind k) : kind(k) {}
  virtual ~Decl() = default;
  Decl(const Decl&) = delete;
  Decl& operator=(const Decl&) = delete;

  DeclKind kind;
  NodeId id = 0;
  Span span;
  Name name;        // empty for program, import and test
  std::string doc;  // `///` lines directly above
};

struct ProgramDecl : Decl {
  ProgramDecl() : Decl(DeclKind::kProgram) {}
  std::string title;
  std::optional<Name> currency;
  std::optional<Name> period_from, period_to;  // date texts
  std::optional<Name> rounding;
};

struct ImportDecl : Decl {
  ImportDecl() : Decl(DeclKind::kImport) {}
  std::string path;
  Span path_span;
};

struct EnumDecl : Decl {
  EnumDecl() : Decl(DeclKind::kEnum) {}
  std::vector<Name> members;
};

struct FieldDecl {
  Name name;
  TypeRef type;
};

struct RecordDecl : Decl {
  RecordDecl() : Decl(DeclKind::kRecord) {}
  Name key;
  std::vector<FieldDecl> fields;
};

struct DataDecl : Decl {  // `table` and `events`
  DataDecl() : Decl(DeclKind::kTable) {}
  Name record;
};

struct ParamDecl : Decl {
  ParamDecl() : Decl(DeclKind::kParam) {}
  TypeRef type;
  const Expr* value = nullptr;
};

struct LetDecl : Decl {
  LetDecl() : Decl(DeclKind::kLet) {}
  const Expr* value = nullptr;
};

struct FnParam {
  Name name;
  TypeRef type;
};

struct FnDecl : Decl {
  FnDecl() : Decl(DeclKind::kFn) {}
  std::vector<FnParam> params;
  std::optional<TypeRef> result;
  const Expr* body = nullptr;
};

struct TierEntry {
  const Expr* threshold = nullptr;
  const Expr* value = nullptr;
};

struct TiersDecl : Decl {
  TiersDecl() : Decl(DeclKind::kTiers) {}
  std::vector<TierEntry> entries;
};

struct MetricDecl : Decl {
  MetricDecl() : Decl(DeclKind::kMetric) {}
  Name aggregate;
  const Expr* arg = nullptr;  // null for count()
  Name var, source;
  const Expr* where = nullptr;
  const Expr* by = nullptr;
};

struct FundDecl : Decl {
  FundDecl() : Decl(DeclKind::kFund) {}
  std::string label;
};

enum class PeriodUnit : unsigned char { kNone, kMonth, kQuarter, kYear };
[[nodiscard]] const char* PeriodUnitWord(PeriodUnit unit);

struct LeaderboardDecl : Decl {
  LeaderboardDecl() : Decl(DeclKind::kLeaderboard) {}
  std::string label;
  Name var, source;
  PeriodUnit every = PeriodUnit::kNone;
  const Expr* where = nullptr;
  const Expr* rank_by = nullptr;
  bool ascending = false;
  std::optional<std::string> top;
};

enum class EffectKind : unsigned char { kPay, kAccrue, kPoints, kBadge };
[[nodiscard]] const char* EffectKindWord(EffectKind kind);

struct Effect {
  EffectKind kind = EffectKind::kPay;
  const Expr* payee = nullptr;   // a path: name, field, field...
  const Expr* amount = nullptr;  // null for badges
  std::optional<Name> fund;      // `from` / `to`
  std::string badge;
  Span span;
};

struct RuleLet {
  Name name;
  const Expr* value = nullptr;
};

struct RuleDecl : Decl {
  RuleDecl() : Decl(DeclKind::kRule) {}
  std::string label;
  Name var, source;
  Span for_span;
  PeriodUnit every = PeriodUnit::kNone;
  bool at_start = false;
  std::vector<RuleLet> lets;
  const Expr* when = nullptr;
  std::vector<Effect> effects;
  const Expr* cap = nullptr;
  const Expr* budget = nullptr;
  bool has_effective = false;
  std::optional<Name> effective_from, effective_to;
  Span effective_span;
};

struct TestCell {
  enum class Kind : unsigned char { kLiteral, kName, kAbsent } kind = Kind::kLiteral;
  const Expr* literal = nullptr;  // kLiteral (a negative number is a kNeg over a literal)
  Name name;                      // kName
  Span span;
};

struct TestTable {
  Name name;
  std::vector<Name> header;
  std::vector<std::vector<TestCell>> rows;
  Span span;
};

struct TestExpect {
  Name subject;
  TestCell key;
  std::optional<Name> period;
  TestCell value;
  Span span;
};

struct TestDecl : Decl {
  TestDecl() : Decl(DeclKind::kTest) {}
  std::string title;
  std::vector<TestTable> tables;
  std::vector<std::pair<Name, TestCell>> params;
  std::vector<TestExpect> expects;
};

// A `//` or `///` comment, kept for the formatter (the checker ignores them).
struct Comment {
  Span span;
  std::string text;  // as written, from the slashes to the line end
};

// One parsed file. Owns every node; pointers stay valid while it lives.
class Module {
 public:
  // In source order.
  [[nodiscard]] const std::vector<Comment>& comments() const { return comments_; }
  void AddComment(Comment c) { comments_.push_back(std::move(c)); }

  explicit Module(const SourceFile* file) : file_(file) {}

  [[nodiscard]] const SourceFile* file() const { return file_; }
  [[nodiscard]] const std::vector<std::unique_ptr<Decl>>& decls() const { return decls_; }
  [[nodiscard]] NodeId node_count() const { return next_id_; }

  Expr* NewExpr(ExprKind kind, Span span);
  template <typename T>
  T* AddDecl(Span span) {
    auto d = std::make_unique<T>();
    d->id = next_id_++;
    d->span = span;
    T* raw = d.get();
    decls_.push_back(std::move(d));
    return raw;
  }

 private:
  const SourceFile* file_;
  std::vector<std::unique_ptr<Decl>> decls_;
  std::vector<std::unique_ptr<Expr>> exprs_;
  std::vector<Comment> comments_;
  NodeId next_id_ = 0;
};

}  // namespace incant::ast
