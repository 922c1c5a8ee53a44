// libFuzzer target: any bytes as the sales file of the bundled example, run
// through the whole engine (load, resolve references, timeline, VM, caps,
// budgets, funds). Bad data must be exit 2, arithmetic trouble exit 3; nothing
// else, and never a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "compiler/driver/compile.h"
#include "runtime/engine/engine.h"

namespace {

const std::string kExample = std::string(INCANT_SOURCE_DIR) + "/examples/acme_partner_program";

const incant::bc::Program& Program() {
  static const incant::bc::Program program = [] {
    incant::Sink sink;
    incant::Compilation c = incant::CompileFile(kExample + "/program.incant", sink);
    if (!c.program) std::abort();
    return std::move(*c.program);
  }();
  return program;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string sales = "/tmp/incant-fuzz-sales-" + std::to_string(getpid()) + ".csv";
  {
    std::ofstream out(sales, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  incant::engine::RunOptions options;
  options.inputs = {{"partners", kExample + "/data/partners.csv"},
                    {"sales", sales},
                    {"claims", kExample + "/data/claims.csv"}};
  const incant::engine::RunReport report = incant::engine::Run(Program(), options);
  if (report.exit_code != incant::engine::kOk && report.exit_code != incant::engine::kBadInput &&
      report.exit_code != incant::engine::kRuntimeError) {
    std::abort();
  }
  if (report.exit_code != incant::engine::kOk && report.errors.empty()) std::abort();
  return 0;
}
