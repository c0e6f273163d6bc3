#pragma once
/// An allocator for the few very large arrays (the data matrix): blocks of 1 MiB and more are
/// mapped on their own, aligned to 2 MiB, and offered to the kernel as transparent huge
/// pages, so filling a national matrix costs a few hundred page faults instead of tens of
/// thousands. (A block from malloc's heap shares its 2 MiB with other allocations, which
/// keeps the kernel on small pages there.)

#include <sys/mman.h>

#include <cstdint>
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
    if (bytes < kHuge / 2) {
      if (auto* p = static_cast<T*>(std::malloc(bytes))) return p;
      throw std::bad_alloc();
    }
    // Map 2 MiB more than needed and give back the ends, leaving an aligned block.
    const std::size_t size = mapped(bytes);
    void* map = ::mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(map);
    const auto aligned = (start + kHuge - 1) / kHuge * kHuge;
    if (aligned > start) ::munmap(map, aligned - start);
    ::munmap(reinterpret_cast<void*>(aligned + size), start + kHuge - aligned);  // never empty
    auto* p = reinterpret_cast<void*>(aligned);
    ::madvise(p, size, MADV_HUGEPAGE);  // advice only: without huge pages it still works
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge / 2) {
      std::free(p);
    } else {
      ::munmap(p, mapped(bytes));
    }
  }

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

 private:
  static constexpr std::size_t mapped(std::size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
};

/// A vector for arrays with one entry per unit (half a million at national scale).
template <class T>
using BigVector = std::vector<T, BigAllocator<T>>;

}  // namespace xingji
