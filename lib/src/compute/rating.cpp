// The rating rules of spec 4.4 and 4.5: what a unit's rounded score, rank, gates, vetoes and
// last year's stars give it, level by level and quota by quota.
#include "compute/rating.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "base/parallel.hpp"
#include "compute/stars.hpp"

namespace xingji {

bool gate_met(const Scheme& s, int node, const UnitScore& r) {
  const auto g = static_cast<std::size_t>(std::find(s.gates.begin(), s.gates.end(), node) - s.gates.begin());
  return (r.gates_met >> g & 1u) != 0;
}

bool gates_met(const Scheme& s, const StarLevel& level, const UnitScore& r) {
  return std::all_of(level.required.begin(), level.required.end(), [&](int node) { return gate_met(s, node, r); });
}

std::optional<Decided> level_barrier(const Scheme& s, const StarLevel& level, const UnitScore& r) {
  if (r.vetoed && level.stars > r.veto_cap) return Decided::veto;
  if (r.previous_stars >= 0 && level.stars > r.previous_stars + s.promotion_up.value_or(0)) return Decided::promotion;
  if (!gates_met(s, level, r)) return Decided::gate;
  return std::nullopt;
}

bool level_reached(const Scheme& s, const StarLevel& level, const UnitScore& r) {
  return r.shown.nanos() >= level.min_nanos && gates_met(s, level, r);
}

namespace {

// How a unit stands at a level while levels are filled: not a candidate, a candidate for one
// of its seats, or holding it without a seat (a capped unit, spec 4.4).
enum class Place : std::uint8_t { no, compete, seatless };

// Fills `levels` (highest first) from the top in rank order (spec 4.4): a unit takes the
// highest level where `place` makes it a candidate and the quota has room, or where it
// holds the level without a seat; a tie group of candidates that would overflow a quota is
// held back whole, and so is every candidate ranked after it at that level.
template <class PlaceAt, class Assign>
void fill_levels(const std::vector<StarLevel>& levels, const Ranking& ranking, std::vector<int>& level_of,
                 PlaceAt&& place, Assign&& hold) {
  const std::size_t n = ranking.size();
  std::vector<int> group;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const StarLevel& level = levels[l];
    const std::size_t quota = level.max_share ? level.quota(n) : n;
    std::size_t used = 0;
    bool closed = false;
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i;
      group.clear();
      for (; j < n && ranking[j].rank == ranking[i].rank; ++j) {
        const auto u = static_cast<std::size_t>(ranking[j].unit);
        if (level_of[u] >= 0) continue;
        const Place p = place(u, l);
        if (p == Place::compete) group.push_back(static_cast<int>(u));
        if (p == Place::seatless) level_of[u] = static_cast<int>(l);
      }
      i = j;
      if (group.empty()) continue;
      if (closed || used + group.size() > quota) {
        closed = true;
        for (int u : group) hold(static_cast<std::size_t>(u), l);
        continue;
      }
      for (int u : group) level_of[static_cast<std::size_t>(u)] = static_cast<int>(l);
      used += group.size();
    }
  }
}

// The most stars a unit may hold this year (spec 4.4): the lowest of its vetoes' `max_stars`
// and last year's stars plus `up`; INT_MAX when nothing caps it.
int stars_cap(const Scheme& s, const UnitScore& r) {
  int cap = std::numeric_limits<int>::max();
  if (r.vetoed) cap = std::min(cap, r.veto_cap);
  if (r.previous_stars >= 0 && s.promotion_up) cap = std::min(cap, r.previous_stars + *s.promotion_up);
  return cap;
}

// Why a unit with `stars` does not hold `top`, the highest level its score reaches (`top`
// stars; with `top_level` in level mode), checked in the order veto, promotion, gate, quota
// in both modes (spec 4.4).
Decided star_rule(const Scheme& s, const UnitScore& r, int top, const StarLevel* top_level) {
  if (r.stars >= top) return Decided::score;
  if (r.vetoed && r.veto_cap < top) return Decided::veto;
  if (r.previous_stars >= 0 && s.promotion_up && r.previous_stars + *s.promotion_up < top) return Decided::promotion;
  if (top_level != nullptr && !gates_met(s, *top_level, r)) return Decided::gate;
  return Decided::quota;
}

}  // namespace

namespace detail {

// Stars, grades and what decided them, for every unit of a kind (after ranking). A veto or
// the promotion limit caps the stars at min(stars, cap) in both modes, also where the cap is
// no level of the scheme (spec 4.4).
void rate(const Scheme& s, const Ranking& ranking, const BigVector<UnitScore>* previous, BigVector<UnitScore>& units) {
  const bool thresholds = s.star_pass || !s.star_rules();
  halves(units.size(), kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t u = from; u < to; ++u) {
      UnitScore& r = units[u];
      if (s.promotion_up && previous != nullptr) r.previous_stars = static_cast<std::int8_t>((*previous)[u].stars);
      r.score_stars = s.star_pass ? std::popcount(r.areas_passed) : stars_for(s, r.shown.nanos());
      if (!thresholds) continue;
      // Thresholds (or passed areas), then the veto and promotion caps.
      r.stars = std::min(r.score_stars, stars_cap(s, r));
      r.star_rule = star_rule(s, r, r.score_stars, nullptr);
    }
  });
  if (!thresholds) {
    // A capped unit competes for seats only at levels up to its cap. Where the cap is no
    // level of the scheme, a level above it that the unit reaches (score and gates) gives it
    // the cap without a seat: there is no quota of that many stars to take one from. Where
    // the cap is a level, the unit competes for that level's seats like any other.
    const auto is_level = [&](int stars) {
      return std::any_of(s.stars.begin(), s.stars.end(), [&](const StarLevel& l) { return l.stars == stars; });
    };
    std::vector<int> caps(units.size());
    std::vector<std::uint8_t> cap_is_level(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
      caps[u] = stars_cap(s, units[u]);
      cap_is_level[u] = caps[u] != std::numeric_limits<int>::max() && is_level(caps[u]);
    }
    std::vector<int> level_of(units.size(), -1);
    fill_levels(
        s.stars, ranking, level_of,
        [&](std::size_t u, std::size_t l) {
          const StarLevel& level = s.stars[l];
          if (!level_reached(s, level, units[u])) return Place::no;
          if (level.stars <= caps[u]) return Place::compete;
          return cap_is_level[u] ? Place::no : Place::seatless;
        },
        [&](std::size_t u, std::size_t l) { units[u].held_stars |= static_cast<std::uint16_t>(1u << l); });
    for (std::size_t u = 0; u < units.size(); ++u) {
      UnitScore& r = units[u];
      r.stars = level_of[u] >= 0 ? std::min(s.stars[static_cast<std::size_t>(level_of[u])].stars, caps[u]) : 0;
      const auto top = std::find_if(s.stars.begin(), s.stars.end(),
                                    [&](const StarLevel& l) { return r.shown.nanos() >= l.min_nanos; });
      if (top != s.stars.end()) r.star_rule = star_rule(s, r, top->stars, &*top);
    }
  }
  if (s.grades.empty()) return;
  std::vector<int> grade_of(units.size(), -1);
  fill_levels(
      s.grades, ranking, grade_of,
      [&](std::size_t u, std::size_t l) {
        return level_reached(s, s.grades[l], units[u]) ? Place::compete : Place::no;
      },
      [&](std::size_t u, std::size_t l) { units[u].held_grades |= static_cast<std::uint16_t>(1u << l); });
  for (std::size_t u = 0; u < units.size(); ++u) {
    UnitScore& r = units[u];
    r.grade = static_cast<std::int8_t>(grade_of[u]);
    for (std::size_t l = 0; l < s.grades.size() && static_cast<int>(l) < (r.grade < 0 ? 64 : r.grade); ++l) {
      if (r.shown.nanos() < s.grades[l].min_nanos) continue;
      r.grade_rule = gates_met(s, s.grades[l], r) ? Decided::quota : Decided::gate;
      break;
    }
  }
}

// Tiers of every unit of a kind (spec 4.5): backward whenever any condition holds; advanced
// when every given condition holds; the rest are the middle.
void place_tiers(const Tiers& t, const Ranking& ranking, BigVector<UnitScore>& units) {
  const std::uint64_t top = share_count(t.top_nanos, ranking.size(), true);
  const bool any_advanced = t.min_stars || t.top_share;
  for (const auto& p : ranking) {
    UnitScore& r = units[static_cast<std::size_t>(p.unit)];
    r.backward = 0;
    if (t.max_stars && r.stars <= *t.max_stars) r.backward |= backward_stars;
    if (t.below && r.shown.nanos() < t.below_nanos) r.backward |= backward_score;
    if (t.veto && r.vetoed) r.backward |= backward_veto;
    if (r.backward != 0) {
      r.tier = Tier::backward;
    } else if (any_advanced && (!t.min_stars || r.stars >= *t.min_stars) &&
               (!t.top_share || static_cast<std::uint64_t>(p.rank) <= top)) {
      r.tier = Tier::advanced;
    } else {
      r.tier = Tier::middle;
    }
  }
}

}  // namespace detail

}  // namespace xingji
