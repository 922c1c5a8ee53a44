#include "compiler/diag/sarif.h"

#include <fmt/format.h>

#include "compiler/diag/render.h"

namespace incant {
namespace {

// Repository-relative URIs: code scanning matches them against the checkout.
std::string Uri(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  return path;
}

}  // namespace

std::string RenderSarifResult(const Diagnostic& d) {
  LineCol at, end;
  std::string path;
  if (d.span.file != nullptr) {
    at = d.span.file->Locate(d.span.begin);
    end = d.span.file->Locate(d.span.end > d.span.begin ? d.span.end : d.span.begin);
    path = d.span.file->path();
  }
  const std::string text = d.help.empty() ? d.message : d.message + "\nhelp: " + d.help;
  return fmt::format(
      "{{\"ruleId\":\"{}\",\"level\":\"{}\",\"message\":{{\"text\":\"{}\"}},"
      "\"locations\":[{{\"physicalLocation\":{{\"artifactLocation\":{{\"uri\":\"{}\"}},"
      "\"region\":{{\"startLine\":{},\"startColumn\":{},\"endLine\":{},\"endColumn\":{}}}}}}}]}}",
      DiagCode(d.kind), d.severity == Severity::kError ? "error" : "warning", JsonEscape(text),
      JsonEscape(Uri(path)), at.line, at.column, end.line,
      end.line == at.line && end.column <= at.column ? at.column + 1 : end.column);
}

std::string RenderSarifLog(const std::vector<std::string>& results) {
  std::string rules;
  for (const DiagKind k : AllDiagKinds()) {
    if (!rules.empty()) rules += ",";
    rules += fmt::format(
        "{{\"id\":\"{0}\",\"name\":\"{0}\",\"defaultConfiguration\":{{\"level\":\"{1}\"}}}}",
        DiagCode(k), DefaultSeverity(k) == Severity::kError ? "error" : "warning");
  }
  std::string out =
      "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
      "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"incant\",\"semanticVersion\":\"0.1.0\","
      "\"rules\":[" +
      rules + "]}},\"results\":[";
  for (size_t i = 0; i < results.size(); ++i) {
    if (i > 0) out += ",";
    out += results[i];
  }
  out += "]}]}\n";
  return out;
}

}  // namespace incant
