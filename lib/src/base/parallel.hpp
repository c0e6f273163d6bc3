#pragma once
// Internal: using the second core where the work splits cleanly in two. Results must not
// depend on it: callers give each half disjoint output and merge in order.

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>
#include <thread>

namespace xingji::detail {

/// True when a second thread is worth starting: the machine has two cores and the
/// environment does not say XINGJI_THREADS=1 (which tests use to compare with one core).
inline bool two_cores() {
  static const bool yes = [] {
    const char* env = std::getenv("XINGJI_THREADS");
    return std::thread::hardware_concurrency() > 1 && !(env != nullptr && std::string_view(env) == "1");
  }();
  return yes;
}

/// Runs `first()` here and `second()` on another thread (or after `first` on one core),
/// and rethrows an exception of `first`, else of `second`, after both have finished.
template <class A, class B>
void both(A&& first, B&& second) {
  if (!two_cores()) {
    first();
    second();
    return;
  }
  std::exception_ptr second_error;
  std::thread t([&] {
    try {
      second();
    } catch (...) {
      second_error = std::current_exception();
    }
  });
  std::exception_ptr first_error;
  try {
    first();
  } catch (...) {
    first_error = std::current_exception();
  }
  t.join();
  if (first_error) std::rethrow_exception(first_error);
  if (second_error) std::rethrow_exception(second_error);
}

/// Below this many units (villages or alliances) a second thread costs more than it saves.
inline constexpr std::size_t kParallelUnits = 20000;

/// Calls `fn(begin, end)` on [0, n) in two halves when n is at least `min` (else once).
/// Returns where the second half begins: n when there was only one call.
template <class Fn>
std::size_t halves(std::size_t n, std::size_t min, Fn&& fn) {
  if (n < min || !two_cores()) {
    fn(std::size_t{0}, n);
    return n;
  }
  both([&] { fn(std::size_t{0}, n / 2); }, [&] { fn(n / 2, n); });
  return n / 2;
}

/// Resizes the empty vector `v` to `n` elements after touching its storage on both cores:
/// first touch of memory is dear on virtual machines, and the constructors that `resize`
/// runs would touch a national array on one core.
template <class Vector>
void resize_touched(Vector& v, std::size_t n) {
  using T = typename Vector::value_type;
  v.reserve(n);
  if (v.empty()) {
    auto* bytes = reinterpret_cast<unsigned char*>(v.data());  // storage past size(): no objects yet
    halves(n * sizeof(T), std::size_t{2} << 20,
           [bytes](std::size_t from, std::size_t to) { std::memset(bytes + from, 0, to - from); });
  }
  v.resize(n);
}

}  // namespace xingji::detail
