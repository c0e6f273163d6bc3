// The arithmetic that makes parts add up (spec 7.2-7.4): claims, water-filling with a floor
// and a cap solved exactly on the sorted breakpoints, and the largest remainder. Exact: a
// claim is a big integer P_i (a unit's share of the amount is P_i / sum P), the scale and the
// shares are rationals, so a ¥1e10 fund counted in fen splits its ties by rank, not by noise.
#include <gmpxx.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "xingji/allocate.hpp"

namespace xingji {

namespace {

mpz_class big(std::int64_t x) { return mpz_class(static_cast<long>(x)); }  // long is 64 bits here
static_assert(sizeof(long) == sizeof(std::int64_t), "mpz_class takes a long");

std::int64_t small(const mpz_class& x) { return static_cast<std::int64_t>(x.get_si()); }

}  // namespace

Shares share_out(std::span<const std::int64_t> weights, std::int64_t base, std::int64_t amount, std::int64_t floor,
                 std::int64_t cap, std::span<const int> order) {
  const std::size_t n = weights.size();
  Shares out;
  out.parts.assign(n, floor);
  out.share_units.assign(n, floor);
  out.share_nanos.assign(n, 0);
  out.why.assign(n, Share::floor);
  if (n == 0) return out;
  const mpz_class A = big(amount), F = big(floor), C = big(cap), N = big(static_cast<std::int64_t>(n));
  const mpz_class billion = 1'000'000'000;
  // Claims in proportion to P_i = base * W + n * (1 - base) * w_i (in 1e-9, W the sum of the
  // weights): base * A / n + (1 - base) * A * w_i / W, all over the same denominator.
  mpz_class W = 0;
  for (const std::int64_t w : weights) W += big(w);
  std::vector<mpz_class> P(n);
  for (std::size_t i = 0; i < n; ++i)
    P[i] = W > 0 ? mpz_class(big(base) * W + N * (billion - big(base)) * big(weights[i])) : mpz_class(1);
  const std::size_t with_claim =
      static_cast<std::size_t>(std::count_if(P.begin(), P.end(), [](const mpz_class& p) { return p > 0; }));
  if (N * F > A) {
    out.problem = FillProblem::floors_over;
  } else if (cap >= 0 && N * C < A) {
    out.problem = FillProblem::caps_under;
  } else if (cap >= 0 &&
             big(static_cast<std::int64_t>(with_claim)) * C + big(static_cast<std::int64_t>(n - with_claim)) * F < A) {
    out.problem = FillProblem::claims_under;
  }
  if (out.problem != FillProblem::none) {
    out.parts.clear();
    out.share_units.clear();
    out.share_nanos.clear();
    out.why.clear();
    return out;
  }
  // Water-filling: sum clamp(L * P_i, F, C) = A. With the units by claim, largest first, the
  // points where they leave the floor (F / P_i) and reach the cap (C / P_i) each come in
  // that order; merged, they are walked until the sum K + L * T (K the units at floor or
  // cap, T the claims in between) reaches A on the piece before the next point.
  std::vector<std::size_t> by(with_claim);
  {
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    std::copy_if(all.begin(), all.end(), by.begin(), [&](std::size_t i) { return P[i] > 0; });
    std::stable_sort(by.begin(), by.end(), [&](std::size_t x, std::size_t y) { return P[x] > P[y]; });
  }
  mpz_class K = N * F, T = 0;
  std::size_t left_floor = 0, at_cap = 0;  // units of `by` past their floor, and at their cap
  if (K < A) {
    while (left_floor < with_claim || (cap >= 0 && at_cap < left_floor)) {
      // The next point: a unit leaving its floor, or one reaching its cap (the floor first on a tie).
      bool leave = left_floor < with_claim;
      if (leave && cap >= 0 && at_cap < left_floor) leave = F * P[by[at_cap]] <= C * P[by[left_floor]];
      const mpz_class& num = leave ? F : C;
      const mpz_class& den = leave ? P[by[left_floor]] : P[by[at_cap]];
      // Stop where the sum reaches A before this point; a unit whose share is exactly its floor
      // stays at the floor, and one whose share is exactly its cap goes to the cap.
      const mpz_class at = K * den + num * T, goal = A * den;
      if (leave ? at >= goal : at > goal) break;
      if (leave) {
        K -= F;
        T += P[by[left_floor++]];
      } else {
        K += C;
        T -= P[by[at_cap++]];
      }
    }
  }
  // Each unit's exact share: F, C, or P_i (A - K) / T; rounded down, with the remainder in
  // 1e-9 rounded half away from zero (a remainder that rounds to 1 is a whole unit more).
  const mpz_class rest = A - K;
  for (std::size_t k = 0; k < with_claim; ++k) {
    const std::size_t i = by[k];
    if (k < at_cap) {
      out.share_units[i] = cap;
      out.why[i] = Share::cap;
    } else if (k < left_floor && T > 0) {
      mpz_class q, r;
      mpz_fdiv_qr(q.get_mpz_t(), r.get_mpz_t(), mpz_class(P[i] * rest).get_mpz_t(), T.get_mpz_t());
      mpz_class nanos = (2 * r * billion + T) / (2 * T);
      if (nanos == billion) {
        q += 1;
        nanos = 0;
      }
      out.share_units[i] = small(q);
      out.share_nanos[i] = small(nanos);
      out.why[i] = Share::claim;
    }
  }
  // The largest remainder, ties to the earlier in `order`, never past the cap.
  std::vector<std::size_t> place(n, n);
  for (std::size_t p = 0; p < order.size(); ++p) place[static_cast<std::size_t>(order[p])] = p;
  std::vector<std::size_t> rank(n);
  std::iota(rank.begin(), rank.end(), std::size_t{0});
  std::stable_sort(rank.begin(), rank.end(), [&](std::size_t x, std::size_t y) {
    return out.share_nanos[x] != out.share_nanos[y] ? out.share_nanos[x] > out.share_nanos[y] : place[x] < place[y];
  });
  std::int64_t left = amount;
  for (std::size_t i = 0; i < n; ++i) {
    out.parts[i] = out.share_units[i];
    left -= out.parts[i];
  }
  for (std::size_t k = 0; k < n && left > 0; ++k) {
    const std::size_t i = rank[k];
    if (cap >= 0 && out.parts[i] >= cap) continue;
    ++out.parts[i];
    --left;
  }
  // The exact shares sum to the amount and each remainder is below one: what is left is
  // fewer units than there are remainders, and nothing can be over.
  if (left != 0) throw std::logic_error("share_out: the parts do not add up to the amount");
  return out;
}

}  // namespace xingji
