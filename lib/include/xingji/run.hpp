#pragma once
/// One computed assessment: the loaded files, the data, and the evaluation of a year
/// (and of the year before, when it has data), ready for the views.

#include <optional>
#include <string>

#include "xingji/data.hpp"
#include "xingji/model.hpp"
#include "xingji/score.hpp"

namespace xingji {

/// Everything the views need.
struct Run {
  Assessment assessment;
  DataSet data;
  Evaluation eval;
  std::optional<Evaluation> previous;  ///< year - 1, when that year has data and was asked for
};

/// Loads the assessment at `path`, its data, and evaluates `year` (default: the latest year
/// in the data); with `previous`, also year - 1 when it has data. Throws Error.
/// `encoding` is that of CSV inputs ("", "utf-8", "gbk" or "gb18030").
[[nodiscard]] Run run_assessment(const std::string& path, std::optional<int> year, bool previous,
                                 const std::string& encoding = {});

/// Stars as ★★★☆☆: `stars` filled out of `max`.
[[nodiscard]] std::string star_text(int stars, int max);
/// A change in stars as a report says it: 晋1星 (up one), 降2星 (down two), 持平 (none).
[[nodiscard]] std::string star_change_text(int change);

}  // namespace xingji
