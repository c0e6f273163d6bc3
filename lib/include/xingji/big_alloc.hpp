#pragma once
/// An allocator for the few very large arrays (the data matrix): blocks of 2 MiB and more are
/// aligned to 2 MiB and offered to the kernel as transparent huge pages, so filling a national
/// matrix costs a few hundred page faults instead of tens of thousands.

#include <sys/mman.h>

#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace xingji {

template <class T>
struct BigAllocator {
  using value_type = T;
  static constexpr std::size_t kHuge = std::size_t{2} << 20;

  BigAllocator() = default;
  template <class U>
  BigAllocator(const BigAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) {
      if (auto* p = static_cast<T*>(std::malloc(bytes))) return p;
      throw std::bad_alloc();
    }
    const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (p == nullptr) throw std::bad_alloc();
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without huge pages it still works
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) { std::free(p); }

  // resize() default-initialises instead of zeroing: doubles are left for the caller to
  // fill (in parallel, for the data matrix); class types still run their constructors.
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }

  template <class U>
  bool operator==(const BigAllocator<U>&) const {
    return true;
  }
};

/// A vector for arrays with one entry per unit (half a million at national scale).
template <class T>
using BigVector = std::vector<T, BigAllocator<T>>;

}  // namespace xingji
