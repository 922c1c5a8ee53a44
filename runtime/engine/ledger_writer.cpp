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
  buf_ = "seq,date,period,rule,kind,payee,event,amount,requested,note\n";
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
  fmt::format_to(std::back_inserter(buf_), "{},{},{},{},{},", ++seq_,
                 Date::FromDays(l.date).ToString(), PeriodLabel(rule.every, l.period), rule.name,
                 kKinds[static_cast<int>(eff.kind)]);
  AppendCsvField(buf_, key);
  buf_ += ',';
  AppendCsvField(buf_, event);
  buf_ += ',';
  if (l.is_int) {
    fmt::format_to(std::back_inserter(buf_), "{},{},", l.amount.ToString(), l.requested.ToString());
  } else {
    buf_ += l.amount.ToFixed(program.minor_digits);
    buf_ += ',';
    buf_ += l.requested.ToFixed(program.minor_digits);
    buf_ += ',';
  }
  switch (l.note) {
    case Note::kNone:
      break;
    case Note::kCap:
      buf_ += "cap";
      break;
    case Note::kBudget:
      buf_ += "budget";
      break;
    case Note::kFund:
      AppendCsvField(buf_, "fund " + program.funds[static_cast<size_t>(eff.fund)]);
      break;
    case Note::kBadge:
      AppendCsvField(buf_, eff.badge);
      break;
  }
  buf_ += '\n';
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
