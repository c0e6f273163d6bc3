#pragma once
/// The allocator of the few very large arrays (the data matrix, the roster's villages, the
/// scores): blocks of 1 MiB and more are mapped on their own, aligned to 2 MiB, and offered
/// to the kernel as transparent huge pages, so filling a national matrix costs a few hundred
/// page faults instead of tens of thousands. How is the library's business
/// (lib/src/base/big_alloc.cpp); this header only names the type.

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace xingji {

namespace detail {
/// `bytes` of memory for a BigAllocator; throws std::bad_alloc.
[[nodiscard]] void* big_allocate(std::size_t bytes);
/// Gives back what big_allocate(bytes) gave.
void big_deallocate(void* p, std::size_t bytes) noexcept;
}  // namespace detail

template <class T>
struct BigAllocator {
  using value_type = T;
  /// The alignment of blocks of kHuge / 2 bytes and more: a huge page.
  static constexpr std::size_t kHuge = std::size_t{2} << 20;

  BigAllocator() = default;
  template <class U>
  BigAllocator(const BigAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(std::size_t n) { return static_cast<T*>(detail::big_allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { detail::big_deallocate(p, n * sizeof(T)); }

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
