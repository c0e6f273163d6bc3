#pragma once
// Internal: which columns an output shows for a kind of unit.

#include <string>

#include "xingji/model.hpp"

namespace xingji::detail {

/// The columns of spec 4 a kind of unit shows, each only when the assessment uses it.
struct Extras {
  bool grade = false;  ///< the scheme has grades
  bool tier = false;   ///< the manifest has tiers
  bool rule = false;   ///< stars need more than thresholds, or grades are given
  bool areas = false;  ///< five-area stars: which areas earned a star
  [[nodiscard]] bool any() const { return grade || tier || rule || areas; }
};
Extras extras_of(const Assessment& a, UnitKind kind);

/// The Chinese title of a roster field (township: 乡镇, ...).
std::string field_title(const std::string& field);

}  // namespace xingji::detail
