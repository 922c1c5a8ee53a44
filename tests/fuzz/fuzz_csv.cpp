// libFuzzer target: any bytes as a CSV file for a record with every field kind
// (optional ones included). Bad cells must be reported, never crash; with
// --reject semantics every rejected row must name its line. The scanner read
// in small blocks (as files are) must see exactly what it sees in one piece.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "compiler/driver/compile.h"
#include "runtime/io/csv_reader.h"
#include "runtime/io/csv_scanner.h"

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

// Records (line, field count, length-prefixed fields) and the error as one string.
std::string Transcript(incant::io::CsvScanner& scanner) {
  std::string out;
  std::vector<std::string_view> fields;
  uint32_t line = 0;
  for (;;) {
    const auto st = scanner.Next(&fields, &line);
    if (st == incant::io::CsvScanner::Status::kEnd) return out;
    if (st == incant::io::CsvScanner::Status::kError) {
      return out + "error " + std::to_string(scanner.problem_line()) + scanner.problem();
    }
    out += std::to_string(line) + ':' + std::to_string(fields.size()) + ':';
    for (const std::string_view f : fields) out += std::to_string(f.size()) + ':' + std::string(f);
  }
}

void CheckStreaming(const std::string& text) {
  incant::io::CsvScanner whole(text);
  const std::string expected = Transcript(whole);
  const size_t block = text.empty() ? 1 : static_cast<unsigned char>(text[0]) % 13 + 1;
  size_t at = 0;
  incant::io::CsvScanner streamed([&](std::string* buffer) {
    if (at >= text.size()) return false;
    const size_t n = std::min(block, text.size() - at);
    buffer->append(text, at, n);
    at += n;
    return true;
  });
  if (Transcript(streamed) != expected) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const incant::bc::Program& program = Program();
  CheckStreaming(text);
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
