// The two pieces of arithmetic that make parts add up (spec 7.3, 7.4): water-filling with a
// floor and a cap, solved exactly on the sorted breakpoints, and the largest remainder.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "xingji/allocate.hpp"

namespace xingji {

std::vector<double> water_fill(std::span<const double> claims, double amount, double floor, double cap,
                               FillProblem* problem) {
  auto fail = [&](FillProblem p) {
    if (problem != nullptr) *problem = p;
    return std::vector<double>{};
  };
  if (problem != nullptr) *problem = FillProblem::none;
  const auto n = static_cast<double>(claims.size());
  const double inf = std::numeric_limits<double>::infinity();
  const double hi = cap < 0 ? inf : cap;
  const double tol = 1e-9 * std::max(1.0, std::abs(amount));
  if (n * floor > amount + tol) return fail(FillProblem::floors_over);
  if (n * hi < amount - tol) return fail(FillProblem::caps_under);
  // The sum of clamp(L * c, floor, cap) is K + L * S between breakpoints: K holds the units
  // at their floor or cap, S the claims of the units in between. A unit with a claim leaves
  // its floor at L = floor / c and reaches its cap at L = cap / c.
  struct Event {
    double at;
    double claim;
    bool leaves_floor;
  };
  std::vector<Event> events;
  double K = n * floor, S = 0;
  for (const double c : claims) {
    if (!(c > 0)) continue;  // stays at the floor for every L
    events.push_back(Event{floor / c, c, true});
    if (hi < inf) events.push_back(Event{hi / c, c, false});
  }
  std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
    return x.at != y.at ? x.at < y.at : x.leaves_floor > y.leaves_floor;
  });
  double L = -1;
  if (K >= amount - tol) {
    L = 0;  // the floors alone take the amount
  } else {
    // How many units are between floor and cap: S, summed and taken back in floating
    // point, may not come back to exactly 0 when the last one reaches its cap.
    std::size_t between = 0;
    for (const Event& e : events) {
      if (between > 0 && K + e.at * S >= amount) break;
      if (e.leaves_floor) {
        K -= floor;
        S += e.claim;
        ++between;
      } else {
        K += hi;
        S -= e.claim;
        --between;
      }
    }
    if (between > 0) {
      L = (amount - K) / S;
    } else if (K >= amount - tol) {
      L = events.empty() ? 0 : events.back().at;  // every unit with a claim at its cap
    } else {
      return fail(FillProblem::claims_under);
    }
  }
  std::vector<double> out(claims.size());
  for (std::size_t i = 0; i < claims.size(); ++i) out[i] = std::clamp(L * claims[i], floor, hi);
  return out;
}

std::vector<std::int64_t> apportion(std::span<const double> exact, std::int64_t total, std::span<const int> order,
                                    std::int64_t cap) {
  constexpr std::int64_t kNano = 1'000'000'000;
  const std::size_t n = exact.size();
  std::vector<std::int64_t> whole(n), rest(n);  // rounded down, and the remainder in 1e-9
  for (std::size_t i = 0; i < n; ++i) {
    const double down = std::floor(exact[i]);
    whole[i] = static_cast<std::int64_t>(down);
    // Half away from zero to nine decimals, which removes binary noise: 4.9999999999999 is 5.
    rest[i] = std::llround((exact[i] - down) * 1e9);
    if (rest[i] >= kNano) {
      ++whole[i];
      rest[i] = 0;
    }
  }
  std::vector<std::size_t> place(n);  // position in `order`: the tie-break
  for (std::size_t p = 0; p < order.size(); ++p) place[static_cast<std::size_t>(order[p])] = p;
  std::vector<std::size_t> by(n);
  std::iota(by.begin(), by.end(), std::size_t{0});
  std::sort(by.begin(), by.end(),
            [&](std::size_t x, std::size_t y) { return rest[x] != rest[y] ? rest[x] > rest[y] : place[x] < place[y]; });
  std::int64_t left = total - std::accumulate(whole.begin(), whole.end(), std::int64_t{0});
  // One more each to the largest remainders, never past the cap.
  for (std::size_t k = 0; k < n && left > 0; ++k) {
    const std::size_t i = by[k];
    if (cap >= 0 && whole[i] >= cap) continue;
    ++whole[i];
    --left;
  }
  // Binary noise can leave the parts one over the total: take it back from the smallest
  // remainders (never below zero).
  for (std::size_t k = n; k-- > 0 && left < 0;) {
    const std::size_t i = by[k];
    if (whole[i] <= 0) continue;
    --whole[i];
    ++left;
  }
  return whole;
}

}  // namespace xingji
