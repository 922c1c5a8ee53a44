// libFuzzer target: any bytes as a CSV file for a record with every field kind
// (optional ones included). Bad cells must be reported, never crash; with
// --reject semantics every rejected row must name its line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/driver/compile.h"
#include "runtime/io/csv_reader.h"

namespace {

constexpr const char* kProgram = R"(
program "fuzz" {
  currency USD
  period 2026-01-01 .. 2026-12-31
}
enum Tier { gold, silver }
record Row key id {
  id: Int
  name: Text
  tier: Tier
  rate: Decimal
  amount: Money
  date: Date
  active: Bool
  note: Text?
  bonus: Money?
  since: Date?
}
table rows: Row

)";

const incant::bc::Program& Program() {
  static const incant::bc::Program program = [] {
    incant::Sink sink;
    incant::Compilation c = incant::CompileText("fuzz.incant", kProgram, sink);
    if (!c.program) std::abort();  // the program above must compile
    return std::move(*c.program);
  }();
  return program;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const incant::bc::Program& program = Program();
  for (const bool reject : {false, true}) {
    incant::TextPool texts;
    incant::io::LoadOptions options;
    options.reject = reject;
    options.on_reject = [](const incant::io::InputError& e, const std::vector<std::string>&) {
      if (e.path.empty() || e.line == 0) std::abort();  // every report names a line
    };
    incant::io::DataSet out;
    incant::io::InputError error;
    const bool ok =
        incant::io::LoadCsvText("rows.csv", text, program, 0, texts, options, &out, &error);
    if (!ok && error.message.empty()) std::abort();  // a failure always says why
    if (ok && out.lines.size() != out.rows) std::abort();
  }
  return 0;
}
