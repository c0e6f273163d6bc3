// `allocate` (spec 7): per unit its rank, name, stars, score, weight, exact share, amount,
// percent and why, with the total equal to the amount; `then` parts alliance by alliance.
#include "write/allocations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "base/exact.hpp"
#include "base/i18n.hpp"
#include "compute/words.hpp"
#include "write/columns.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"
#include "xingji/views.hpp"

namespace xingji {

namespace detail {

namespace {

// A share in 1e-9 as a percentage: 0.3 is "30".
std::string percent_text(std::int64_t share) { return nanos_text(static_cast<Nanos>(share) * 100); }

}  // namespace

std::string rule_text(const Assessment& a, const ShareRule& rule, std::int64_t unit) {
  std::vector<std::string> parts;
  if (rule.base > 0) parts.push_back(fmt::format("基础份额{}%", percent_text(rule.base)));
  if (rule.by == ShareRule::By::stars) {
    std::vector<std::string> factors;
    for (const auto& [level, factor] : rule.factors)
      factors.push_back(fmt::format("{}星×{}", level, nanos_text(factor)));
    parts.push_back(factors.empty() ? std::string("按星级") : fmt::format("按星级（{}）", fmt::join(factors, "、")));
  } else {
    parts.push_back(rule.above > 0 ? fmt::format("按得分超出{}分的部分", nanos_text(rule.above)) : "按得分");
  }
  if (rule.floor > 0) parts.push_back(fmt::format("保底{}元", money_text(rule.floor, unit)));
  if (rule.cap_share) parts.push_back(fmt::format("每个单位最多{}%", percent_text(*rule.cap_share)));
  if (rule.exclude_veto) parts.push_back("被一票否决的不参加");
  for (const Tier t : rule.exclude_tiers) parts.push_back(fmt::format("{}不参加", tier_label(*a.tiers, t)));
  return fmt::format("{}", fmt::join(parts, "，"));
}

std::string why_text(const Assessment& a, const ShareRule& rule, const SharedUnit& s, Tier tier, bool machine) {
  switch (s.why) {
    case Share::claim:
      return "";
    case Share::floor:
      return machine ? "floor" : "保底";
    case Share::cap:
      return machine ? "cap" : fmt::format("封顶{}%", percent_text(*rule.cap_share));
    case Share::excluded_veto:
      return machine ? "excluded:veto" : "不参加：一票否决";
    case Share::excluded_tier:
      return machine ? "excluded:tier" : "不参加：" + tier_label(*a.tiers, tier);
  }
  return "";
}

TextTable sharing_table(const Run& run, const AllocationResult& r, const Sharing& s, const ShareRule& rule,
                        bool machine) {
  const Assessment& a = run.assessment;
  TextTable t;
  t.column(machine ? "rank" : "排名", true);
  if (machine) t.column("id");
  t.column(machine ? "name" : "名称");
  t.whole_column(machine ? "stars" : "星级");
  t.fixed(t.column(machine ? "score" : "得分", true), a.precision);
  t.column(machine ? "weight" : "权重", true);
  t.column(machine ? "share" : "应得", true);
  t.column(machine ? "amount" : "金额（元）", true);
  t.column(machine ? "percent" : "占比", true);
  t.column(machine ? "why" : "说明");
  // The exact share with two decimals more than the money (at most nine).
  const int d = std::min(9, money_decimals(r.unit) + 2);
  for (const SharedUnit& u : s.units) {
    const UnitScore& score = run.eval.of(u.unit.kind).units[static_cast<std::size_t>(u.unit.index)];
    const Scheme& scheme = a.scheme(u.unit.kind);
    const bool excluded = u.why == Share::excluded_veto || u.why == Share::excluded_tier;
    t.row();
    t.cell(std::to_string(score.rank));
    if (machine) t.cell(a.roster.id_of(u.unit));
    t.cell(machine ? std::string(a.roster.name_of(u.unit))
                   : display_name(a.roster.name_of(u.unit), a.roster.id_of(u.unit)));
    t.cell(machine ? std::to_string(score.stars) : star_text(score.stars, scheme.max_stars()));
    t.cell(score.shown.str());
    t.cell(excluded ? "" : nanos_text(u.weight));
    t.cell(excluded ? "" : share_text(u.share_units, u.share_nanos, r.unit, d));
    t.cell(money_text(u.amount, r.unit));
    t.cell(machine && s.amount == 0 ? "" : percent_of(u.amount, s.amount, !machine));
    t.cell(why_text(a, rule, u, score.tier, machine));
  }
  t.row();
  t.cell("");
  if (machine) t.cell("");
  t.cell(machine ? "total" : "合计");
  for (int k = 0; k < 3; ++k) t.cell("");
  t.cell(share_text(s.amount, 0, r.unit, d));
  t.cell(money_text(s.amount, r.unit));
  t.cell(machine && s.amount == 0 ? "" : percent_of(s.amount, s.amount, !machine));
  t.cell("");
  return t;
}

}  // namespace detail

namespace {

using detail::money_text;
using detail::percent_of;

// Units of money per group of a roster field, over every unit that got a part.
TextTable group_table(const Run& run, const AllocationResult& r, const std::string& field, bool machine) {
  std::vector<std::string> order;
  std::map<std::string, std::pair<std::size_t, std::int64_t>> sums;
  auto add = [&](const Sharing& s) {
    for (const SharedUnit& u : s.units) {
      const auto value = run.assessment.roster.field(u.unit, field);
      if (!value) {
        throw Error(Location{"--by", 0, 0},
                    _f("{} have no '{}' to group by; use --by with an allocation to villages, or with `then`",
                       tr(run.assessment.kind(u.unit.kind).words.plural), field));
      }
      auto [it, fresh] = sums.try_emplace(std::string(*value));
      if (fresh) order.emplace_back(*value);
      ++it->second.first;
      it->second.second += u.amount;
    }
  };
  if (r.then.empty()) {
    add(r.shared);
  } else {
    for (const Sharing& s : r.then) add(s);
  }
  TextTable t;
  t.column(machine ? field : detail::field_title(field));
  t.column(machine ? "units" : "单位数", true);
  t.column(machine ? "amount" : "金额（元）", true);
  t.column(machine ? "percent" : "占比", true);
  for (const auto& g : order) {
    const auto& [count, amount] = sums[g];
    t.row();
    if (g.empty()) {
      t.cell(machine ? "" : "（未填）");
    } else if (field == "alliance" && !machine) {
      // An alliance by its name where people read.
      const auto ref = run.assessment.roster.find(g);
      t.cell(ref ? detail::display_name(run.assessment.roster.name_of(*ref), g) : g);
    } else {
      t.cell(g);
    }
    t.cell(std::to_string(count));
    t.cell(money_text(amount, r.unit));
    t.cell(machine && r.shared.amount == 0 ? "" : percent_of(amount, r.shared.amount, !machine));
  }
  return t;
}

std::string heading(const Run& run, const AllocationResult& r, bool md) {
  const Allocation& al = *r.allocation;
  return fmt::format("{}{} 资金分配：{}\n\n{}\n", md ? "# " : "", detail::year_title(run.assessment, run.eval.year),
                     detail::display_name(al.name, al.id), detail::allocation_summary(run, r));
}

}  // namespace

namespace detail {

std::string allocation_summary(const Run& run, const AllocationResult& r) {
  const Allocation& al = *r.allocation;
  const Assessment& a = run.assessment;
  std::string out = fmt::format("总额{}元，分给{}（{}个）：{}。金额以{}元为单位，按最大余数法取整，合计等于总额。\n",
                                money_text(r.shared.amount, r.unit), a.kind(al.to).words.title, r.shared.units.size(),
                                rule_text(a, al.rule, r.unit), money_text(1, r.unit));
  if (al.then) out += fmt::format("各联盟所得再分给其成员村：{}。\n", rule_text(a, *al.then, r.unit));
  return out;
}

}  // namespace detail

namespace {

void human(const Run& run, const AllocationResult& r, const AllocateOptions& o, bool md, std::size_t width,
           std::string& out) {
  const auto table = [&](const TextTable& t) { md ? render_markdown(t, out) : render_text(t, out, width); };
  out += heading(run, r, md);
  table(detail::sharing_table(run, r, r.shared, r.allocation->rule, false));
  for (const Sharing& s : r.then) {
    const UnitRef parent = *s.parent;
    out += fmt::format("\n{}{}（{}元）分给成员村\n\n", md ? "## " : "",
                       detail::display_name(run.assessment.roster.name_of(parent), run.assessment.roster.id_of(parent)),
                       money_text(s.amount, r.unit));
    table(detail::sharing_table(run, r, s, *r.allocation->then, false));
  }
  if (!o.by.empty()) {
    out += fmt::format("\n{}按{}汇总\n\n", md ? "## " : "", detail::field_title(o.by));
    table(group_table(run, r, o.by, false));
  }
}

void csv(const Run& run, const AllocationResult& r, bool header, std::string& out) {
  auto rows = [&](const Sharing& s, const ShareRule& rule, std::string_view parent) {
    TextTable t = detail::sharing_table(run, r, s, rule, true);
    t.header.insert(t.header.begin(), {"allocation", "alliance"});
    for (auto& row : t.rows) row.insert(row.begin(), {r.allocation->id, std::string(parent)});
    std::string text;
    render_csv(t, text);
    out += header ? text : text.substr(text.find('\n') + 1);
    header = false;
  };
  rows(r.shared, r.allocation->rule, "");
  for (const Sharing& s : r.then) rows(s, *r.allocation->then, run.assessment.roster.id_of(*s.parent));
}

// A unit's exact share in yuan to nine decimals, without trailing zeros (133692.6315789).
std::string exact_share(const SharedUnit& u, std::int64_t unit) {
  std::string text = detail::share_text(u.share_units, u.share_nanos, unit, 9);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string json_units(const Run& run, const AllocationResult& r, const Sharing& s, const ShareRule& rule) {
  const Assessment& a = run.assessment;
  std::string out = "[";
  for (std::size_t i = 0; i < s.units.size(); ++i) {
    const SharedUnit& u = s.units[i];
    const UnitScore& score = run.eval.of(u.unit.kind).units[static_cast<std::size_t>(u.unit.index)];
    const bool excluded = u.why == Share::excluded_veto || u.why == Share::excluded_tier;
    fmt::format_to(std::back_inserter(out),
                   "{}{{\"rank\": {}, \"id\": {}, \"name\": {}, \"stars\": {}, \"score\": {}, \"weight\": {}, "
                   "\"share\": {}, \"amount\": {}, \"percent\": {}, \"why\": {}}}",
                   i ? ",\n    " : "\n    ", score.rank, json_string(a.roster.id_of(u.unit)),
                   json_string(a.roster.name_of(u.unit)), score.stars, score.shown.str(),
                   excluded ? "null" : detail::nanos_text(u.weight), excluded ? "null" : exact_share(u, r.unit),
                   money_text(u.amount, r.unit), s.amount == 0 ? "null" : percent_of(u.amount, s.amount, false),
                   u.why == Share::claim ? "null" : json_string(detail::why_text(a, rule, u, score.tier, true)));
  }
  return out + (s.units.empty() ? "]" : "\n  ]");
}

std::string json(const Run& run, const AllocationResult& r) {
  const Allocation& al = *r.allocation;
  const Assessment& a = run.assessment;
  std::string out = fmt::format(
      "{{\"id\": {}, \"name\": {}, \"year\": {}, \"to\": \"{}\", \"unit\": {}, \"amount\": {},\n  \"units\": {}",
      json_string(al.id), json_string(al.name), run.eval.year, a.kind(al.to).words.id, detail::nanos_text(r.unit),
      money_text(r.shared.amount, r.unit), json_units(run, r, r.shared, al.rule));
  if (al.then) {
    out += ",\n  \"then\": [";
    for (std::size_t i = 0; i < r.then.size(); ++i) {
      const Sharing& s = r.then[i];
      fmt::format_to(std::back_inserter(out), "{}{{\"alliance\": {}, \"amount\": {}, \"units\": {}}}",
                     i ? ",\n  " : "\n  ", json_string(a.roster.id_of(*s.parent)), money_text(s.amount, r.unit),
                     json_units(run, r, s, *al.then));
    }
    out += r.then.empty() ? "]" : "\n  ]";
  }
  return out + "}";
}

}  // namespace

void render_allocations(const Run& run, const std::vector<AllocationResult>& results, const AllocateOptions& o,
                        Format format, std::ostream& os, std::size_t width) {
  std::string out;
  if (format == Format::json) {
    out = fmt::format("{{\"name\": {}, \"year\": {}, \"allocations\": [", json_string(run.assessment.name),
                      run.eval.year);
    for (std::size_t i = 0; i < results.size(); ++i) out += (i ? ",\n " : "\n ") + json(run, results[i]);
    out += results.empty() ? "]}\n" : "\n]}\n";
  } else if (format == Format::csv) {
    for (std::size_t i = 0; i < results.size(); ++i) csv(run, results[i], i == 0, out);
  } else {
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (i > 0) out += "\n";
      human(run, results[i], o, format == Format::md, width, out);
    }
  }
  os << out;
}

std::string render_allocations(const Run& run, const std::vector<AllocationResult>& results, const AllocateOptions& o,
                               Format format, std::size_t width) {
  std::ostringstream os;
  render_allocations(run, results, o, format, os, width);
  return std::move(os).str();
}

}  // namespace xingji
