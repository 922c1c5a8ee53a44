#pragma once
// Writes ledger lines as CSV or JSON Lines (brief §5) into a temporary file beside the
// target, renamed into place only when the whole run succeeded.
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runtime/engine/ledger_line.h"
#include "runtime/io/data_set.h"

namespace incant::engine {

// A payee or event key as the writer gets it (the writer formats Int keys).
using LedgerKey = io::KeyRef;

class LedgerWriter {
 public:
  LedgerWriter() = default;
  ~LedgerWriter();
  LedgerWriter(const LedgerWriter&) = delete;
  LedgerWriter& operator=(const LedgerWriter&) = delete;

  // Opens `<dir>/.<name>.tmp-<pid>`; returns false with a message on failure.
  // With `background`, lines are formatted and written on a second thread, in
  // order (the bytes are the same either way).
  [[nodiscard]] bool Open(const std::string& path, std::string* error, bool background = false);
  // `stream` and `event_key` name the event (`stream:key`); both empty for a period rule.
  void Write(const LedgerLine& line, LedgerKey key, std::string_view stream, LedgerKey event_key,
             const bc::Program& program);
  // Flushes and renames into place.
  [[nodiscard]] bool Commit(std::string* error);
  // Removes the temporary file (a failed run leaves nothing behind).
  void Abandon();
  [[nodiscard]] bool is_open() const { return file_ != nullptr; }

 private:
  // A line waiting for the writer thread.
  struct Pending {
    LedgerLine line;
    LedgerKey key, event_key;
    std::string_view stream;  // a data set's name: lives as long as the program
  };
  void Format(const LedgerLine& line, LedgerKey key, std::string_view stream, LedgerKey event_key,
              const bc::Program& program);
  void Submit();      // hands the current batch to the writer thread
  void WorkerLoop();  // the writer thread
  void StopWorker();
  void Flush();
  void AppendAmount(const Decimal& v, int digits);
  std::FILE* file_ = nullptr;
  std::string path_, tmp_;
  std::string buf_;
  uint64_t seq_ = 0;
  bool jsonl_ = false;  // by the extension: .jsonl, else CSV
  int32_t cached_date_ = INT32_MIN;
  std::string date_text_;
  PeriodUnit cached_unit_ = PeriodUnit::kProgram;
  int cached_period_ = -1;
  std::string period_text_;
  // Background writing (see Open).
  bool background_ = false;
  const bc::Program* program_ = nullptr;
  std::vector<Pending> batch_;
  std::deque<std::vector<Pending>> queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread worker_;
};

// RFC 4180: quote only when the field needs it.
void AppendCsvField(std::string& out, std::string_view field);
// A JSON string, ASCII only (\u escapes), as Python's json.dumps writes it.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace incant::engine
