#pragma once
/// The outputs of `score` and `rank` in every format (spec section 3).

#include <ostream>
#include <string>

#include "xingji/allocate.hpp"
#include "xingji/run.hpp"

namespace xingji {

/// An output format.
enum class Format { table, csv, md, json };

/// `score`: every village then every alliance with own, totals, stars, ranks, vetoes and
/// missing values; `json` is exactly the spec's shape.
void render_scores(const Run& run, Format format, std::ostream& out);
/// The same as a string (small assessments, tests).
[[nodiscard]] std::string render_scores(const Run& run, Format format);

/// What `rank` lists.
struct RankOptions {
  UnitKind level = UnitKind::village;
  std::string by;  ///< a roster field to rank within (villages only), or empty
  int top = 0;     ///< only ranks <= top (ties included), 0 = all
  int bottom = 0;  ///< only the lowest `bottom` (ties included), 0 = all
};

/// `rank`: the ranking of villages or alliances, overall or within groups of a roster field.
/// Throws Error when alliances are asked for but not scored.
void render_ranking(const Run& run, const RankOptions& options, Format format, std::ostream& out);
/// The same as a string.
[[nodiscard]] std::string render_ranking(const Run& run, const RankOptions& options, Format format);

/// What `allocate` shows besides the parts.
struct AllocateOptions {
  std::string by;  ///< a roster field to sum the parts by (township, county, ...), or empty
};

/// `allocate` (spec 7): per allocation and unit its rank, name, stars, score, weight, exact
/// share, amount, percent and why, the total equal to the amount, and `then` per alliance.
void render_allocations(const Run& run, const std::vector<AllocationResult>& results, const AllocateOptions& o,
                        Format format, std::ostream& out);
/// The same as a string.
[[nodiscard]] std::string render_allocations(const Run& run, const std::vector<AllocationResult>& results,
                                             const AllocateOptions& o, Format format);

}  // namespace xingji
