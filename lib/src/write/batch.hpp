#pragma once
// Internal: writing large outputs (half a million lines) in batches on two cores, in pieces
// to the stream, on memory that costs few page faults.

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "base/parallel.hpp"
#include "xingji/big_alloc.hpp"
#include "xingji/rank.hpp"

namespace xingji::detail {

inline constexpr std::uintptr_t kHugePage = BigAllocator<char>::kHuge;

/// Maps the whole pages of [from, to) now, in one call: memory about to be written costs a
/// fault for each page first touched, and a fault is dear on a virtual machine. Advice only:
/// a kernel before Linux 5.14 ignores it, and the pages come one fault at a time as before.
inline void populate(std::uintptr_t from, std::uintptr_t to) {
#ifdef MADV_POPULATE_WRITE
  constexpr std::uintptr_t kPage = 4096;
  from = (from + kPage - 1) / kPage * kPage;
  to = to / kPage * kPage;
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
#else
  (void)from;
  (void)to;
#endif
}

/// Moves a growing text to a stream in pieces, so a large output is never held whole.
struct Flusher {
  std::string& text;
  std::ostream& os;
  void maybe() {
    if (text.size() >= (1u << 20)) all();
  }
  void all() {
    os.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  }
};

/// Appends rows 0..n-1, made by `row(text, i)`, to `text` and on to `os` in order. A long
/// table is made in batches that alternate between the two cores (each row depends only on
/// its index); a core writes its batch out as soon as the batch before it is out, so writing
/// one batch overlaps making the next. The bytes are those of one core, and no more than two
/// batches are held at once.
template <class Row>
void write_rows(std::size_t n, std::string& text, std::ostream& os, Row&& row) {
  // A batch fits in the second-level cache, and its buffer is a few dozen pages: every page
  // a process touches first costs a fault, dear on a virtual machine.
  constexpr std::size_t kBatch = 2048;
  // Below this many rows a second thread costs more than it saves.
  constexpr std::size_t kParallelRows = 32768;
  Flusher flush{text, os};
  if (n < kParallelRows || !two_cores()) {
    for (std::size_t i = 0; i < n; ++i) {
      row(text, i);
      flush.maybe();
    }
    return;
  }
  flush.all();
  const std::size_t batches = (n + kBatch - 1) / kBatch;
  constexpr std::size_t kFailed = static_cast<std::size_t>(-1);
  std::atomic<std::size_t> turn{0};  // the batch to write next; kFailed after an exception
  auto work = [&](std::size_t first, std::string& buf) {
    try {
      // Room for a batch of most tables up front, rather than growing it through a dozen sizes.
      buf.reserve(std::size_t{256} << 10);
      for (std::size_t b = first; b < batches; b += 2) {
        for (std::size_t i = b * kBatch; i < std::min(n, (b + 1) * kBatch); ++i) row(buf, i);
        std::size_t t = turn.load(std::memory_order_acquire);
        for (; t < b; t = turn.load(std::memory_order_acquire)) turn.wait(t, std::memory_order_acquire);
        if (t != b) return;  // the other core failed
        Flusher{buf, os}.all();
        turn.store(b + 1, std::memory_order_release);
        turn.notify_all();
      }
    } catch (...) {
      turn.store(kFailed, std::memory_order_release);  // never leave the other core waiting
      turn.notify_all();
      throw;
    }
  };
  std::string other;
  both([&] { work(0, text); }, [&] { work(1, other); });
}

/// Asks the processor to start loading the cache lines of [p, p + bytes). Tables written in
/// rank order jump about the roster and the scores: fetching the unit a few rows ahead
/// hides most of half a million cache misses.
inline void prefetch(const void* p, std::size_t bytes) {
  const auto* c = static_cast<const char*>(p);
  for (std::size_t at = 0; at < bytes; at += 64) __builtin_prefetch(c + at);
}

/// Makes room for `bytes` in `s`, on huge pages where the kernel has them: a buffer read
/// at random places costs a TLB miss a read on small pages. The small pages before the
/// first huge one, filled first, are mapped in one call rather than a fault each.
inline void reserve_huge(std::string& s, std::size_t bytes) {
  if (s.capacity() >= bytes) return;
  s.reserve(bytes);
  const auto data = reinterpret_cast<std::uintptr_t>(s.data());
  const auto begin = (data + kHugePage - 1) / kHugePage * kHugePage;
  const auto end = (data + s.capacity()) / kHugePage * kHugePage;
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  populate(data, std::min(begin, data + bytes));
}

/// A ranked table's lines are made a band of this many places at a time (write_ranked).
inline constexpr std::size_t kRankedBand = std::size_t{1} << 18;

/// Appends one line per unit of `ranking`, in rank order, to `text` and on to `os`: the
/// line is `head(text, placed)` then `tail(text, unit)`. The bytes are those of writing each
/// line in rank order, but a long ranking is not read in rank order: that jumps about the
/// roster, the scores and the text, and on a national roster those cache misses cost more
/// than making the lines. Instead the ranking is cut into bands of kRankedBand places; a
/// band's tails are made in roster order (memory read front to back), in two halves on two
/// cores, into two buffers, then copied out in rank order. `tail` is called from two
/// threads at once and must only read shared state.
template <class Head, class Tail>
void write_ranked(const Ranking& ranking, std::string& text, std::ostream& os, Head&& head, Tail&& tail) {
  const std::size_t n = ranking.size();
  if (n < 2 * kParallelUnits) {  // too short to gain
    write_rows(n, text, os, [&](std::string& o, std::size_t i) {
      head(o, ranking[i]);
      tail(o, static_cast<std::size_t>(ranking[i].unit));
    });
    return;
  }
  // Each unit's place, and each band's units in roster order (a counting sort by band).
  constexpr auto kNone = static_cast<std::uint32_t>(-1);
  std::size_t units = 0;
  for (const Placed& p : ranking) units = std::max(units, static_cast<std::size_t>(p.unit) + 1);
  BigVector<std::uint32_t> place(units, kNone);
  for (std::size_t i = 0; i < n; ++i) place[static_cast<std::size_t>(ranking[i].unit)] = static_cast<std::uint32_t>(i);
  const std::size_t bands = (n + kRankedBand - 1) / kRankedBand;
  std::vector<std::size_t> start(bands + 1, 0);
  for (std::size_t b = 0; b < bands; ++b) start[b + 1] = std::min(n, (b + 1) * kRankedBand);
  BigVector<std::uint32_t> order(n);
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t u = 0; u < units; ++u) {
      if (place[u] != kNone) order[next[place[u] / kRankedBand]++] = static_cast<std::uint32_t>(u);
    }
  }
  // Where the tail of each place of the band is: which half's buffer, and where in it.
  struct Made {
    std::size_t at = 0;
    std::uint32_t size = 0;
    std::uint32_t half = 0;
  };
  BigVector<Made> made;
  std::string made_text[2];
  for (std::size_t b = 0; b < bands; ++b) {
    const std::span<const std::uint32_t> band(order.data() + start[b], start[b + 1] - start[b]);
    made.assign(band.size(), Made{});
    halves(band.size(), kParallelUnits, [&](std::size_t from, std::size_t to) {
      const std::uint32_t half = from == 0 ? 0 : 1;
      std::string& buf = made_text[half];
      buf.clear();
      reserve_huge(buf, (to - from) * 128);
      for (std::size_t j = from; j < to; ++j) {
        const std::size_t at = buf.size();
        tail(buf, band[j]);
        made[place[band[j]] - start[b]] = Made{at, static_cast<std::uint32_t>(buf.size() - at), half};
      }
    });
    write_rows(band.size(), text, os, [&](std::string& o, std::size_t j) {
      constexpr std::size_t kAhead = 8;  // fetch the tail of a place a few lines ahead
      if (j + kAhead < band.size()) {
        const Made& m = made[j + kAhead];
        prefetch(made_text[m.half].data() + m.at, m.size);
      }
      head(o, ranking[start[b] + j]);
      const Made& m = made[j];
      o.append(made_text[m.half].data() + m.at, m.size);
    });
  }
}

}  // namespace xingji::detail
