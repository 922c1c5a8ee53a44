#include "runtime/bytecode/verify.h"

#include <fmt/format.h>

#include <optional>

namespace incant::bc {
namespace {

// The kind of global column `c`, or nullopt when no data set owns it.
std::optional<ColumnKind> KindOfColumn(const Program& p, int c) {
  for (const DataSetDesc& d : p.datasets) {
    const int field = c - d.first_column;
    if (field >= 0 && field < static_cast<int>(d.fields.size()))
      return d.fields[static_cast<size_t>(field)].column_kind();
  }
  return std::nullopt;
}

std::string VerifyFunction(const Program& p, const Function& f, const RuleDesc* rule) {
  const size_t n = f.code.size();
  if (n == 0 || f.code.back().op != Op::kReturn)
    return fmt::format("{}: does not end in Return", f.name);
  if (f.locs.size() != n) return fmt::format("{}: location table size mismatch", f.name);
  for (size_t pc = 0; pc < n; ++pc) {
    const Instr& in = f.code[pc];
    auto reg = [&](uint16_t r) { return r < f.num_regs; };
    auto bad = [&](const char* what) {
      return fmt::format("{}@{}: {} {} out of range", f.name, pc, OpName(in.op), what);
    };
    switch (in.op) {
      case Op::kLoadK:
        if (!reg(in.a) || in.b >= p.constants.size()) return bad("operand");
        break;
      case Op::kLoadGlobal:
        if (!reg(in.a) || in.b >= p.num_globals) return bad("operand");
        break;
      case Op::kStoreGlobal:
        if (in.a >= p.num_globals || !reg(in.b)) return bad("operand");
        break;
      case Op::kFieldI32:
      case Op::kFieldI64:
      case Op::kFieldDec:
        if (!reg(in.a) || !reg(in.b) || in.c >= p.num_columns) return bad("operand");
        // The back ends read the cell at the opcode's width without looking at the column.
        if (KindOfColumn(p, in.c) != (in.op == Op::kFieldI32   ? ColumnKind::kI32
                                      : in.op == Op::kFieldI64 ? ColumnKind::kI64
                                                               : ColumnKind::kDec))
          return fmt::format("{}@{}: {} on a column of another width", f.name, pc, OpName(in.op));
        break;
      case Op::kJump:
        if (in.a >= n) return bad("jump target");
        break;
      case Op::kJumpIfFalse:
      case Op::kJumpIfTrue:
      case Op::kJumpIfAbsent:
      case Op::kJumpIfPresent:
        if (!reg(in.a) || in.b >= n) return bad("operand");
        break;
      case Op::kFundBalance:
        if (!reg(in.a) || !reg(in.b) || in.c >= p.funds.size()) return bad("operand");
        break;
      case Op::kMetricAdd:
        if (in.a >= p.metrics.size() || !reg(in.b) || !reg(in.c)) return bad("operand");
        break;
      case Op::kMetric:
        if (!reg(in.a) || !reg(in.b) || in.c >= p.metric_sites.size()) return bad("operand");
        break;
      case Op::kRank:
        if (!reg(in.a) || !reg(in.b) || in.c >= p.leaderboards.size()) return bad("operand");
        break;
      case Op::kTierAt:
      case Op::kTierIndex:
      case Op::kTierMarginal:
        if (!reg(in.a) || !reg(in.b) || in.c >= p.tiers.size()) return bad("operand");
        break;
      case Op::kTierCheck:
        if (in.a >= p.tiers.size()) return bad("operand");
        break;
      case Op::kEmit:
        if (rule == nullptr || in.a >= rule->effects.size() || !reg(in.b) || !reg(in.c))
          return bad("operand");
        break;
      case Op::kTextTest:
        if (!reg(in.a) || !reg(in.b) || in.b + 1 >= f.num_regs) return bad("operand");
        break;
      case Op::kReturn:
        break;
      default:
        if (!reg(in.a) || !reg(in.b) ||
            (std::string_view(OpOperands(in.op)) == "a b c" && !reg(in.c))) {
          return bad("register");
        }
    }
  }
  return "";
}

}  // namespace

std::string Verify(const Program& p) {
  if (std::string e = VerifyFunction(p, p.init, nullptr); !e.empty()) return e;
  for (const RuleDesc& r : p.rules) {
    if (std::string e = VerifyFunction(p, r.fn, &r); !e.empty()) return e;
    for (const EffectDesc& eff : r.effects) {
      if (eff.fund >= static_cast<int>(p.funds.size())) return r.name + ": fund out of range";
    }
  }
  for (const MetricDesc& m : p.metrics) {
    if (std::string e = VerifyFunction(p, m.feed, nullptr); !e.empty()) return e;
  }
  for (const LeaderboardDesc& lb : p.leaderboards) {
    if (std::string e = VerifyFunction(p, lb.fn, nullptr); !e.empty()) return e;
    if (lb.fn.num_regs < 2) return lb.name + ": no score register";
  }
  for (const MetricSite& s : p.metric_sites) {
    if (s.metric < 0 || static_cast<size_t>(s.metric) >= p.metrics.size())
      return "metric site out of range";
  }
  for (const TierDesc& t : p.tiers) {
    if (t.base + 2 * t.size > p.num_globals) return t.name + ": tier globals out of range";
  }
  return "";
}

}  // namespace incant::bc
