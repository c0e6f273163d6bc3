#pragma once
/// The arithmetic of spec section 2: leaf achievements, the tree, adjustments, dual
/// evaluation, rounding, stars and ranks, for every unit of one year.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "xingji/data.hpp"
#include "xingji/model.hpp"
#include "xingji/rank.hpp"
#include "xingji/rounding.hpp"

namespace xingji {

/// What the peers of a leaf (units of the same kind with a value this year) give it.
struct LeafStats {
  double max = 0;               ///< `ratio` and `minmax` leaves (the ones that use it): the peers' largest value
  double min = 0;               ///< the same: their smallest
  double mean_achievement = 0;  ///< for `missing: mean`
  std::size_t count = 0;        ///< peers with a value
  std::vector<double> sorted;   ///< `rank` leaves: the peers' values, best first
};

/// What decided a unit's stars or grade when it is below what its score reaches (spec 4.4).
enum class Decided : std::uint8_t {
  score,      ///< the thresholds alone
  gate,       ///< a `requires` of a higher level is not met
  quota,      ///< held back by the `max_share` of a higher level
  promotion,  ///< the rise over last year is limited
  veto,       ///< a triggered veto caps the stars
};

/// Why a unit is backward (bits of UnitScore::backward).
enum BackwardReason : std::uint8_t { backward_stars = 1, backward_score = 2, backward_veto = 4 };

/// One unit's result (roster order); scores are unrounded unless named `shown`.
struct UnitScore {
  double base = 0;
  double bonus = 0;                                           ///< after caps
  double deduction = 0;                                       ///< after caps
  double own = 0;                                             ///< max(0, base + bonus - deduction)
  double members = std::numeric_limits<double>::quiet_NaN();  ///< alliances under dual: member aggregate
  double final = 0;                                           ///< villages: final score; alliances: total
  Rounded shown;                                              ///< `final` rounded: what stars and ranks use
  int score_stars = 0;                                        ///< stars the score reaches
  int stars = 0;                                              ///< after vetoes
  int rank = 0;                                               ///< among all units of the kind
  int veto_cap = -1;  ///< lowest max_stars of the triggered vetoes, -1 when none
  bool vetoed = false;
  bool missing = false;        ///< some leaf value is missing
  bool not_submitted = false;  ///< 未报送: no value at all in the year (rated under missing: zero or mean)
  // Spec 4, packed: half a million units carry these whether an assessment uses them or not.
  Decided star_rule = Decided::score;
  Decided grade_rule = Decided::score;
  Tier tier = Tier::middle;
  std::uint8_t backward = 0;        ///< BackwardReason bits
  std::int8_t grade = -1;           ///< index into the scheme's grades, -1 when none is reached
  std::int8_t previous_stars = -1;  ///< last year's stars under a promotion limit, -1 when none
  std::uint16_t held_stars = 0;     ///< bit l: held back by the quota of star level l
  std::uint16_t held_grades = 0;    ///< bit l: held back by the quota of grade l
  std::uint32_t gates_met = 0;      ///< bit g: scheme.gates[g] is full
  std::uint32_t areas_passed = 0;   ///< five-area mode: bit r: top-level area r reaches `pass`
};

/// Every unit of one kind in one year.
struct KindResult {
  bool scored = false;           ///< the kind is rated (its scheme is given)
  BigVector<UnitScore> units;    ///< in roster order
  Ranking ranking;               ///< every unit in rank order
  std::vector<LeafStats> stats;  ///< per scheme node (leaves only meaningful)
  /// People with linked leaves (spec 6): the year's values with each linked value filled in
  /// (NaN where the person has no linked unit); see rated_values.
  std::optional<Table> linked;
};

/// Every unit of one year, each kind at index_of(kind).
struct Evaluation {
  int year = 0;
  std::vector<KindResult> kinds;
  bool promotion_base = false;  ///< last year's stars limit this year's rise (some unit has previous_stars)

  [[nodiscard]] const KindResult& of(UnitKind kind) const { return kinds[index_of(kind)]; }
  [[nodiscard]] KindResult& of(UnitKind kind) { return kinds[index_of(kind)]; }
};

/// Scores every unit in `year`. Under `missing: error`, every missing value of every unit is
/// reported in one Error. Throws Error when the year has no data.
[[nodiscard]] Evaluation evaluate(const Assessment& assessment, const DataSet& data, int year);

/// The values the units of `kind` were rated on in the evaluated year: the data's, or for
/// people with linked leaves, those with each linked value filled in.
[[nodiscard]] const Table& rated_values(const DataSet& data, const Evaluation& ev, UnitKind kind);

/// One node of a unit's breakdown.
struct NodeResult {
  double raw = std::numeric_limits<double>::quiet_NaN();  ///< leaves: the value given (NaN: missing)
  double achievement = 0;                                 ///< in [0, 1]
  double points = 0;                                      ///< achievement times the node's share of the total
  double max_points = 0;
};

/// One adjustment of a unit's breakdown.
struct AdjustmentResult {
  double count = 0;   ///< the value given (0 when missing)
  double points = 0;  ///< min(count * per, cap), before the scheme's total caps
};

/// The full arithmetic of one unit, for reports and explanations.
struct Breakdown {
  std::vector<NodeResult> nodes;  ///< per scheme node
  std::vector<AdjustmentResult> adjustments;
  std::vector<int> vetoes;   ///< indices of triggered vetoes, scheme order
  std::vector<int> missing;  ///< node indices of missing leaves, scheme order
};

/// Recomputes the breakdown of one unit of the evaluated year (cheap; nothing is stored per node).
[[nodiscard]] Breakdown breakdown(const Assessment& assessment, const DataSet& data, const Evaluation& evaluation,
                                  UnitKind kind, int unit);

/// Whether node `n` is a leaf without a value in a unit's row.
[[nodiscard]] inline bool leaf_missing(const Indicator& n, std::span<const double> row) {
  return n.is_leaf() && std::isnan(row[static_cast<std::size_t>(n.item)]);
}

/// Node indices of the leaves without a value in a unit's row, in scheme order.
[[nodiscard]] std::vector<int> missing_leaves(const Scheme& scheme, std::span<const double> row);

/// The achievement in [0, 1] of leaf `node` for raw value `x` (NaN: missing) among `stats`.
[[nodiscard]] double leaf_achievement(const Indicator& node, const LeafStats& stats, double x, MissingPolicy missing);

/// Whether node `node` of a unit is full (achievement 1, no missing leaf under it): a gate.
[[nodiscard]] bool node_full(const Scheme& scheme, int node, std::span<const double> achievement,
                             std::span<const double> row);

/// The 1-based rank of raw value `x` among the peers of a `rank` leaf (ties share the better rank).
[[nodiscard]] std::size_t peer_rank(const Indicator& node, const LeafStats& stats, double x);

/// Whether the unit's gate on node `node` (one of scheme.gates) is met.
[[nodiscard]] bool gate_met(const Scheme& scheme, int node, const UnitScore& unit);

/// What bars the unit from star level `level` apart from its score and quotas: a veto cap,
/// the promotion limit or a gate, in that order; nullopt when nothing does.
[[nodiscard]] std::optional<Decided> level_barrier(const Scheme& scheme, const StarLevel& level, const UnitScore& unit);

/// Whether star level or grade `level` admits the unit: its score reaches `min` and its gates are met.
[[nodiscard]] bool level_reached(const Scheme& scheme, const StarLevel& level, const UnitScore& unit);
/// Whether the unit's gates for `level` are all met.
[[nodiscard]] bool gates_met(const Scheme& scheme, const StarLevel& level, const UnitScore& unit);

/// The member aggregate of dual evaluation over members' own scores (not empty).
[[nodiscard]] double aggregate_members(std::vector<double> own, MemberAggregate how);

}  // namespace xingji
