#pragma once
/// "Why this rating?" (spec 4.6): one unit's whole arithmetic, the rules that decided its
/// stars, grade and tier, and the path to its next star.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "xingji/run.hpp"
#include "xingji/views.hpp"

namespace xingji {

class UnitEvents;

/// One node of the tree as explained.
struct ExplainedNode {
  int node = -1;
  int depth = 0;
  std::string raw;                  ///< the value as given ("" when missing or an area)
  std::string rule;                 ///< how the value became points
  std::vector<std::string> detail;  ///< quarters or rater groups that made the value
  double achievement = 0;
  double points = 0;
  double max_points = 0;
  bool missing = false;
};

/// One rule check of a star level or a grade the score reaches but the unit does not hold.
struct LevelCheck {
  std::string level;   ///< "5星" or a grade label
  std::string reason;  ///< why it is not held
  Decided rule = Decided::score;
};

/// An item that could still give points, for the path to the next star.
struct Gain {
  std::string id;
  std::string name;
  double points = 0;  ///< points of the unit's own score it could still give
  std::string how;    ///< what it takes
};

/// The way to one more star.
struct NextStar {
  int stars = 0;                        ///< the star count aimed at
  double missing_final = 0;             ///< points of the final score still missing (0: reached)
  std::optional<double> missing_own;    ///< the same in own-score points, under dual evaluation
  std::vector<std::string> conditions;  ///< gates to meet, caps that points cannot lift
  std::vector<Gain> gains;              ///< best first
};

/// Everything `explain` shows for one unit.
struct Explanation {
  UnitKind kind = UnitKind::village;
  int unit = -1;
  Breakdown breakdown;  ///< the unit's arithmetic, as `score` computed it
  std::vector<ExplainedNode> nodes;
  std::vector<std::string> dual;  ///< the dual-evaluation parts, one line each
  /// Per adjustment: a ledger adjustment's events by month and what each cap took away (spec 6).
  std::vector<std::vector<std::string>> adjustment_detail;
  std::vector<std::string> stars_why;  ///< how the stars came about, one line each
  std::vector<LevelCheck> blocked;     ///< levels reached by score but not held
  std::vector<std::string> grade_why;
  std::vector<std::string> tier_why;
  std::optional<NextStar> next;    ///< nullopt at the highest level
  std::vector<std::string> funds;  ///< 资金分配: the unit's part of each allocation, a line each
};

/// Explains unit `id` (a village, an alliance or a person) of the evaluated year. Throws
/// Error when the id is unknown, or names a unit of a kind that is not scored. Its ledger
/// events are read from the ledger files, or taken from `events` when given (which must have
/// been made for this unit and the evaluated year): explaining many units, read them once.
[[nodiscard]] Explanation explain(const Run& run, std::string_view id, const UnitEvents* events = nullptr);

/// The unit with this id, or else the one unit with this name (江口村), among the units of
/// `kind` when given (--level: a cadre and a member may share a name); throws Error placed at
/// the command line when there is none, or when the name is shared (listing their ids).
[[nodiscard]] std::optional<UnitRef> find_unit(const Assessment& a, std::string_view id_or_name,
                                               std::optional<UnitKind> kind = std::nullopt);

/// Renders an explanation as text (Format::table, its tables fitted to `width` as
/// render_scores says), Markdown or JSON.
void render_explanation(const Run& run, const Explanation& e, Format format, std::ostream& out, std::size_t width = 0);
[[nodiscard]] std::string render_explanation(const Run& run, const Explanation& e, Format format,
                                             std::size_t width = 0);

/// 考评结果告知单 (spec 8): each explanation laid out as a one-page document to print and hand
/// out, by name and not id: the unit, its place, year, final score, stars, rank, grade and
/// tier, then the items with points and maximum, adjustments and vetoes, why this rating,
/// the way to the next star, and a place for the stamp. Format::html (one file, a page per
/// unit) or Format::md (one after another, parted by rules).
void render_notices(const Run& run, const std::vector<Explanation>& units, Format format, std::ostream& out);
/// The index of a folder of notices: per unit in rank order its rank, name, place, final
/// score and stars, linked to `files[i]` (the file of units[i], beside the index).
void render_notice_index(const Run& run, const std::vector<UnitRef>& units, const std::vector<std::string>& files,
                         Format format, std::ostream& out);

}  // namespace xingji
