// evaluate(): every unit of every kind scored in one year (spec 2), in stages: peer
// statistics (peer_stats.cpp), own scores a block of units at a time (here, with the Plan of
// achieve.hpp), dual evaluation (dual.cpp), rounding and ranks, and the rating rules
// (rating.cpp). And breakdown(): the same arithmetic for one unit, node by node.
#include "xingji/score.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/i18n.hpp"
#include "base/parallel.hpp"
#include "compute/achieve.hpp"
#include "compute/dual.hpp"
#include "compute/peer_stats.hpp"
#include "compute/ranking.hpp"
#include "compute/rating.hpp"
#include "compute/stars.hpp"

namespace xingji {

namespace {

using detail::Plan;

// The points of one adjustment in a unit's row, before the scheme's caps on all bonuses and
// all deductions.
double adjustment_points(const Adjustment& adj, std::span<const double> row) {
  const double x = row[static_cast<std::size_t>(adj.item)];
  if (std::isnan(x)) return 0.0;
  const double p = x * adj.per;
  return adj.cap ? std::min(p, *adj.cap) : p;
}

// 未报送: no item of the unit that data gives has a value in the year (spec 5). Items the
// ledgers or links give do not count: a scheme of nothing else never waits for data.
bool sent_nothing(const Scheme& s, std::span<const double> row) {
  bool any = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (!s.from_data(i)) continue;
    if (!std::isnan(row[i])) return false;
    any = true;
  }
  return any;
}

// Scores units [from, to) of `t` into out[from..to): base, adjustments and own score of
// each, with its gates and (five-area mode) areas. Rows are read and achieved a block at a
// time (Plan::achieve).
void score_units(const Scheme& s, const Plan& plan, const Table& t, std::size_t from, std::size_t to, int precision,
                 UnitScore* out) {
  constexpr std::size_t kBlock = Plan::kBlock;
  const std::size_t items = t.items;
  std::vector<double> rows(kBlock * items), a(kBlock * s.nodes.size()), unit_a(s.nodes.size());
  double base[kBlock];
  bool missing[kBlock];
  const bool by_node = !s.gates.empty() || s.star_pass;  // needs a unit's achievements node by node
  for (std::size_t u0 = from; u0 < to; u0 += kBlock) {
    const std::size_t n = std::min(kBlock, to - u0);
    for (std::size_t j = 0; j < n; ++j) t.row(u0 + j, std::span<double>(rows.data() + j * items, items));
    plan.achieve(rows.data(), items, n, kBlock, a.data(), base, missing);
    for (std::size_t j = 0; j < n; ++j) {
      const std::span<const double> row(rows.data() + j * items, items);
      UnitScore& r = out[u0 + j];
      r.base = base[j];
      r.missing = missing[j];
      // Only a unit with a missing leaf can have sent nothing: one look at its row then.
      r.not_submitted = missing[j] && sent_nothing(s, row);
      if (by_node) {
        for (std::size_t k = 0; k < unit_a.size(); ++k) unit_a[k] = a[k * kBlock + j];
        for (std::size_t g = 0; g < s.gates.size(); ++g) {
          if (node_full(s, s.gates[g], unit_a, row)) r.gates_met |= std::uint32_t{1} << g;
        }
        if (s.star_pass) {
          for (std::size_t k = 0; k < s.roots.size() && k < 32; ++k) {
            const double ach = unit_a[static_cast<std::size_t>(s.roots[k])];
            if (round_score(ach * 100, precision).nanos() >= s.star_pass_nanos) r.areas_passed |= std::uint32_t{1} << k;
          }
        }
      }
      double bonus = 0, deduction = 0;
      for (const auto& adj : s.adjustments) (adj.bonus ? bonus : deduction) += adjustment_points(adj, row);
      r.bonus = s.bonus_cap ? std::min(bonus, *s.bonus_cap) : bonus;
      r.deduction = s.deduction_cap ? std::min(deduction, *s.deduction_cap) : deduction;
      r.own = std::max(0.0, r.base + r.bonus - r.deduction);
      const auto cap = veto_cap(s, row);
      r.veto_cap = cap.value_or(-1);
      r.vetoed = cap.has_value();
    }
  }
}

void report_missing(const Assessment& a, UnitKind kind, const Table& t, int year, Diagnostics& diag) {
  const Scheme& s = a.scheme(kind);
  if (s.missing != MissingPolicy::error) return;
  std::vector<double> row(t.items);
  for (std::size_t u = 0; u < t.units; ++u) {
    t.row(u, row);
    const UnitRef ref{kind, static_cast<int>(u)};
    // A unit that sent nothing is one problem, not one per item (spec 5).
    if (sent_nothing(s, row)) {
      diag.add(Location{a.manifest, 0, 0},
               _f("{} '{}' sent no data for {}: none of its items has a value; add its row to the data, or set "
                  "`missing: zero` or `missing: mean` in {} to rate it as not submitted (未报送)",
                  tr(a.kind(kind).words.noun), a.roster.id_of(ref), year, s.file));
      continue;
    }
    for (const auto& n : s.nodes) {
      if (!leaf_missing(n, row)) continue;
      diag.add(Location{a.manifest, 0, 0},
               _f("no value for '{}' of {} '{}' in {}; add it to the data, or set `missing: zero` or "
                  "`missing: mean` in {}",
                  n.id, tr(a.kind(kind).words.noun), a.roster.id_of(UnitRef{kind, static_cast<int>(u)}), year, s.file));
    }
  }
}

// Rounding and ranks of every unit of a kind, then stars and grades. `id_of(unit)` is the
// unit's id, for ties.
template <class IdOf>
Ranking finish(const Scheme& s, IdOf&& id_of, int precision, const BigVector<UnitScore>* previous,
               BigVector<UnitScore>& units) {
  detail::halves(units.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t u = from; u < to; ++u) units[u].shown = round_score(units[u].final, precision);
  });
  auto ranking = detail::rank_by(
      units.size(), [](std::size_t k) { return static_cast<int>(k); },
      [&](int u) { return units[static_cast<std::size_t>(u)].shown.nanos(); }, id_of);
  detail::halves(ranking.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) units[static_cast<std::size_t>(ranking[i].unit)].rank = ranking[i].rank;
  });
  detail::rate(s, ranking, previous, units);
  return ranking;
}

// Every score of a unit is within ±kMaxScore, where rounding and ranking are exact; one
// beyond comes from a data value far out of scale or an uncapped adjustment. Reported once
// for the first such unit (with how many more) against the scheme, whose total and
// adjustments bound a score.
void check_scale(const Assessment& a, UnitKind kind, const BigVector<UnitScore>& units, int year, Diagnostics& diag) {
  const KindWords& words = a.kind(kind).words;
  std::size_t count = 0;
  std::pair<const char*, double> first;  // the first unit's score out of range, and its value
  std::size_t first_unit = 0;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const UnitScore& r = units[u];
    // TRANSLATORS: the parts of a score, in "the bonus of village 'v2' in 2024 is ...".
    const std::pair<const char*, double> parts[] = {
        {N_("base score"), r.base},
        {N_("bonus"), r.bonus},
        {N_("deduction"), r.deduction},
        {N_("own score"), r.own},
        {N_("member score"), std::isnan(r.members) ? 0.0 : r.members},  // NaN: a unit without members
        {N_("final score"), r.final}};
    const auto* it = std::find_if(std::begin(parts), std::end(parts),
                                  [](const auto& p) { return !(std::abs(p.second) <= kMaxScore); });  // NaN, inf too
    if (it == std::end(parts) || count++ > 0) continue;
    first = *it;
    first_unit = u;
  }
  if (count == 0) return;
  const std::string_view id = a.roster.id_of(UnitRef{kind, static_cast<int>(first_unit)});
  const auto limit = static_cast<long long>(kMaxScore);
  const std::string value = format_number(first.second);
  // One sentence for each count of other units, so that each reads whole.
  std::string message;
  if (count == 1) {
    message = _f(
        "the {} of {} '{}' in {} is {}, beyond the {} either way that xingji rates exactly; check the data for {} and "
        "this scheme's total and adjustments (a `cap` bounds one)",
        tr(first.first), tr(words.noun), id, year, value, limit, year);
  } else if (count == 2) {
    message =
        _f("the {} of {} '{}' in {} is {} (1 more {} is out of range too), beyond the {} either way that xingji rates "
           "exactly; check the data for {} and this scheme's total and adjustments (a `cap` bounds one)",
           tr(first.first), tr(words.noun), id, year, value, tr(words.noun), limit, year);
  } else {
    message = _f(
        "the {} of {} '{}' in {} is {} ({} more {} are out of range too), beyond the {} either way that xingji rates "
        "exactly; check the data for {} and this scheme's total and adjustments (a `cap` bounds one)",
        tr(first.first), tr(words.noun), id, year, value, count - 1, tr(words.plural), limit, year);
  }
  diag.add(Location{a.scheme(kind).file, 0, 0}, std::move(message));
}

}  // namespace

Evaluation evaluate(const Assessment& a, const DataSet& data, int year) {
  const YearData* yd = data.year(year);
  if (yd == nullptr) {
    std::vector<int> have;
    for (const auto& [y, unused] : data.years) have.push_back(y);
    const Location where{a.manifest, 0, 0};
    if (std::find(data.blank_years.begin(), data.blank_years.end(), year) != data.blank_years.end()) {
      throw Error(where, have.empty() ? _f("no value was entered for {}: its rows in the data files are blank (a "
                                           "data-entry template not yet filled in?); fill them in",
                                           year)
                                      : _f("no value was entered for {}: its rows in the data files are blank (a "
                                           "data-entry template not yet filled in?); fill them in, or choose one of "
                                           "the years {} with --year",
                                           year, fmt::join(have, ", ")));
    }
    if (have.empty()) throw Error(where, _f("no data for year {}; the data has no values at all", year));
    throw Error(where, _f("no data for year {}; the data has years {}", year, fmt::join(have, ", ")));
  }
  Evaluation ev;
  ev.year = year;
  ev.kinds.resize(a.kinds.size());
  Diagnostics diag;
  // People (spec 6) come after villages and alliances: a linked leaf takes the value of a
  // village or alliance after every rule that rates it.
  auto people = [](const Kind& k) { return k.shape == KindShape::person; };
  for (const Kind& kind : a.kinds) {
    if (kind.rated() && !people(kind)) report_missing(a, kind.id, yd->of(kind.id), year, diag);
  }
  diag.throw_if_any();

  // Own scores. Units are independent once the peer statistics are known: two halves, two cores.
  auto own_scores = [&](const Kind& kind, const Table& table) {
    const Scheme& s = *kind.scheme;
    KindResult& result = ev.of(kind.id);
    result.scored = true;
    result.stats = detail::peer_stats(s, table);
    detail::resize_touched(result.units, a.roster.size(kind.id));
    const Plan plan(s, result.stats);
    detail::halves(result.units.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
      score_units(s, plan, table, from, to, a.precision, result.units.data());
      for (std::size_t u = from; u < to; ++u) result.units[u].final = result.units[u].own;
    });
  };
  for (const Kind& kind : a.kinds) {
    if (kind.rated() && !people(kind)) own_scores(kind, yd->of(kind.id));
  }
  if (a.dual && ev.of(UnitKind::alliance).scored) detail::evaluate_dual(a, *a.dual, ev);
  for (const Kind& kind : a.kinds) {
    if (kind.rated() && !people(kind)) check_scale(a, kind.id, ev.of(kind.id).units, year, diag);
  }
  diag.throw_if_any();
  // A promotion limit needs last year's stars, computed by the same rules (and so limited
  // by the year before, back to the first year with data).
  std::optional<Evaluation> last;
  const bool promotion =
      std::any_of(a.kinds.begin(), a.kinds.end(), [](const Kind& k) { return k.rated() && k.scheme->promotion_up; });
  if (promotion && data.year(year - 1) != nullptr) {
    last = evaluate(a, data, year - 1);
    ev.promotion_base = true;
  }
  auto rate = [&](const Kind& kind) {
    KindResult& result = ev.of(kind.id);
    result.ranking = finish(
        *kind.scheme,
        [&](int u) {
          return a.roster.id_of(UnitRef{kind.id, u});
        },
        a.precision, last ? &last->of(kind.id).units : nullptr, result.units);
    if (a.tiers) detail::place_tiers(*a.tiers, result.ranking, result.units);
  };
  for (const Kind& kind : a.kinds) {
    if (kind.rated() && !people(kind)) rate(kind);
  }
  for (const Kind& kind : a.kinds) {
    if (!kind.rated() || !people(kind)) continue;
    const Table* table = &yd->of(kind.id);
    if (kind.scheme->has_links()) {
      ev.of(kind.id).linked = detail::linked_values(a, ev, kind, *table);
      table = &*ev.of(kind.id).linked;
    }
    report_missing(a, kind.id, *table, year, diag);
    diag.throw_if_any();
    own_scores(kind, *table);
    check_scale(a, kind.id, ev.of(kind.id).units, year, diag);
    diag.throw_if_any();
    rate(kind);
  }
  return ev;
}

const Table& rated_values(const DataSet& data, const Evaluation& ev, UnitKind kind) {
  const KindResult& r = ev.of(kind);
  return r.linked ? *r.linked : data.year(ev.year)->of(kind);
}

Breakdown breakdown(const Assessment& a, const DataSet& data, const Evaluation& ev, UnitKind kind, int unit) {
  const Scheme& s = a.scheme(kind);
  const auto& stats = ev.of(kind).stats;
  const auto row = rated_values(data, ev, kind).row(static_cast<std::size_t>(unit));
  Breakdown b;
  std::vector<double> ach(s.nodes.size());
  double base = 0;
  bool missing = false;
  Plan(s, stats).achieve(row.data(), row.size(), 1, 1, ach.data(), &base, &missing);
  b.nodes.resize(s.nodes.size());
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Indicator& n = s.nodes[i];
    NodeResult& r = b.nodes[i];
    if (n.is_leaf()) r.raw = row[static_cast<std::size_t>(n.item)];
    r.achievement = ach[i];
    r.max_points = n.share * s.total;
    r.points = ach[i] * r.max_points;
  }
  for (const auto& adj : s.adjustments) {
    const double x = row[static_cast<std::size_t>(adj.item)];
    b.adjustments.push_back(AdjustmentResult{std::isnan(x) ? 0.0 : x, adjustment_points(adj, row)});
  }
  b.vetoes = triggered_vetoes(s, row);
  b.missing = missing_leaves(s, row);
  return b;
}

}  // namespace xingji
