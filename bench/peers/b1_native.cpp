// Workload B1 (shared/design/benchmark.md) written by hand in C++ for exactly
// these six rules: the native ceiling a general engine is measured against.
// Single-threaded, exact integer cents, half away from zero per line.
//   usage: b1_native PARTNERS.csv SALES.csv OUT.csv
// OUT: rule,payee,period,amount (per quarter of the line's date), sorted.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

std::string ReadAll(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) {
    std::perror(path);
    std::exit(2);
  }
  std::fseek(f, 0, SEEK_END);
  std::string s(static_cast<size_t>(std::ftell(f)), '\0');
  std::fseek(f, 0, SEEK_SET);
  if (std::fread(s.data(), 1, s.size(), f) != s.size()) std::exit(2);
  std::fclose(f);
  return s;
}

// Splits one CSV line (RFC 4180 quotes; the caller owns `scratch` for unescaping).
size_t SplitLine(std::string_view text, size_t i, std::vector<std::string_view>* out,
                 std::string* scratch) {
  out->clear();
  scratch->clear();
  scratch->reserve(text.size() > i ? 256 : 0);
  for (;;) {
    if (i < text.size() && text[i] == '"') {
      const size_t start = scratch->size();
      ++i;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            scratch->push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        scratch->push_back(text[i++]);
      }
      out->emplace_back(scratch->data() + start, scratch->size() - start);
    } else {
      const size_t start = i;
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
      out->emplace_back(text.data() + start, i - start);
    }
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    while (i < text.size() && (text[i] == '\r' || text[i] == '\n')) ++i;
    return i;
  }
}

int64_t ParseInt(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  int64_t v = 0;
  for (size_t i = neg ? 1 : 0; i < s.size(); ++i) v = v * 10 + (s[i] - '0');
  return neg ? -v : v;
}

// "1234.50" -> 123450 cents (the generator writes two decimals).
int64_t ParseCents(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  int64_t v = 0;
  int frac = -1;
  for (size_t i = neg ? 1 : 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      frac = 0;
      continue;
    }
    v = v * 10 + (s[i] - '0');
    if (frac >= 0) ++frac;
  }
  while (frac < 2) {
    v *= 10;
    frac = frac < 0 ? 1 : frac + 1;
  }
  return neg ? -v : v;
}

// n / d rounded half away from zero (d > 0).
int64_t RoundDiv(__int128 n, int64_t d) {
  const __int128 a = n < 0 ? -n : n;
  const auto q = static_cast<int64_t>((a + d / 2) / d);
  return n < 0 ? -q : q;
}

enum Rule { kCommission, kSpif, kOverride, kCoop, kRebate, kGrowth, kRules };
const char* const kRuleNames[kRules] = {"commission",   "spif",   "override",
                                        "coop_accrual", "rebate", "growth"};

struct SpifLine {
  int32_t date;  // yyyymmdd
  int64_t id;
  int32_t partner;
  int64_t cents;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: b1_native PARTNERS.csv SALES.csv OUT.csv\n");
    return 64;
  }
  std::vector<std::string_view> f;
  std::string scratch;
  // Partners: key -> index, tier multiplier (x100), coop flag, parent index.
  const std::string ptext = ReadAll(argv[1]);
  std::vector<std::string> keys;
  std::unordered_map<std::string, int32_t> index;
  std::vector<int32_t> mult, parent_key;
  std::vector<uint8_t> coop;
  std::vector<std::string> parent_text;
  size_t i = SplitLine(ptext, 0, &f, &scratch);  // header
  while (i < ptext.size()) {
    i = SplitLine(ptext, i, &f, &scratch);
    if (f.size() < 6) continue;
    const auto id = static_cast<int32_t>(keys.size());
    keys.emplace_back(f[0]);
    index.emplace(keys.back(), id);
    const std::string_view tier = f[2];
    mult.push_back(tier == "platinum" ? 150 : tier == "gold" ? 125 : tier == "silver" ? 110 : 100);
    coop.push_back(tier == "platinum" || tier == "gold" ? 1 : 0);
    parent_text.emplace_back(f[5]);
  }
  const auto n = static_cast<int32_t>(keys.size());
  std::vector<int32_t> parent(static_cast<size_t>(n), -1);
  for (int32_t p = 0; p < n; ++p) {
    if (!parent_text[static_cast<size_t>(p)].empty()) {
      parent[static_cast<size_t>(p)] = index.at(parent_text[static_cast<size_t>(p)]);
    }
  }
  // Totals per rule, partner and quarter, in cents.
  std::vector<std::array<int64_t, 4>> total(static_cast<size_t>(kRules) * static_cast<size_t>(n),
                                            {0, 0, 0, 0});
  std::vector<std::array<uint8_t, 4>> seen(total.size(), {0, 0, 0, 0});
  auto add = [&](int rule, int32_t p, int q, int64_t cents) {
    const size_t k = static_cast<size_t>(rule) * static_cast<size_t>(n) + static_cast<size_t>(p);
    total[k][static_cast<size_t>(q)] += cents;
    seen[k][static_cast<size_t>(q)] = 1;
  };
  std::vector<std::array<int64_t, 4>> revenue(static_cast<size_t>(n), {0, 0, 0, 0});
  std::vector<SpifLine> spif;
  const std::string stext = ReadAll(argv[2]);
  i = SplitLine(stext, 0, &f, &scratch);
  while (i < stext.size()) {
    i = SplitLine(stext, i, &f, &scratch);
    if (f.size() < 7) continue;
    const int32_t p = index.at(std::string(f[1]));
    const std::string_view date = f[2];
    const int month = (date[5] - '0') * 10 + (date[6] - '0');
    const int q = (month - 1) / 3;
    const std::string_view sku = f[3];
    const int64_t units = ParseInt(f[5]);
    const int64_t cents = ParseCents(f[6]);
    if (f[4] != "services") {
      const int64_t c =
          RoundDiv(static_cast<__int128>(cents) * 3 * mult[static_cast<size_t>(p)], 10000);
      if (c != 0) add(kCommission, p, q, c);
    }
    if ((month == 10 || month == 11) && (sku == "SKU-007" || sku == "SKU-042" || sku == "SKU-099" ||
                                         sku == "SKU-123" || sku == "SKU-150")) {
      const int32_t d = static_cast<int32_t>(ParseInt(date.substr(0, 4)) * 10000 + month * 100 +
                                             ParseInt(date.substr(8, 2)));
      spif.push_back(SpifLine{d, ParseInt(f[0].substr(1)), p, 2500 * units});
    }
    if (parent[static_cast<size_t>(p)] >= 0) {
      const int64_t c = RoundDiv(cents, 100);
      if (c != 0) add(kOverride, parent[static_cast<size_t>(p)], q, c);
    }
    if (coop[static_cast<size_t>(p)]) {
      const int64_t c = RoundDiv(static_cast<__int128>(cents) * 2, 100);
      if (c != 0) add(kCoop, p, q, c);
    }
    revenue[static_cast<size_t>(p)][static_cast<size_t>(q)] += cents;
  }
  // The SPIF cap depends on order: (date, id), 2,000.00 per partner over the program.
  std::sort(spif.begin(), spif.end(), [](const SpifLine& a, const SpifLine& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
  std::vector<int64_t> used(static_cast<size_t>(n), 0);
  for (const SpifLine& s : spif) {
    int64_t c = s.cents;
    int64_t& u = used[static_cast<size_t>(s.partner)];
    if (c > 0) c = std::min(c, std::max<int64_t>(0, 200000 - u));
    u += c;
    add(kSpif, s.partner, (s.date / 100 % 100 - 1) / 3, c);
  }
  for (int32_t p = 0; p < n; ++p) {
    const auto& rev = revenue[static_cast<size_t>(p)];
    for (int q = 0; q < 4; ++q) {
      const int64_t r = rev[static_cast<size_t>(q)];
      const int pct = r >= 50000000 ? 3 : r >= 25000000 ? 2 : r >= 10000000 ? 1 : 0;
      if (pct > 0) add(kRebate, p, q, RoundDiv(static_cast<__int128>(r) * pct, 100));
      if (q > 0) {
        const int64_t prior = rev[static_cast<size_t>(q - 1)];
        if (prior > 0 && static_cast<__int128>(r) * 100 >= static_cast<__int128>(prior) * 110) {
          add(kGrowth, p, q, 50000);
        }
      }
    }
  }
  // Sorted by (rule, payee, period) as text.
  std::vector<int> rules(kRules);
  for (int r = 0; r < kRules; ++r) rules[static_cast<size_t>(r)] = r;
  std::sort(rules.begin(), rules.end(),
            [](int a, int b) { return std::strcmp(kRuleNames[a], kRuleNames[b]) < 0; });
  std::vector<int32_t> order(static_cast<size_t>(n));
  for (int32_t p = 0; p < n; ++p) order[static_cast<size_t>(p)] = p;
  std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return keys[static_cast<size_t>(a)] < keys[static_cast<size_t>(b)];
  });
  std::FILE* out = std::fopen(argv[3], "wb");
  if (out == nullptr) return 2;
  std::fputs("rule,payee,period,amount\n", out);
  for (const int r : rules) {
    for (const int32_t p : order) {
      const size_t k = static_cast<size_t>(r) * static_cast<size_t>(n) + static_cast<size_t>(p);
      for (int q = 0; q < 4; ++q) {
        if (!seen[k][static_cast<size_t>(q)]) continue;
        const int64_t c = total[k][static_cast<size_t>(q)];
        const int64_t a = c < 0 ? -c : c;
        std::fprintf(out, "%s,%s,2026-Q%d,%s%lld.%02lld\n", kRuleNames[r],
                     keys[static_cast<size_t>(p)].c_str(), q + 1, c < 0 ? "-" : "",
                     static_cast<long long>(a / 100), static_cast<long long>(a % 100));
      }
    }
  }
  std::fclose(out);
  return 0;
}
