// libFuzzer target: any bytes through the parser and the AST builder. Malformed
// programs must give diagnostics, never a crash, a hang or a sanitizer report.
// Whatever parses is also formatted: the output must parse again and be a
// fixed point of the formatter.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/diag/render.h"
#include "compiler/format/format.h"
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
  if (sink.HasErrors()) return 0;
  const std::string once = incant::FormatModule(file, *module);
  const incant::SourceFile again("fuzz.incant", once);
  incant::Sink sink2;
  auto module2 = incant::ParseFile(again, sink2);
  if (sink2.HasErrors()) std::abort();  // the formatter wrote something that does not parse
  if (incant::FormatModule(again, *module2) != once) std::abort();  // not a fixed point
  return 0;
}
