#pragma once
// Work the second core can take without changing any result: independent
// items (each day's sort, say), handed out one at a time to `threads` threads,
// the calling one included. Internal to engine/.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace incant::engine {

// Calls fn(i) once for every i in [0, n). fn must not throw, and calls for
// different i must not touch the same data.
template <typename Fn>
void ParallelFor(size_t n, unsigned threads, const Fn& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> helpers;
  const size_t extra = std::min<size_t>(threads > 1 ? threads - 1 : 0, n > 1 ? n - 1 : 0);
  for (size_t t = 0; t < extra; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& h : helpers) h.join();
}

}  // namespace incant::engine
