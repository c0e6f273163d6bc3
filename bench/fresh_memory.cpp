// What it costs this machine to first write memory, which explains why a run that touches a
// few hundred megabytes swings from one round to the next while the parse floor (7 MB) does
// not:
//   fresh_memory MB [IDLE_SECONDS]
// Waits IDLE_SECONDS (default 3), then writes MB megabytes of new memory (huge pages where
// the kernel has them, as xingji's large arrays), gives it back, and writes the same amount
// again at once. On a virtual machine that hands memory left free for a while back to its
// host (virtio-balloon free page reporting, after about 2 s), the first write costs far more
// than the second, which gets the pages just given back.
#include <sys/mman.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {
// Milliseconds to map `bytes` of new memory and write one byte of each 4 KiB page.
double touch(std::size_t bytes) {
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  const auto start = std::chrono::steady_clock::now();
  void* map = ::mmap(nullptr, bytes + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) {
    std::perror("mmap");
    std::exit(1);
  }
  const auto aligned = (reinterpret_cast<std::uintptr_t>(map) + kHuge - 1) / kHuge * kHuge;
  auto* p = reinterpret_cast<volatile char*>(aligned);
  ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);  // advice only
  for (std::size_t at = 0; at < bytes; at += 4096) p[at] = 1;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ::munmap(map, bytes + kHuge);
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
