#pragma once
// Internal: the parts of an Explanation (xingji/explain.hpp), one file each: the nodes and
// the dual evaluation in words (explain.cpp), how stars, grade and tier came about
// (explain_rating.cpp), the path to the next star (explain_next.cpp), and the unit's part
// of the allocations (explain_funds.cpp).

#include <string>

#include <fmt/format.h>

#include "compute/words.hpp"
#include "xingji/explain.hpp"

namespace xingji::detail {

/// The name of node `node` (its id only when it has none), for rules that name an indicator.
[[nodiscard]] inline std::string node_label(const Scheme& s, int node) {
  const Indicator& n = s.nodes[static_cast<std::size_t>(node)];
  return std::string(display_name(n.name, n.id));
}

/// The lines on the unit's stars, the levels it reaches but does not hold, and its grade.
void explain_stars(const Run& run, UnitKind kind, const Scheme& s, const UnitScore& r, Explanation& e);
/// The line on the unit's tier.
void explain_tier(const Run& run, UnitKind kind, int unit, const Scheme& s, const UnitScore& r, Explanation& e);
/// The unit's part of each allocation of the manifest (spec 7), a line each.
void explain_funds(const Run& run, UnitKind kind, int unit, Explanation& e);
/// The way to the unit's next star, when it has not the most.
void explain_next(const Run& run, UnitKind kind, int unit, const Scheme& s, const Breakdown& b, const UnitScore& r,
                  Explanation& e);

}  // namespace xingji::detail
