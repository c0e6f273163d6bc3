// Blocks for BigAllocator (xingji/big_alloc.hpp). A block from malloc's heap shares its
// 2 MiB with other allocations, which keeps the kernel on small pages there: large blocks
// are mapped on their own instead.
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

#include "xingji/big_alloc.hpp"

namespace xingji::detail {

namespace {
constexpr std::size_t kHuge = BigAllocator<char>::kHuge;
constexpr std::size_t mapped(std::size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
}  // namespace

void* big_allocate(std::size_t bytes) {
  if (bytes < kHuge / 2) {
    if (void* p = std::malloc(bytes)) return p;
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
  return p;
}

void big_deallocate(void* p, std::size_t bytes) noexcept {
  if (bytes < kHuge / 2) {
    std::free(p);
  } else {
    ::munmap(p, mapped(bytes));
  }
}

}  // namespace xingji::detail
