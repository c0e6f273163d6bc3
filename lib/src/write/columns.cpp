#include "write/columns.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "compute/words.hpp"

namespace xingji::detail {

std::string_view assessment_title(const Assessment& a) {
  return a.name.empty() ? std::string_view("星级评定") : std::string_view(a.name);
}

std::string year_title(const Assessment& a, int year) {
  const std::string_view name = assessment_title(a);
  // "2024年度村级党组织星级评定" already says its year: not "... 2024年" again.
  if (name.find(fmt::to_string(year)) != std::string_view::npos) return std::string(name);
  return fmt::format("{} {}年", name, year);
}

Extras extras_of(const Assessment& a, UnitKind kind) {
  const Scheme* s = a.scheme_for(kind);
  Extras e;
  if (s == nullptr) return e;
  e.grade = !s->grades.empty();
  e.tier = a.tiers.has_value();
  e.rule = s->star_rules() || s->star_pass.has_value() || e.grade;
  e.areas = s->star_pass.has_value();
  return e;
}

void extra_columns(TextTable& t, const Extras& e, bool machine) {
  if (e.areas) t.column(machine ? "star_areas" : "所得星");
  if (e.grade) t.column(machine ? "grade" : "等次");
  if (e.rule) t.column(machine ? "rule" : "定级依据");
  if (e.tier) t.column(machine ? "tier" : "分层");
}

void extra_cells(TextTable& t, const Extras& e, bool machine, const Assessment& a, const Scheme& s,
                 const UnitScore& r) {
  if (e.areas) t.cell(id_list(star_areas(s, r, !machine), machine ? ';' : ','));
  if (e.grade) t.cell(grade_label(s, r));
  if (e.rule) t.cell(machine ? rule_code(r.star_rule) : rule_title(r.star_rule));
  if (e.tier) t.cell(machine ? tier_code(r.tier) : tier_label(*a.tiers, r.tier));
}

void mark_optional(TextTable& t) {
  static constexpr std::pair<std::string_view, int> kOrder[] = {
      {"乡镇", 1}, {"县", 1},     {"类别", 1},     {"定级依据", 2}, {"联盟", 3},
      {"等次", 4}, {"所得星", 5}, {"联盟总分", 6}, {"成员数", 6},   {"成员村得分", 7}};
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    for (const auto& [title, order] : kOrder) {
      if (t.header[c] == title && t.drop[c] == 0) t.optional_column(c, order);
    }
  }
}

std::string field_title(const std::string& field) {
  if (field == "township") return "乡镇";
  if (field == "county") return "县";
  if (field == "category") return "类别";
  if (field == "alliance") return "联盟";
  if (field == "village") return "村";
  if (field == "role") return "职务";
  return field;
}

std::string group_title(const Assessment& a, const std::string& field, const std::string& value) {
  if (value.empty()) return fmt::format("（无{}）", field_title(field));
  if (field == "alliance" || field == "village") {
    if (const auto ref = a.roster.find(value)) return display_name(a.roster.name_of(*ref), value);
  }
  return value;
}

std::string column_title(Column c) {
  switch (c) {
    case Column::township:
      return "乡镇";
    case Column::alliance:
      return "联盟";
    case Column::alliance_total:
      return "联盟总分";
    case Column::members:
      return "成员村得分";
    case Column::member_count:
      return "成员数";
    case Column::member_names:
      return "成员村";
    case Column::village:
      return "所在村";
    case Column::role:
      return "职务";
  }
  return "";
}

std::string column_cell(const Run& run, Column c, UnitRef ref, std::string_view none) {
  const Assessment& a = run.assessment;
  const auto u = static_cast<std::size_t>(ref.index);
  const UnitScore& r = run.eval.of(ref.kind).units[u];
  switch (c) {
    case Column::township:
      return std::string(a.roster.field(ref, "township").value_or(""));
    case Column::alliance: {
      const Village& v = a.roster.villages[u];
      if (v.alliance_index < 0) return std::string(none);
      return display_name(a.roster.alliances[static_cast<std::size_t>(v.alliance_index)].name, v.alliance());
    }
    case Column::alliance_total: {
      const int al = a.roster.villages[u].alliance_index;
      const auto& alliances = run.eval.of(UnitKind::alliance);
      return alliances.scored && al >= 0 ? alliances.units[static_cast<std::size_t>(al)].shown.str()
                                         : std::string(none);
    }
    case Column::members:
      return std::isnan(r.members) ? std::string(none) : rounded(r.members, a.precision);
    case Column::member_count:
      return fmt::to_string(a.roster.alliances[u].members.size());
    case Column::member_names: {
      const Alliance& al = a.roster.alliances[u];
      std::vector<std::string> names;
      for (int m : al.members) {
        const auto& v = a.roster.villages[static_cast<std::size_t>(m)];
        names.push_back(fmt::format("{}{}", display_name(v.name(), v.id()), v.id() == al.chair ? "（主席）" : ""));
      }
      return fmt::format("{}", fmt::join(names, "、"));
    }
    case Column::village: {
      const Village* v = a.roster.village_of(ref);
      return v != nullptr ? display_name(v->name(), v->id()) : std::string(none);
    }
    case Column::role:
      return std::string(a.roster.field(ref, "role").value_or(""));
  }
  return "";
}

}  // namespace xingji::detail
