// What it costs this machine to first write memory, which explains why a run that touches a
// few hundred megabytes swings from one round to the next while the parse floor (7 MB) does
// not:
//   fresh_memory MB [IDLE_SECONDS]
// Waits IDLE_SECONDS (default 3), then writes MB megabytes of new memory, taken as xingji
// takes its large arrays, gives it back, and writes the same amount again at once. On a
// virtual machine that hands memory left free for a while back to its host (virtio-balloon
// free page reporting, after about 2 s), the first write costs far more than the second,
// which gets the pages just given back.
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "xingji/big_alloc.hpp"

namespace {
// Milliseconds to take `bytes` of new memory as xingji takes its large arrays (BigAllocator:
// mapped on their own, 2 MiB aligned, offered as huge pages) and write a byte of each 4 KiB.
double touch(std::size_t bytes) {
  const auto start = std::chrono::steady_clock::now();
  xingji::BigAllocator<char> memory;
  char* p = memory.allocate(bytes);
  for (std::size_t at = 0; at < bytes; at += 4096) static_cast<volatile char*>(p)[at] = 1;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  memory.deallocate(p, bytes);
  return ms;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: fresh_memory MB [IDLE_SECONDS]\n");
    return 2;
  }
  const std::size_t mb = std::stoul(argv[1]);
  const double idle = argc == 3 ? std::stod(argv[2]) : 3.0;
  std::this_thread::sleep_for(std::chrono::duration<double>(idle));
  const double first = touch(mb << 20);
  const double again = touch(mb << 20);
  std::printf("%zu MB after %.1f s idle: %.0f ms (%.2f ms/MB); again at once: %.0f ms (%.2f ms/MB)\n", mb, idle, first,
              first / static_cast<double>(mb), again, again / static_cast<double>(mb));
  return 0;
}
