#include "compiler/diag/diagnostic.h"

#include <algorithm>

namespace incant {

Severity DefaultSeverity(DiagKind kind) {
  switch (kind) {
#define X(name, severity, code) \
  case DiagKind::k##name:       \
    return Severity::severity;
#include "compiler/diag/diagnostic_kinds.def"
#undef X
  }
  return Severity::kError;
}

const char* DiagCode(DiagKind kind) {
  switch (kind) {
#define X(name, severity, code) \
  case DiagKind::k##name:       \
    return code;
#include "compiler/diag/diagnostic_kinds.def"
#undef X
  }
  return "unknown";
}

std::vector<DiagKind> AllDiagKinds() {
  return {
#define X(name, severity, code) DiagKind::k##name,
#include "compiler/diag/diagnostic_kinds.def"
#undef X
  };
}

void Sink::Report(DiagKind kind, Span span, std::string message, std::string help) {
  const Severity severity = DefaultSeverity(kind);
  if (severity == Severity::kError) ++errors_;
  diags_.push_back(Diagnostic{kind, severity, span, std::move(message), std::move(help)});
}

int Sink::WarningCount() const {
  return static_cast<int>(std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kWarning;
  }));
}

void Sink::PromoteWarnings() {
  for (Diagnostic& d : diags_) {
    if (d.severity == Severity::kWarning) {
      d.severity = Severity::kError;
      ++errors_;
    }
  }
}

std::vector<Diagnostic> Sink::Sorted() const {
  std::vector<Diagnostic> out = diags_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::string& pa = a.span.file ? a.span.file->path() : std::string();
    const std::string& pb = b.span.file ? b.span.file->path() : std::string();
    if (pa != pb) return pa < pb;
    return a.span.begin < b.span.begin;
  });
  return out;
}

}  // namespace incant
