#pragma once
// Interned texts: equal texts get equal ids, so the VM compares Text by id and
// no string compare happens on the hot path. Ids are dense from 0.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace incant {

class TextPool {
 public:
  uint32_t Intern(std::string_view text);
  [[nodiscard]] std::string_view Get(uint32_t id) const { return texts_[id]; }
  // The id of a text already interned, without adding it.
  [[nodiscard]] std::optional<uint32_t> Find(std::string_view text) const {
    const auto it = ids_.find(text);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] size_t size() const { return texts_.size(); }

 private:
  std::deque<std::string> texts_;  // stable addresses for the views in ids_
  std::unordered_map<std::string_view, uint32_t> ids_;
};

}  // namespace incant
