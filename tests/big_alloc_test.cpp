#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>

#include "xingji/big_alloc.hpp"

using namespace xingji;

TEST_CASE("a big vector keeps its contents as it grows from the heap to blocks of its own") {
  // From a few bytes on malloc's heap to 12 MB mapped on its own, through each threshold.
  BigVector<std::uint32_t> v;
  for (std::uint32_t i = 0; i < 3'000'000; ++i) {
    v.push_back(i * 2654435761u);
    if ((i & (i + 1)) == 0) {  // at each power of two: nothing lost in the moves so far
      for (std::uint32_t k = 0; k <= i; k += 1 + i / 64) REQUIRE(v[k] == k * 2654435761u);
    }
  }
  for (std::uint32_t k = 0; k < v.size(); ++k) REQUIRE(v[k] == k * 2654435761u);
  v.clear();
  v.shrink_to_fit();
  CHECK(v.capacity() == 0);
}

TEST_CASE("blocks of a mebibyte and more start on a 2 MiB boundary, so they can take huge pages") {
  BigAllocator<char> alloc;
  for (const std::size_t size :
       {std::size_t{1} << 20, (std::size_t{2} << 20) - 1, std::size_t{2} << 20, (std::size_t{5} << 20) + 3}) {
    char* p = alloc.allocate(size);
    CHECK(reinterpret_cast<std::uintptr_t>(p) % BigAllocator<char>::kHuge == 0);
    p[0] = 1;  // the whole block is writable
    p[size - 1] = 2;
    CHECK(p[0] + p[size - 1] == 3);
    alloc.deallocate(p, size);
  }
  // Smaller blocks come from malloc, with its alignment.
  char* small = alloc.allocate(1000);
  CHECK(reinterpret_cast<std::uintptr_t>(small) % alignof(std::max_align_t) == 0);
  alloc.deallocate(small, 1000);
}
