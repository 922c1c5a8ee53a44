#pragma once
// Interned texts: equal texts get equal ids, so the VM compares Text by id and
// no string compare happens on the hot path. Ids are dense from 0.
//
// Loading millions of rows interns millions of keys, so the pool is built for
// that: bytes live in large chunks that never move (a view from Get stays
// valid while the pool lives), and ids sit in one open-addressing table (no
// node per text, no allocation per Intern).
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "runtime/value/zeroed_array.h"

namespace incant {

class TextPool {
 public:
  uint32_t Intern(std::string_view text);
  [[nodiscard]] std::string_view Get(uint32_t id) const { return texts_[id]; }
  [[nodiscard]] size_t size() const { return texts_.size(); }
  // Room for `more` new texts without regrowing the table (loading a file of
  // unique keys otherwise rehashes log2(n) times).
  void Reserve(size_t more);
  // The id of a text already interned, without adding it.
  [[nodiscard]] std::optional<uint32_t> Find(std::string_view text) const;
  // Frees the hash table while keeping every text and id: for a pool that is
  // only read from now on (a stream's keys, once loaded). A later Intern
  // rebuilds the table; Find meanwhile searches linearly.
  void ReleaseIndex();
  // Adds `text` under a new id without looking for an equal one and without
  // indexing it (it releases the index). Only for texts known to be distinct,
  // such as a stream's keys laid out again in another order.
  uint32_t Append(std::string_view text);

  // The hash the table uses (FNV-1a over 8-byte words, then mixed).
  [[nodiscard]] static uint64_t Hash(std::string_view text);

 private:
  [[nodiscard]] size_t Slot(std::string_view text, uint64_t hash) const;
  void Grow(size_t capacity = 0);
  std::string_view Store(std::string_view text);

  // A slot holds id + 1 (0: empty) and the top of the text's hash, so a probe
  // touches the text itself only when the hashes agree.
  struct Entry {
    uint32_t id_plus_1 = 0;
    uint32_t hash_hi = 0;
  };
  std::vector<std::string_view> texts_;  // by id, viewing into chunks_
  ZeroedArray<Entry> table_;             // size a power of two, at most half full
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* current_ = nullptr;  // the chunk small texts go into
  size_t current_used_ = 0;
};

}  // namespace incant
