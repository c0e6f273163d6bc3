// history(): every year with data evaluated as `score --year Y` evaluates it, and what
// follows from the years side by side: changes in stars and runs of rising scores.
#include "xingji/history.hpp"

#include <stdexcept>
#include <utility>

#include "base/i18n.hpp"
#include "xingji/score.hpp"

namespace xingji {

namespace {

// What history keeps of one unit in one year: its evaluation is dropped once read.
struct Kept {
  Rounded final;
  int stars = 0;
  int rank = 0;
  bool not_submitted = false;
};

// Whether year k of a unit can be compared with year k - 1: both years have data (the
// year before is exactly year - 1, as for the report's 较上年 and the promotion limit) and
// the unit sent something in each. A rating `missing: zero` or `mean` gives a unit that sent
// nothing says what the rule gives, not how the unit did: a change into or out of it would
// show a village new to the assessment as 晋3星.
bool comparable(const std::vector<int>& years, const std::vector<HistoryYear>& h, std::size_t k) {
  return k > 0 && years[k - 1] == years[k] - 1 && !h[k].not_submitted && !h[k - 1].not_submitted;
}

UnitHistory unit_history(const std::vector<int>& years, const std::vector<std::vector<Kept>>& kept, int unit,
                         bool stars) {
  UnitHistory u;
  u.unit = unit;
  int run = 0;
  for (std::size_t k = 0; k < years.size(); ++k) {
    const Kept& x = kept[k][static_cast<std::size_t>(unit)];
    u.years.push_back(HistoryYear{years[k], x.final, x.stars, x.rank, std::nullopt, x.not_submitted});
    if (!comparable(years, u.years, k)) {
      run = 0;
      continue;
    }
    const HistoryYear& before = u.years[k - 1];
    HistoryYear& now = u.years[k];
    if (stars) now.change = now.stars - before.stars;
    // A rise is a higher shown score: two scores that read the same are no rise.
    run = now.final > before.final ? run + 1 : 0;
    if (run > 0 && run >= u.longest_rise) {
      u.longest_rise = run;
      u.rise_last = now.year;
    }
  }
  return u;
}

}  // namespace

History history(const Assessment& a, const DataSet& data, UnitKind kind, std::optional<int> unit) {
  const Kind& k = a.kind(kind);
  const Scheme* scheme = a.scheme_for(kind);
  if (scheme == nullptr) {
    throw Error(Location{a.manifest, 0, 0},
                _f("{} are not scored: the manifest names no {} scheme", tr(k.words.plural), tr(k.words.noun)));
  }
  (void)data.latest();  // no data at all: its error
  History h;
  h.kind = kind;
  h.one_unit = unit.has_value();
  h.max_stars = scheme->max_stars();
  std::vector<std::vector<Kept>> kept;
  Ranking latest;
  for (const auto& [year, unused] : data.years) {
    Evaluation ev = evaluate(a, data, year);
    KindResult& result = ev.of(kind);
    std::vector<Kept>& of_year = kept.emplace_back(result.units.size());
    std::vector<std::size_t>& levels = h.levels.emplace_back(static_cast<std::size_t>(h.max_stars) + 1);
    for (std::size_t u = 0; u < result.units.size(); ++u) {
      const UnitScore& r = result.units[u];
      of_year[u] = Kept{r.shown, r.stars, r.rank, r.not_submitted};
      if (r.stars >= 0 && r.stars <= h.max_stars) ++levels[static_cast<std::size_t>(r.stars)];
    }
    h.years.push_back(year);
    latest = std::move(result.ranking);  // the latest year's is kept: years come oldest first
  }
  if (unit) {
    if (*unit < 0 || static_cast<std::size_t>(*unit) >= a.roster.size(kind)) {
      throw std::out_of_range("history: no such unit of the kind");
    }
    h.units.push_back(unit_history(h.years, kept, *unit, scheme->has_stars()));
  } else {
    h.units.reserve(latest.size());
    for (const Placed& p : latest) h.units.push_back(unit_history(h.years, kept, p.unit, scheme->has_stars()));
  }
  return h;
}

}  // namespace xingji
