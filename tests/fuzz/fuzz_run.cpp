// libFuzzer target: any bytes as the sales file of two bundled examples, run
// through the whole engine (load, resolve references, timeline, VM, caps,
// budgets, funds; metrics, period closes and pro-rata budgets in the second).
// Bad data must be exit 2, arithmetic trouble exit 3; nothing else, and never
// a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "compiler/driver/compile.h"
#include "runtime/engine/engine.h"

namespace {

const std::string kExamples = std::string(INCANT_SOURCE_DIR) + "/examples/";

incant::bc::Program Compile(const std::string& example) {
  incant::Sink sink;
  incant::Compilation c = incant::CompileFile(kExamples + example + "/program.incant", sink);
  if (!c.program) std::abort();
  return std::move(*c.program);
}

void Check(const incant::engine::RunReport& report) {
  if (report.exit_code != incant::engine::kOk && report.exit_code != incant::engine::kBadInput &&
      report.exit_code != incant::engine::kRuntimeError) {
    std::abort();
  }
  if (report.exit_code != incant::engine::kOk && report.errors.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string sales = "/tmp/incant-fuzz-sales-" + std::to_string(getpid()) + ".csv";
  {
    std::ofstream out(sales, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  static const incant::bc::Program acme = Compile("acme_partner_program");
  static const incant::bc::Program rebate = Compile("quarterly_rebate");
  incant::engine::RunOptions options;
  const std::string ex = kExamples + "acme_partner_program/data/";
  options.inputs = {
      {"partners", ex + "partners.csv"}, {"sales", sales}, {"claims", ex + "claims.csv"}};
  Check(incant::engine::Run(acme, options));
  options.inputs = {{"partners", kExamples + "quarterly_rebate/data/partners.csv"},
                    {"sales", sales}};
  Check(incant::engine::Run(rebate, options));
  return 0;
}
