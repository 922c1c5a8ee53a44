#pragma once
// A diagnostic: kind, severity, primary span, message, optional help. Stages
// report into a Sink and never print; the CLI renders (text or JSON).
#include <string>
#include <vector>

#include "compiler/source/source_file.h"

namespace incant {

enum class Severity : unsigned char { kError, kWarning };

enum class DiagKind : unsigned char {
#define X(name, severity, code) k##name,
#include "compiler/diag/diagnostic_kinds.def"
#undef X
};

[[nodiscard]] Severity DefaultSeverity(DiagKind kind);
[[nodiscard]] const char* DiagCode(DiagKind kind);
[[nodiscard]] std::vector<DiagKind> AllDiagKinds();

struct Diagnostic {
  DiagKind kind;
  Severity severity;
  Span span;
  std::string message;
  std::string help;  // empty when there is nothing to suggest
};

class Sink {
 public:
  void Report(DiagKind kind, Span span, std::string message, std::string help = {});
  [[nodiscard]] bool HasErrors() const { return errors_ > 0; }
  [[nodiscard]] int ErrorCount() const { return errors_; }
  [[nodiscard]] int WarningCount() const;
  // Sorted by file, then position; stable for equal positions.
  [[nodiscard]] std::vector<Diagnostic> Sorted() const;
  [[nodiscard]] const std::vector<Diagnostic>& all() const { return diags_; }
  // Warnings become errors (`--werror`).
  void PromoteWarnings();

 private:
  std::vector<Diagnostic> diags_;
  int errors_ = 0;
};

}  // namespace incant
