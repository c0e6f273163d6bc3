#include "xingji/run.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "xingji/manifest.hpp"

namespace xingji {

Run run_assessment(const std::string& path, std::optional<int> year, bool previous, const std::string& encoding) {
  Run run;
  run.assessment = load_assessment(path, encoding);
  run.data = load_data(run.assessment);
  const int y = year ? *year : run.data.latest();
  run.eval = evaluate(run.assessment, run.data, y);
  if (previous && run.data.year(y - 1) != nullptr) run.previous = evaluate(run.assessment, run.data, y - 1);
  return run;
}

std::string star_text(int stars, int max) {
  std::string out;
  for (int i = 0; i < std::max(stars, max); ++i) out += i < stars ? "★" : "☆";
  return out;
}

std::string star_change_text(int change) {
  if (change == 0) return "持平";
  return fmt::format("{}{}星", change > 0 ? "晋" : "降", std::abs(change));
}

}  // namespace xingji
