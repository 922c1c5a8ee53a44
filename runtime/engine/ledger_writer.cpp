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

bool LedgerWriter::Open(const std::string& path, std::string* error, bool background) {
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
  background_ = background;
  if (background_) worker_ = std::thread([this] { WorkerLoop(); });
  return true;
}

void LedgerWriter::Flush() {
  if (file_ != nullptr && !buf_.empty()) std::fwrite(buf_.data(), 1, buf_.size(), file_);
  buf_.clear();
}

void LedgerWriter::AppendAmount(const Decimal& v, int digits) {
  // Most amounts fit 64 bits once scaled to the currency's digits: print those directly.
  const int128 scale = Decimal::UnitRaw(digits);
  const int128 raw = v.raw();
  if (raw % scale == 0) {
    const int128 units = raw / scale;
    if (units > -(int128{1} << 62) && units < (int128{1} << 62)) {
      auto n = static_cast<int64_t>(units);
      if (n < 0) {
        buf_ += '-';
        n = -n;
      }
      int64_t div = 1;
      for (int k = 0; k < digits; ++k) div *= 10;
      fmt::format_to(std::back_inserter(buf_), "{}", n / div);
      if (digits > 0) fmt::format_to(std::back_inserter(buf_), ".{:0{}}", n % div, digits);
      return;
    }
  }
  buf_ += v.ToFixed(digits);
}

void LedgerWriter::Write(const LedgerLine& l, LedgerKey key, std::string_view stream,
                         LedgerKey event_key, const bc::Program& program) {
  if (!background_) {
    Format(l, key, stream, event_key, program);
    return;
  }
  if (program_ == nullptr) program_ = &program;  // before the first batch is handed over
  batch_.push_back(Pending{l, key, event_key, stream});
  if (batch_.size() >= 16384) Submit();
}

void LedgerWriter::Submit() {
  if (batch_.empty()) return;
  std::unique_lock<std::mutex> lock(mu_);
  // A few batches in flight at most: the evaluation never runs far ahead.
  cv_.wait(lock, [this] { return queue_.size() < 4 || stop_; });
  queue_.push_back(std::move(batch_));
  batch_ = {};
  batch_.reserve(16384);
  cv_.notify_all();
}

void LedgerWriter::WorkerLoop() {
  for (;;) {
    std::vector<Pending> work;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return !queue_.empty() || stop_; });
      if (queue_.empty()) return;  // stopped and drained
      work = std::move(queue_.front());
      queue_.pop_front();
      cv_.notify_all();
    }
    for (const Pending& p : work) Format(p.line, p.key, p.stream, p.event_key, *program_);
  }
}

void LedgerWriter::StopWorker() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void LedgerWriter::Format(const LedgerLine& l, LedgerKey payee, std::string_view stream,
                          LedgerKey event, const bc::Program& program) {
  std::string payee_digits, event_digits;  // Int keys (short: no allocation)
  const std::string_view key = payee.View(&payee_digits);
  const std::string_view event_key = event.View(&event_digits);
  const bc::RuleDesc& rule = program.rules[l.rule];
  const bc::EffectDesc& eff = rule.effects[l.effect];
  static const char* kKinds[] = {"pay", "accrue", "points", "badge"};
  // Lines come in timeline order: the date and period texts rarely change.
  if (l.date != cached_date_) {
    cached_date_ = l.date;
    date_text_ = Date::FromDays(l.date).ToString();
  }
  if (rule.every != cached_unit_ || l.period != cached_period_) {
    cached_unit_ = rule.every;
    cached_period_ = l.period;
    period_text_ = PeriodLabel(rule.every, l.period);
  }
  const int digits = l.is_int ? 0 : program.minor_digits;
  std::string_view note;
  std::string fund_note;
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
      fund_note = "fund " + program.funds[static_cast<size_t>(eff.fund)];
      note = fund_note;
      break;
    case Note::kBadge:
      note = eff.badge;
      break;
  }
  const char* kind = kKinds[static_cast<int>(eff.kind)];
  // `stream:key`, joined only where it must be escaped as one field (not per plain CSV line).
  auto event_text = [&] {
    return stream.empty() ? std::string() : std::string(stream) + ":" + std::string(event_key);
  };
  if (jsonl_) {
    fmt::format_to(std::back_inserter(buf_),
                   "{{\"seq\": {}, \"date\": \"{}\", \"period\": \"{}\", ", ++seq_, date_text_,
                   period_text_);
    buf_ += "\"rule\": ";
    AppendJsonString(buf_, rule.name);
    fmt::format_to(std::back_inserter(buf_), ", \"kind\": \"{}\", \"payee\": ", kind);
    AppendJsonString(buf_, key);
    buf_ += ", \"event\": ";
    AppendJsonString(buf_, event_text());
    buf_ += ", \"amount\": \"";
    AppendAmount(l.amount, digits);
    buf_ += "\", \"requested\": \"";
    AppendAmount(l.requested, digits);
    buf_ += "\", \"note\": ";
    AppendJsonString(buf_, note);
    buf_ += "}\n";
  } else {
    const fmt::format_int seq(++seq_);
    buf_.append(seq.data(), seq.size());
    buf_ += ',';
    buf_ += date_text_;
    buf_ += ',';
    buf_ += period_text_;
    buf_ += ',';
    AppendCsvField(buf_, rule.name);
    buf_ += ',';
    buf_ += kind;
    buf_ += ',';
    AppendCsvField(buf_, key);
    buf_ += ',';
    if (!stream.empty()) {
      if ((stream.find_first_of(",\"\n\r") == std::string_view::npos) &&
          (event_key.find_first_of(",\"\n\r") == std::string_view::npos)) {
        buf_ += stream;
        buf_ += ':';
        buf_ += event_key;
      } else {
        AppendCsvField(buf_, event_text());
      }
    }
    buf_ += ',';
    AppendAmount(l.amount, digits);
    buf_ += ',';
    AppendAmount(l.requested, digits);
    buf_ += ',';
    AppendCsvField(buf_, note);
    buf_ += '\n';
  }
  if (buf_.size() > (1U << 20)) Flush();
}

bool LedgerWriter::Commit(std::string* error) {
  Submit();
  StopWorker();  // drains every batch first
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
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.clear();  // nothing more is written: the file goes away
  }
  batch_.clear();
  StopWorker();
  if (file_ != nullptr) {
    std::fclose(file_);
    file_ = nullptr;
    std::remove(tmp_.c_str());
  }
}

}  // namespace incant::engine
