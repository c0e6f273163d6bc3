#pragma once
/// 资金分配 (spec 7): an amount shared out among the units of a kind by their ratings, so
/// that caps and floors hold and the parts add up to the amount, to the smallest unit of money.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "xingji/data.hpp"
#include "xingji/model.hpp"
#include "xingji/score.hpp"

namespace xingji {

/// What decided a unit's part.
enum class Share : std::uint8_t {
  claim,          ///< its claim, scaled with the others
  floor,          ///< held up to the floor
  cap,            ///< held down to the cap
  excluded_veto,  ///< excluded: a triggered veto
  excluded_tier,  ///< excluded: its tier
};

/// One unit's part of one sharing.
struct SharedUnit {
  UnitRef unit;
  double weight = 0;        ///< its factor, or its score above the line
  double claim = 0;         ///< base share plus its weight's share (money)
  double exact = 0;         ///< its part before rounding to the unit of money (money)
  std::int64_t amount = 0;  ///< its part in units of money
  Share why = Share::claim;
};

/// One sharing: an allocation's amount among its units, or (`then`) one alliance's part
/// among its member villages.
struct Sharing {
  std::optional<UnitRef> parent;  ///< the alliance whose part this is, for `then`
  std::int64_t amount = 0;        ///< in units of money
  std::int64_t cap = -1;          ///< the most one unit may get, in units of money; -1: no cap
  std::vector<SharedUnit> units;  ///< every unit of the sharing, excluded ones too, in rank order
};

/// An allocation computed for the evaluated year.
struct AllocationResult {
  const Allocation* allocation = nullptr;
  double unit = 1;            ///< the unit of money
  Sharing shared;             ///< among the units of `to`
  std::vector<Sharing> then;  ///< each alliance's part among its villages, alliances in rank order
};

/// Computes `allocation` for the evaluated year; `amount` (money) overrides its amount.
/// Throws Error at the allocation's place in the manifest when it cannot be shared (floors
/// over the amount, caps under it, nobody eligible, an amount that is not a whole number of
/// units, no amount at all).
[[nodiscard]] AllocationResult allocate(const Assessment& a, const Evaluation& ev, const Allocation& allocation,
                                        std::optional<double> amount = std::nullopt);

/// The allocation with id `id`, or every allocation of the manifest when `id` is empty.
/// Throws Error when the manifest has none, or none has that id (with a suggestion).
[[nodiscard]] std::vector<const Allocation*> allocations_named(const Assessment& a, std::string_view id);

/// What makes water-filling impossible.
enum class FillProblem : std::uint8_t { none, floors_over, caps_under, claims_under };

/// Water-filling (spec 7.3): x_i = clamp(L * claims_i, floor, cap) with the L that makes the
/// x sum to `amount`, found by sorting the points where a unit reaches its floor or its cap
/// and solving on the piece where the sum crosses the amount (not by iterating). `cap` < 0
/// means none. `problem` says why no L exists (then the result is empty).
[[nodiscard]] std::vector<double> water_fill(std::span<const double> claims, double amount, double floor, double cap,
                                             FillProblem* problem = nullptr);

/// Whole parts of `exact` (each within one of its exact value) that add up to `total`: each
/// rounded down, then one more to each of the largest remainders (rounded half away from
/// zero to nine decimals; a tie goes to the earlier in `order`, a list of indices), never
/// past `cap` (< 0: none) (largest remainder, spec 7.4).
[[nodiscard]] std::vector<std::int64_t> apportion(std::span<const double> exact, std::int64_t total,
                                                  std::span<const int> order, std::int64_t cap = -1);

}  // namespace xingji
