// libFuzzer target: any bytes through the parser and the AST builder. Malformed
// programs must give diagnostics, never a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/diag/render.h"
#include "compiler/syntax/parse_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const incant::SourceFile file("fuzz.incant",
                                std::string(reinterpret_cast<const char*>(data), size));
  incant::Sink sink;
  auto module = incant::ParseFile(file, sink);
  // Rendering walks every span back to a line and column: it must stay in bounds.
  for (const incant::Diagnostic& d : sink.Sorted()) {
    (void)incant::RenderText(d);
    (void)incant::RenderJson(d);
  }
  return 0;
}
