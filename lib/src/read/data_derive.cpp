// Values that come from other values after reading: a quarterly leaf's four quarters combined
// (spec 4.2), a rated leaf's ballots combined by group and weighted (spec 4.3).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

#include "base/i18n.hpp"
#include "read/data_loader.hpp"
#include "xingji/number.hpp"

namespace xingji {

GroupRating combine_ratings(std::vector<std::pair<double, double>> votes, RaterCombine how) {
  GroupRating out;
  std::sort(votes.begin(), votes.end());
  for (const auto& v : votes) out.ballots += v.second;
  // The mean of the ballots from `lo` to `hi` (ballot positions, counts expanded).
  auto mean_between = [&](double lo, double hi) {
    double sum = 0, pos = 0;
    for (const auto& [value, count] : votes) {
      const double from = std::max(pos, lo), to = std::min(pos + count, hi);
      if (to > from) sum += value * (to - from);
      pos += count;
    }
    return sum / (hi - lo);
  };
  // The ballot at 0-based position k.
  auto at = [&](double k) {
    double pos = 0;
    for (const auto& [value, count] : votes) {
      if (k < pos + count) return value;
      pos += count;
    }
    return votes.back().first;
  };
  switch (how) {
    case RaterCombine::mean:
      out.combined = mean_between(0, out.ballots);
      break;
    case RaterCombine::median: {
      const double n = out.ballots;
      const double mid = std::floor(n / 2);
      out.combined = std::fmod(n, 2) == 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
      break;
    }
    case RaterCombine::trimmed:
      if (out.ballots >= 3) {
        out.dropped = 2;
        out.combined = mean_between(1, out.ballots - 1);
      } else {
        out.combined = mean_between(0, out.ballots);
      }
      break;
  }
  return out;
}

double combine_quarters(std::span<const double, 4> q, Combine how, MissingQuarter missing) {
  double sum = 0, best = -std::numeric_limits<double>::infinity(), last = std::numeric_limits<double>::quiet_NaN();
  int used = 0;
  for (double x : q) {
    if (std::isnan(x)) {
      if (missing == MissingQuarter::skip) continue;
      x = 0;  // `zero` (under `error` every quarter is present)
    }
    sum += x;
    best = std::max(best, x);
    last = x;
    ++used;
  }
  if (used == 0) return std::numeric_limits<double>::quiet_NaN();
  switch (how) {
    case Combine::mean:
      return sum / used;
    case Combine::sum:
      return sum;
    case Combine::max:
      return best;
    case Combine::last:
      return last;
  }
  return sum / used;
}

namespace detail {

namespace {

// Quarterly leaves: their quarters combined into the leaf's cell.
void derive_quarters(const Scheme& s, UnitKind kind, int year, Table& t, Loader& L) {
  for (const auto& n : s.nodes) {
    if (!n.is_leaf() || !n.quarterly) continue;
    const auto q1 = static_cast<std::size_t>(n.quarter_item);
    const Item& it = s.items[static_cast<std::size_t>(n.item)];
    std::array<double, 4> q{};
    for (std::size_t u = 0; u < t.units; ++u) {
      for (std::size_t k = 0; k < 4; ++k) q[k] = t.at(u, q1 + k);
      int given = 0;
      for (double x : q) given += std::isnan(x) ? 0 : 1;
      if (given == 0) continue;  // no quarter at all: the leaf is missing
      int first = 0;
      while (std::isnan(q[static_cast<std::size_t>(first)])) ++first;
      const auto unit = static_cast<int>(u);
      const int at = n.quarter_item + first;
      if (given < 4 && n.missing_quarter == MissingQuarter::error) {
        std::vector<std::string> have, lack;
        for (int k = 0; k < 4; ++k) {
          (std::isnan(q[static_cast<std::size_t>(k)]) ? lack : have).push_back(fmt::format("{}Q{}", year, k + 1));
        }
        L.later(kind, unit, year, at,
                _f("{} '{}' has '{}' for {} but not for {}; give the missing quarters, or set "
                   "`missing_quarter: zero` or `skip` for it in {}",
                   L.noun(kind), L.unit_id(UnitRef{kind, unit}), n.id, fmt::join(have, _(", ")),
                   fmt::join(lack, _(", ")), s.file));
        continue;
      }
      const double x = combine_quarters(q, n.combine, n.missing_quarter);
      if (it.highest && x > *it.highest) {
        L.later(
            kind, unit, year, at,
            _f("the quarters of '{}' for {} '{}' in {} combine to {} points, more than its weight {}; "
               "give smaller quarterly points or combine by mean",
               n.id, L.noun(kind), L.unit_id(UnitRef{kind, unit}), year, format_number(x), format_number(*it.highest)));
        continue;
      }
      t.set(u, static_cast<std::size_t>(n.item), x);
    }
  }
}

// Rated leaves: each group's ballots combined, the groups weighted into the leaf's cell.
void derive_ratings(const Scheme& s, UnitKind kind, int year, Table& t, std::vector<Ballot>& ballots, Loader& L) {
  std::stable_sort(ballots.begin(), ballots.end(), [](const Ballot& x, const Ballot& y) {
    return std::tie(x.unit, x.item, x.group) < std::tie(y.unit, y.item, y.group);
  });
  for (std::size_t i = 0; i < ballots.size();) {
    std::size_t end = i;
    while (end < ballots.size() && ballots[end].unit == ballots[i].unit && ballots[end].item == ballots[i].item) ++end;
    const Ballot& first = ballots[i];
    const Indicator& n = s.nodes[static_cast<std::size_t>(s.items[static_cast<std::size_t>(first.item)].index)];
    const Raters& r = *n.raters;
    const std::string unit = L.unit_id(UnitRef{kind, first.unit});
    double raw = 0;
    bool ok = true;
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
      std::vector<std::pair<double, double>> votes;
      for (std::size_t b = i; b < end; ++b) {
        if (ballots[b].group == static_cast<int>(g) && ballots[b].count > 0)
          votes.emplace_back(ballots[b].value, ballots[b].count);
      }
      double count = 0;
      for (const auto& v : votes) count += v.second;
      if (votes.empty()) {
        L.diag().add(first.where,
                     _f("{} '{}' has no ballots from rater group '{}' for '{}' in {}; every group must rate "
                        "(a group's weight cannot be shared out)",
                        L.noun(kind), unit, r.groups[g].name, n.id, year));
        ok = false;
        continue;
      }
      if (count < r.min_ballots) {
        L.diag().add(first.where,
                     _f("{} '{}' has {} ballots from rater group '{}' for '{}' in {}, fewer than its quorum "
                        "min_ballots: {}; collect more ballots or lower 'min_ballots'",
                        L.noun(kind), unit, format_number(count), r.groups[g].name, n.id, year, r.min_ballots));
        ok = false;
        continue;
      }
      raw += r.groups[g].weight * combine_ratings(std::move(votes), r.combine).combined;
    }
    if (ok) t.set(static_cast<std::size_t>(first.unit), static_cast<std::size_t>(first.item), raw);
    i = end;
  }
}

}  // namespace

void derive(const Assessment& a, DataSet& data, Loader& L) {
  for (auto& [year, yd] : data.years) {
    for (const Kind& kind : a.kinds) {
      if (!kind.rated() || !kind.scheme->derived_leaves()) continue;
      KindValues& values = yd.kinds[index_of(kind.id)];
      derive_quarters(*kind.scheme, kind.id, year, values.table, L);
      derive_ratings(*kind.scheme, kind.id, year, values.table, values.ballots, L);
    }
  }
}

}  // namespace detail

}  // namespace xingji
