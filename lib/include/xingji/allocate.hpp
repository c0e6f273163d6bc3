#pragma once
/// 资金分配 (spec 7): an amount shared out among the units of a kind by their ratings, so
/// that caps and floors hold and the parts add up to the amount, to the smallest unit of money.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
  std::int64_t weight = 0;       ///< its factor, or its score above the line, in 1e-9
  std::int64_t share_units = 0;  ///< its exact share, in whole units of money ...
  std::int64_t share_nanos =
      0;                    ///< ... and 1e-9 units (rounded half away from zero, as the largest remainder reads it)
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
  std::int64_t unit = 1'000'000'000;  ///< the unit of money, in 1e-9 yuan
  Sharing shared;                     ///< among the units of `to`
  std::vector<Sharing> then;          ///< each alliance's part among its villages, alliances in rank order
};

/// Computes `allocation` for the evaluated year; `amount`, as given on a command line
/// (`1000000`, `2.5e6`), overrides its amount. Throws Error at the allocation's place in the
/// manifest when it cannot be shared (floors over the amount, caps under it, nobody
/// eligible), or at `--amount` when that is not a whole number of units.
[[nodiscard]] AllocationResult allocate(const Assessment& a, const Evaluation& ev, const Allocation& allocation,
                                        std::optional<std::string_view> amount = std::nullopt);

/// The allocation with id `id`, or every allocation of the manifest when `id` is empty.
/// Throws Error when the manifest has none, or none has that id (with a suggestion).
[[nodiscard]] std::vector<const Allocation*> allocations_named(const Assessment& a, std::string_view id);

/// What makes water-filling impossible.
enum class FillProblem : std::uint8_t { none, floors_over, caps_under, claims_under };

/// The parts of one sharing (spec 7.2-7.4), in exact arithmetic.
struct Shares {
  FillProblem problem = FillProblem::none;  ///< why there are none, when there are none
  std::vector<std::int64_t> parts;          ///< whole units of money, adding up to the amount
  std::vector<std::int64_t> share_units;    ///< each exact share: whole units ...
  std::vector<std::int64_t> share_nanos;    ///< ... and 1e-9 units, rounded half away from zero
  std::vector<Share> why;                   ///< claim, floor or cap
};

/// Shares `amount` units of money among units of weights `weights` (in 1e-9): a claim is the
/// base share (`base`, in 1e-9, of the amount) split equally plus the rest in proportion to
/// the weights (equally when they are all 0); water-filling then scales the claims so that
/// each part lies between `floor` and `cap` (< 0: none) and the parts sum to the amount,
/// solved on the sorted points where units reach their floor or cap; each part is rounded
/// down and the units left go one each to the largest remainders (rounded half away from
/// zero to nine decimals; a tie to the earlier in `order`, a list of indices), never past
/// the cap. Exact: claims, the scale and the remainders are rationals of big integers, so
/// no amount is too large and no tie is broken by rounding noise.
[[nodiscard]] Shares share_out(std::span<const std::int64_t> weights, std::int64_t base, std::int64_t amount,
                               std::int64_t floor, std::int64_t cap, std::span<const int> order);

}  // namespace xingji
