// libFuzzer target: any bytes through the whole compiler (parse, check, lower,
// verify). Whatever the checker accepts must lower to bytecode the verifier
// accepts; anything else must be a diagnostic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/diag/render.h"
#include "compiler/driver/compile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  incant::Sink sink;
  // A path in a directory that does not exist: imports fail cleanly, never read the disk.
  const incant::Compilation c =
      incant::CompileText("/nonexistent-incant-fuzz/fuzz.incant", text, sink);
  for (const incant::Diagnostic& d : sink.Sorted()) (void)incant::RenderText(d);
  // Lowering reports a failed verification as an "internal error" diagnostic.
  for (const incant::Diagnostic& d : sink.all()) {
    if (d.message.rfind("internal error", 0) == 0) std::abort();
  }
  if (!sink.HasErrors() && !c.program) std::abort();
  return 0;
}
