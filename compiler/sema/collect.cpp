// Declarations: the program header, types, data sets and the global namespace.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/sema/checker.h"

namespace incant::sema {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

template <typename T>
std::vector<const T*> DeclsOf(const CheckedProgram& p, ast::DeclKind kind) {
  std::vector<const T*> out;
  for (const auto& m : p.modules) {
    for (const auto& d : m->decls()) {
      if (d->kind == kind) out.push_back(static_cast<const T*>(d.get()));
    }
  }
  return out;
}

}  // namespace

std::string Checker::Suggest(const std::string& name, const std::vector<std::string>& pool) const {
  std::string best;
  size_t best_d = std::max<size_t>(2, name.size() / 3) + 1;
  for (const std::string& c : pool) {
    const size_t d = EditDistance(name, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best.empty() ? "" : fmt::format("did you mean `{}`?", best);
}

std::vector<std::string> Checker::GlobalNames() const {
  std::vector<std::string> out;
  for (const auto& [name, sym] : globals_) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

const Symbol* Checker::Lookup(const std::string& name) const {
  const auto it = globals_.find(name);
  return it == globals_.end() ? nullptr : &it->second;
}

void Checker::Declare(const std::string& name, Span span, Symbol sym) {
  if (name.empty()) return;
  sym.span = span;
  // `expect total ...` and `expect points ...` must stay unambiguous (brief §9).
  const ast::DeclKind k = sym.decl != nullptr ? sym.decl->kind : ast::DeclKind::kTest;
  if ((name == "total" || name == "points") &&
      (k == ast::DeclKind::kRule || k == ast::DeclKind::kMetric || k == ast::DeclKind::kFund)) {
    sink_.Report(
        DiagKind::kDuplicateName, span,
        fmt::format("`{}` cannot name a {}: `expect {} for ...` in tests means the "
                    "payee's {}",
                    name, ast::DeclKindWord(k), name, name == "total" ? "total pay" : "points"),
        "pick another name");
  }
  const auto [it, inserted] = globals_.emplace(name, sym);
  if (!inserted) {
    const LineCol at =
        it->second.span.file ? it->second.span.file->Locate(it->second.span.begin) : LineCol{};
    sink_.Report(DiagKind::kDuplicateName, span,
                 fmt::format("`{}` is already declared (at {}:{})", name,
                             it->second.span.file ? it->second.span.file->path() : "?", at.line),
                 "a name is declared once in a program and its imports");
  }
}

void Checker::CollectProgram() {
  const auto programs = DeclsOf<ast::ProgramDecl>(p_, ast::DeclKind::kProgram);
  const SourceFile* main = p_.modules.empty() ? nullptr : p_.modules[0]->file();
  if (programs.empty()) {
    sink_.Report(DiagKind::kProgramDecl, Span{main, 0, 0}, "this file has no `program` declaration",
                 "add `program \"Title\" { currency USD  period 2026-01-01 .. 2026-12-31 }`");
    return;
  }
  for (size_t i = 1; i < programs.size(); ++i) {
    sink_.Report(DiagKind::kProgramDecl, programs[i]->span,
                 "a program has exactly one `program` declaration");
  }
  const ast::ProgramDecl& pd = *programs[0];
  if (pd.span.file != main) {
    sink_.Report(DiagKind::kImportError, pd.span, "an imported file may not declare `program`");
  }
  p_.title = pd.title;
  if (!pd.currency) {
    sink_.Report(DiagKind::kProgramDecl, pd.span,
                 "`program` needs a `currency` (e.g. `currency USD`)");
  } else {
    p_.currency = pd.currency->text;
    if (p_.currency.size() != 3 || !std::all_of(p_.currency.begin(), p_.currency.end(),
                                                [](char c) { return c >= 'A' && c <= 'Z'; })) {
      sink_.Report(DiagKind::kProgramDecl, pd.currency->span,
                   fmt::format("`{}` is not an ISO 4217 currency code", p_.currency),
                   "write three upper-case letters, e.g. `USD` or `EUR`");
    }
    // Minor units: the common zero-decimal currencies; everything else has two.
    static const char* kZero[] = {"JPY", "KRW", "CLP", "ISK", "VND", "XOF", "XAF", "UGX", "PYG"};
    for (const char* z : kZero) {
      if (p_.currency == z) p_.minor_digits = 0;
    }
    static const char* kThree[] = {"BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"};
    for (const char* t : kThree) {
      if (p_.currency == t) p_.minor_digits = 3;
    }
  }
  if (!pd.period_from || !pd.period_to) {
    sink_.Report(DiagKind::kProgramDecl, pd.span,
                 "`program` needs a `period` (e.g. `period 2026-01-01 .. 2026-12-31`)");
  } else {
    const bool ok_from = Date::Parse(pd.period_from->text, &p_.period_from);
    const bool ok_to = Date::Parse(pd.period_to->text, &p_.period_to);
    if (!ok_from) {
      sink_.Report(DiagKind::kInvalidLiteral, pd.period_from->span,
                   fmt::format("`{}` is not a calendar date", pd.period_from->text));
    }
    if (!ok_to) {
      sink_.Report(DiagKind::kInvalidLiteral, pd.period_to->span,
                   fmt::format("`{}` is not a calendar date", pd.period_to->text));
    }
    if (ok_from && ok_to && p_.period_to < p_.period_from) {
      sink_.Report(DiagKind::kProgramDecl, pd.period_to->span,
                   "the program period ends before it starts");
    }
  }
  if (pd.rounding) {
    if (auto mode = ParseRounding(pd.rounding->text)) {
      p_.rounding = *mode;
    } else {
      sink_.Report(DiagKind::kProgramDecl, pd.rounding->span,
                   fmt::format("unknown rounding mode `{}`", pd.rounding->text),
                   "use `half_up`, `half_even`, `down` or `up`");
    }
  }
}

Type Checker::ResolveType(const ast::TypeRef& ref) {
  static const std::pair<const char*, TypeKind> kBuiltins[] = {
      {"Int", TypeKind::kInt},   {"Decimal", TypeKind::kDecimal}, {"Money", TypeKind::kMoney},
      {"Bool", TypeKind::kBool}, {"Text", TypeKind::kText},       {"Date", TypeKind::kDate}};
  for (const auto& [name, kind] : kBuiltins) {
    if (ref.name == name) return Type::Of(kind, ref.optional);
  }
  if (auto it = record_index_.find(ref.name); it != record_index_.end()) {
    return Type{TypeKind::kRecord, ref.optional, it->second};
  }
  if (auto it = enum_index_.find(ref.name); it != enum_index_.end()) {
    return Type{TypeKind::kEnum, ref.optional, it->second};
  }
  if (ref.name.empty()) return Type::Error();
  std::vector<std::string> pool = {"Int", "Decimal", "Money", "Bool", "Text", "Date"};
  for (const auto& [n, i] : record_index_) pool.push_back(n);
  for (const auto& [n, i] : enum_index_) pool.push_back(n);
  sink_.Report(DiagKind::kUnknownName, ref.span, fmt::format("unknown type `{}`", ref.name),
               Suggest(ref.name, pool));
  return Type::Error();
}

void Checker::CollectTypes() {
  for (const ast::EnumDecl* e : DeclsOf<ast::EnumDecl>(p_, ast::DeclKind::kEnum)) {
    if (enum_index_.count(e->name.text) || record_index_.count(e->name.text)) {
      sink_.Report(DiagKind::kDuplicateName, e->name.span,
                   fmt::format("type `{}` is already declared", e->name.text));
      continue;
    }
    const int idx = static_cast<int>(p_.enums.size());
    enum_index_[e->name.text] = idx;
    EnumInfo info{e->name.text, {}};
    for (const ast::Name& m : e->members) {
      Declare(m.text, m.span, Symbol{RefKind::kEnumMember, idx, e, {}});
      enum_members_[m.text] = {idx, static_cast<int>(info.members.size())};
      info.members.push_back(m.text);
    }
    p_.enums.push_back(std::move(info));
  }
  const auto records = DeclsOf<ast::RecordDecl>(p_, ast::DeclKind::kRecord);
  for (const ast::RecordDecl* r : records) {
    if (enum_index_.count(r->name.text) || record_index_.count(r->name.text)) {
      sink_.Report(DiagKind::kDuplicateName, r->name.span,
                   fmt::format("type `{}` is already declared", r->name.text));
      continue;
    }
    record_index_[r->name.text] = static_cast<int>(p_.records.size());
    p_.records.push_back(RecordInfo{r->name.text, {}, -1, -1});
  }
  for (const ast::RecordDecl* r : records) {
    const auto it = record_index_.find(r->name.text);
    RecordInfo& info = p_.records[static_cast<size_t>(it->second)];
    if (!info.fields.empty()) continue;  // a duplicate record declaration
    for (const ast::FieldDecl& f : r->fields) {
      if (info.FieldIndex(f.name.text) >= 0) {
        sink_.Report(DiagKind::kDuplicateName, f.name.span,
                     fmt::format("record `{}` already has a field `{}`", info.name, f.name.text));
        continue;
      }
      info.fields.push_back(FieldInfo{f.name.text, ResolveType(f.type)});
    }
    info.key_field = info.FieldIndex(r->key.text);
    if (info.key_field < 0) {
      sink_.Report(
          DiagKind::kRecordKey, r->key.span,
          fmt::format("record `{}` has no field `{}` to use as its key", info.name, r->key.text));
      info.key_field = 0;
      if (info.fields.empty()) info.fields.push_back(FieldInfo{"<key>", Type::Of(TypeKind::kText)});
    } else {
      const Type kt = info.fields[static_cast<size_t>(info.key_field)].type;
      if ((kt.kind != TypeKind::kText && kt.kind != TypeKind::kInt && !kt.IsError()) ||
          kt.optional) {
        sink_.Report(DiagKind::kRecordKey, r->key.span,
                     fmt::format("the key of `{}` must be a `Text` or `Int` field, not `{}`",
                                 info.name, TypeName(kt)));
      }
    }
  }
}

void Checker::CollectDataSets() {
  for (const auto& m : p_.modules) {
    for (const auto& d : m->decls()) {
      if (d->kind != ast::DeclKind::kTable && d->kind != ast::DeclKind::kEvents) continue;
      const auto* dd = static_cast<const ast::DataDecl*>(d.get());
      DataSetInfo info{dd->name.text, -1, d->kind == ast::DeclKind::kEvents, -1, dd};
      const Type rt = ResolveType(ast::TypeRef{dd->record.text, false, dd->record.span});
      if (!rt.IsError() && rt.kind != TypeKind::kRecord) {
        sink_.Report(DiagKind::kTypeMismatch, dd->record.span,
                     fmt::format("`{}` is not a record type", dd->record.text));
      } else if (!rt.IsError()) {
        info.record = rt.index;
        RecordInfo& rec = p_.records[static_cast<size_t>(rt.index)];
        if (rec.dataset >= 0) {
          sink_.Report(DiagKind::kDuplicateName, dd->record.span,
                       fmt::format("record `{}` is already held by `{}`; references to it would be "
                                   "ambiguous",
                                   rec.name, p_.datasets[static_cast<size_t>(rec.dataset)].name),
                       "declare one table or events stream per record type");
        } else {
          rec.dataset = static_cast<int>(p_.datasets.size());
        }
        if (info.is_events) {
          info.date_field = rec.FieldIndex("date");
          if (info.date_field < 0 ||
              rec.fields[static_cast<size_t>(info.date_field)].type != Type::Of(TypeKind::kDate)) {
            sink_.Report(DiagKind::kEventsWithoutDate, dd->span,
                         fmt::format("events `{}` need a field `date: Date` in record `{}`",
                                     dd->name.text, rec.name),
                         "every event is placed on the timeline by its date");
            info.date_field = -1;
          }
        }
      }
      Declare(dd->name.text, dd->name.span,
              Symbol{RefKind::kNone, static_cast<int>(p_.datasets.size()), dd, {}});
      p_.datasets.push_back(info);
    }
  }
}

void Checker::Collect() {
  CollectProgram();
  CollectTypes();
  CollectDataSets();
  for (const auto& m : p_.modules) {
    for (const auto& d : m->decls()) {
      switch (d->kind) {
        case ast::DeclKind::kParam: {
          const auto* pd = static_cast<const ast::ParamDecl*>(d.get());
          Declare(pd->name.text, pd->name.span,
                  Symbol{RefKind::kParam, static_cast<int>(p_.params.size()), pd, {}});
          p_.params.push_back(ParamInfo{pd->name.text, ResolveType(pd->type), pd, false});
          break;
        }
        case ast::DeclKind::kLet: {
          const auto* ld = static_cast<const ast::LetDecl*>(d.get());
          Declare(ld->name.text, ld->name.span,
                  Symbol{RefKind::kLet, static_cast<int>(p_.lets.size()), ld, {}});
          p_.lets.push_back(LetInfo{ld->name.text, Type::Error(), ld});
          break;
        }
        case ast::DeclKind::kFn: {
          const auto* fd = static_cast<const ast::FnDecl*>(d.get());
          Declare(fd->name.text, fd->name.span,
                  Symbol{RefKind::kFn, static_cast<int>(p_.fns.size()), fd, {}});
          FnInfo info{fd->name.text, {}, Type::Error(), fd};
          for (const ast::FnParam& prm : fd->params) info.params.push_back(ResolveType(prm.type));
          if (fd->result) info.result = ResolveType(*fd->result);
          p_.fns.push_back(std::move(info));
          break;
        }
        case ast::DeclKind::kFund: {
          const auto* fd = static_cast<const ast::FundDecl*>(d.get());
          Declare(fd->name.text, fd->name.span,
                  Symbol{RefKind::kFund, static_cast<int>(p_.funds.size()), fd, {}});
          p_.funds.push_back(FundInfo{fd->name.text, fd->label, fd});
          break;
        }
        case ast::DeclKind::kTiers: {
          const auto* td = static_cast<const ast::TiersDecl*>(d.get());
          Declare(td->name.text, td->name.span,
                  Symbol{RefKind::kTiers, static_cast<int>(p_.tiers.size()), td, {}});
          p_.tiers.push_back(TiersInfo{td->name.text, Type::Error(), Type::Error(), td});
          break;
        }
        case ast::DeclKind::kMetric: {
          const auto* md = static_cast<const ast::MetricDecl*>(d.get());
          Declare(md->name.text, md->name.span,
                  Symbol{RefKind::kMetric, static_cast<int>(p_.metrics.size()), md, {}});
          MetricInfo info;
          info.name = md->name.text;
          info.decl = md;
          p_.metrics.push_back(std::move(info));
          break;
        }
        case ast::DeclKind::kLeaderboard: {
          const auto* ld = static_cast<const ast::LeaderboardDecl*>(d.get());
          Declare(ld->name.text, ld->name.span,
                  Symbol{RefKind::kLeaderboard, static_cast<int>(p_.leaderboards.size()), ld, {}});
          LeaderboardInfo info;
          info.name = ld->name.text;
          info.decl = ld;
          p_.leaderboards.push_back(std::move(info));
          break;
        }
        case ast::DeclKind::kRule: {
          const auto* rd = static_cast<const ast::RuleDecl*>(d.get());
          Declare(rd->name.text, rd->name.span, Symbol{RefKind::kNone, -1, rd, {}});
          RuleInfo info;
          info.name = rd->name.text;
          info.decl = rd;
          p_.rules.push_back(std::move(info));
          break;
        }
        case ast::DeclKind::kTest:
          p_.tests.push_back(TestInfo{static_cast<const ast::TestDecl*>(d.get())->title,
                                      static_cast<const ast::TestDecl*>(d.get()),
                                      {},
                                      {},
                                      {}});
          break;
        default:
          break;
      }
    }
  }
}

void Checker::Run() {
  Collect();
  CheckFns();
  CheckValues();
  CheckRecursion();
  CheckTiers();
  CheckMetrics();
  CheckLeaderboards();
  CheckRules();
  CheckTests();
  // Lints only on a program that checks: next to errors they are mostly noise.
  if (!sink_.HasErrors()) Lint();
}

bool Check(CheckedProgram& out, Sink& sink) {
  Checker checker(out, sink);
  checker.Run();
  return !sink.HasErrors();
}

}  // namespace incant::sema
