#include "runtime/engine/ledger_writer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

namespace incant::engine {

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendJsonString(std::string& out, std::string_view s) {
  // ASCII-only output (non-ASCII as \u escapes, as Python's json.dumps writes it),
  // so the bytes do not depend on how a consumer decodes them.
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
          } else {
            out += static_cast<char>(c);
          }
      }
      continue;
    }
    // Inputs are valid UTF-8 (checked at load), so the sequence length is known.
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t cp = c & (len == 4 ? 0x07U : len == 3 ? 0x0FU : 0x1FU);
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3FU);
    }
    i += static_cast<size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      fmt::format_to(std::back_inserter(out), "\\u{:04x}\\u{:04x}", 0xD800 + (cp >> 10),
                     0xDC00 + (cp & 0x3FF));
    } else {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", cp);
    }
  }
  out += '"';
}

LedgerWriter::~LedgerWriter() { Abandon(); }

bool LedgerWriter::Open(const std::string& path, std::string* error) {
  namespace fs = std::filesystem;
  path_ = path;
  const fs::path p(path);
  tmp_ = (p.parent_path() / fmt::format(".{}.tmp-{}", p.filename().string(), getpid())).string();
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (file_ == nullptr) {
    *error = fmt::format("{}: cannot write the ledger: {}", path, std::strerror(errno));
    return false;
  }
  jsonl_ = p.extension() == ".jsonl";
  buf_ = jsonl_ ? "" : "seq,date,period,rule,kind,payee,event,amount,requested,note\n";
  return true;
}

void LedgerWriter::Flush() {
  if (file_ != nullptr && !buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), file_);
  buf_.clear();
}

void LedgerWriter::Write(const LedgerLine& l, const std::string& key, const std::string& event,
                         const bc::Program& program) {
  const bc::RuleDesc& rule = program.rules[l.rule];
  const bc::EffectDesc& eff = rule.effects[l.effect];
  static const char* kKinds[] = {"pay", "accrue", "points", "badge"};
  const std::string date = Date::FromDays(l.date).ToString();
  const std::string period = PeriodLabel(rule.every, l.period);
  const int digits = l.is_int ? 0 : program.minor_digits;
  const std::string amount = l.amount.ToFixed(digits);
  const std::string requested = l.requested.ToFixed(digits);
  std::string note;
  switch (l.note) {
    case Note::kNone:
      break;
    case Note::kCap:
      note = "cap";
      break;
    case Note::kBudget:
      note = "budget";
      break;
    case Note::kFund:
      note = "fund " + program.funds[static_cast<size_t>(eff.fund)];
      break;
    case Note::kBadge:
      note = eff.badge;
      break;
  }
  const char* kind = kKinds[static_cast<int>(eff.kind)];
  if (jsonl_) {
    fmt::format_to(std::back_inserter(buf_),
                   "{{\"seq\": {}, \"date\": \"{}\", \"period\": \"{}\", ", ++seq_, date, period);
    buf_ += "\"rule\": ";
    AppendJsonString(buf_, rule.name);
    fmt::format_to(std::back_inserter(buf_), ", \"kind\": \"{}\", \"payee\": ", kind);
    AppendJsonString(buf_, key);
    buf_ += ", \"event\": ";
    AppendJsonString(buf_, event);
    fmt::format_to(std::back_inserter(buf_),
                   ", \"amount\": \"{}\", \"requested\": \"{}\", \"note\": ", amount, requested);
    AppendJsonString(buf_, note);
    buf_ += "}\n";
  } else {
    fmt::format_to(std::back_inserter(buf_), "{},{},{},{},{},", ++seq_, date, period, rule.name,
                   kind);
    AppendCsvField(buf_, key);
    buf_ += ',';
    AppendCsvField(buf_, event);
    fmt::format_to(std::back_inserter(buf_), ",{},{},", amount, requested);
    AppendCsvField(buf_, note);
    buf_ += '\n';
  }
  if (buf_.size() > (1U << 20)) Flush();
}

bool LedgerWriter::Commit(std::string* error) {
  Flush();
  const bool ok = std::fflush(file_) == 0 && std::ferror(file_) == 0;
  std::fclose(file_);
  file_ = nullptr;
  if (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    *error = fmt::format("{}: cannot write the ledger: {}", path_, std::strerror(errno));
    std::remove(tmp_.c_str());
    return false;
  }
  return true;
}

void LedgerWriter::Abandon() {
  if (file_ != nullptr) {
    std::fclose(file_);
    file_ = nullptr;
    std::remove(tmp_.c_str());
  }
}

}  // namespace incant::engine
