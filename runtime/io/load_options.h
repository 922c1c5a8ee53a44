#pragma once
// How a reader treats bad rows and what it tells the caller.
#include <functional>
#include <string>
#include <vector>

#include "runtime/io/data_set.h"

namespace incant::io {

struct LoadOptions {
  bool reject = false;  // keep going past bad rows, reporting each to `on_reject`
  std::function<void(const InputError&, const std::vector<std::string>& cells)> on_reject;
  std::function<void(const std::string&)> on_warning;
};

}  // namespace incant::io
