#include "runtime/value/text_pool.h"

#include <algorithm>
#include <cstring>

namespace incant {
namespace {

constexpr size_t kChunk = size_t{1} << 20;

}  // namespace

uint64_t TextPool::Hash(std::string_view text) {
  // FNV-1a over 8-byte words, then a final mix: fast on short keys like ids.
  uint64_t h = 0xcbf29ce484222325ULL ^ text.size();
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w = 0;
    std::memcpy(&w, text.data() + i, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  if (i < text.size()) std::memcpy(&tail, text.data() + i, text.size() - i);
  h = (h ^ tail) * 0x100000001b3ULL;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return h;
}

size_t TextPool::Slot(std::string_view text, uint64_t hash) const {
  const size_t mask = table_.size() - 1;
  const auto hi = static_cast<uint32_t>(hash >> 32);
  for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
    const Entry& e = table_[i];
    if (e.id_plus_1 == 0) return i;
    if (e.hash_hi == hi && texts_[e.id_plus_1 - 1] == text) return i;
  }
}

void TextPool::Reserve(size_t more) {
  size_t want = table_.empty() ? 1024 : table_.size();
  while ((texts_.size() + more) * 2 > want) want *= 2;
  if (want > table_.size()) Grow(want);
  texts_.reserve(texts_.size() + more);
}

void TextPool::Grow(size_t capacity) {
  // Rebuilt from the texts, so it also serves after ReleaseIndex.
  size_t size = capacity != 0 ? capacity : table_.empty() ? 1024 : table_.size() * 2;
  while ((texts_.size() + 1) * 2 > size) size *= 2;
  ZeroedArray<Entry>(size).swap(table_);
  const size_t mask = table_.size() - 1;
  for (size_t id = 0; id < texts_.size(); ++id) {
    const uint64_t h = Hash(texts_[id]);
    size_t i = static_cast<size_t>(h) & mask;
    while (table_[i].id_plus_1 != 0) i = (i + 1) & mask;
    table_[i] = Entry{static_cast<uint32_t>(id + 1), static_cast<uint32_t>(h >> 32)};
  }
}

void TextPool::ReleaseIndex() { ZeroedArray<Entry>().swap(table_); }

uint32_t TextPool::Append(std::string_view text) {
  if (!table_.empty()) ReleaseIndex();
  texts_.push_back(Store(text));
  return static_cast<uint32_t>(texts_.size() - 1);
}

std::string_view TextPool::Store(std::string_view text) {
  if (text.size() > kChunk / 4) {  // a big text gets a chunk of its own
    chunks_.emplace_back(new char[text.size() + 1]);
    std::memcpy(chunks_.back().get(), text.data(), text.size());
    return {chunks_.back().get(), text.size()};
  }
  if (current_ == nullptr || kChunk - current_used_ < text.size()) {
    chunks_.emplace_back(new char[kChunk]);
    current_ = chunks_.back().get();
    current_used_ = 0;
  }
  char* dst = current_ + current_used_;
  if (!text.empty()) std::memcpy(dst, text.data(), text.size());
  current_used_ += text.size();
  return {dst, text.size()};
}

uint32_t TextPool::Intern(std::string_view text) {
  if ((texts_.size() + 1) * 2 > table_.size()) Grow();
  const uint64_t h = Hash(text);
  const size_t slot = Slot(text, h);
  if (table_[slot].id_plus_1 != 0) return table_[slot].id_plus_1 - 1;
  const auto id = static_cast<uint32_t>(texts_.size());
  texts_.push_back(Store(text));
  table_[slot] = Entry{id + 1, static_cast<uint32_t>(h >> 32)};
  return id;
}

std::optional<uint32_t> TextPool::Find(std::string_view text) const {
  if (table_.empty()) {  // released (or never used): nothing is hot here
    const auto it = std::find(texts_.begin(), texts_.end(), text);
    if (it == texts_.end()) return std::nullopt;
    return static_cast<uint32_t>(it - texts_.begin());
  }
  const size_t slot = Slot(text, Hash(text));
  if (table_[slot].id_plus_1 == 0) return std::nullopt;
  return table_[slot].id_plus_1 - 1;
}

}  // namespace incant
