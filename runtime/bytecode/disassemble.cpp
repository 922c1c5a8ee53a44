#include "runtime/bytecode/disassemble.h"

#include <fmt/format.h>

#include <sstream>

namespace incant::bc {
namespace {

std::string ConstText(const Program& p, uint16_t k) {
  if (k >= p.constants.size()) return "?";
  const Value v = p.constants[k];
  if (v.IsAbsent()) return "absent";
  return v.AsDec().ToString() + " (raw " +
         std::to_string(static_cast<long long>(static_cast<int64_t>(v.raw))) + ")";
}

}  // namespace

std::string Disassemble(const Program& p, const Function& f) {
  std::string out = fmt::format("function {} ({} registers)\n", f.name, f.num_regs);
  for (size_t pc = 0; pc < f.code.size(); ++pc) {
    const Instr& in = f.code[pc];
    std::string line =
        fmt::format("  {:4}  {:<13} {:>5} {:>5} {:>5}", pc, OpName(in.op), in.a, in.b, in.c);
    if (in.op == Op::kLoadK) line += "    ; " + ConstText(p, in.b);
    if (pc < f.locs.size() && f.locs[pc] < p.locs.size()) {
      const SourceLoc& l = p.locs[f.locs[pc]];
      line = fmt::format("{:<60} @{}:{}", line, l.line, l.column);
    }
    out += line + "\n";
  }
  return out;
}

std::string Disassemble(const Program& p) {
  std::string out = fmt::format("program \"{}\" {} globals, {} constants\n", p.title, p.num_globals,
                                p.constants.size());
  for (size_t i = 0; i < p.texts.size(); ++i)
    out += fmt::format("  text {} = \"{}\"\n", i, p.texts[i]);
  out += Disassemble(p, p.init);
  for (const RuleDesc& r : p.rules) out += Disassemble(p, r.fn);
  return out;
}

}  // namespace incant::bc
