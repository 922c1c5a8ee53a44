#pragma once
// A fixed-size array of a trivially copyable T, zero-filled, for the big hash
// tables of a run (the text pool's). Large ones are mapped straight from the
// kernel, which zeroes pages on first touch instead of a memset, and may back
// them with 2 MiB pages: with millions of keys every probe of a table is a
// random access, and with 4 KiB pages each one also misses the TLB.
#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace incant {

template <typename T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(size_t n) : size_(n) {
    const size_t bytes = n * sizeof(T);
    if (bytes >= kMapAt) {
      void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) throw std::bad_alloc();
      madvise(p, bytes, MADV_HUGEPAGE);  // a hint: without it the table still works
      data_ = static_cast<T*>(p);
      mapped_ = true;
    } else if (n > 0) {
      data_ = static_cast<T*>(std::calloc(n, sizeof(T)));
      if (data_ == nullptr) throw std::bad_alloc();
    }
  }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ZeroedArray(ZeroedArray&& o) noexcept { swap(o); }
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    ZeroedArray(std::move(o)).swap(*this);
    return *this;
  }
  ~ZeroedArray() {
    if (mapped_) {
      munmap(data_, size_ * sizeof(T));
    } else {
      std::free(data_);
    }
  }
  void swap(ZeroedArray& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(mapped_, o.mapped_);
  }

  [[nodiscard]] size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  [[nodiscard]] const T* begin() const { return data_; }
  [[nodiscard]] const T* end() const { return data_ + size_; }

 private:
  static constexpr size_t kMapAt = size_t{4} << 20;
  T* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

}  // namespace incant
