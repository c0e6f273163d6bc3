#include "write/view_util.hpp"

#include <cmath>

#include "xingji/number.hpp"
#include "xingji/score.hpp"

namespace xingji::detail {

std::vector<std::string> vetoes_of(const Scheme& s, std::span<const double> row) {
  std::vector<std::string> out;
  for (int v : triggered_vetoes(s, row)) out.push_back(s.vetoes[static_cast<std::size_t>(v)].id);
  return out;
}

std::vector<std::string> missing_of(const Scheme& s, std::span<const double> row) {
  std::vector<std::string> out;
  for (int n : missing_leaves(s, row)) out.push_back(s.nodes[static_cast<std::size_t>(n)].id);
  return out;
}

MissingLeaves::MissingLeaves(const Scheme& s) {
  for (const auto& n : s.nodes) {
    if (n.is_leaf()) leaves_.emplace_back(static_cast<std::size_t>(n.item), n.id);
  }
}

void MissingLeaves::append(std::string& out, const Table& table, std::size_t unit, char sep) const {
  bool first = true;
  for (const auto& [item, id] : leaves_) {
    if (table.has(unit, item)) continue;
    if (!first) out += sep;
    out += id;
    first = false;
  }
}

std::string id_list(const std::vector<std::string>& ids, char sep) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) {
      out += sep;
      if (sep == ',') out += ' ';
    }
    out += id;
  }
  return out;
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

std::string rule_code(Decided d) {
  switch (d) {
    case Decided::score:
      return "score";
    case Decided::gate:
      return "gate";
    case Decided::quota:
      return "quota";
    case Decided::promotion:
      return "promotion";
    case Decided::veto:
      return "veto";
  }
  return "score";
}

std::string rule_title(Decided d) {
  switch (d) {
    case Decided::score:
      return "分数线";
    case Decided::gate:
      return "必备条件";
    case Decided::quota:
      return "比例限额";
    case Decided::promotion:
      return "晋星限制";
    case Decided::veto:
      return "一票否决";
  }
  return "分数线";
}

std::string grade_label(const Scheme& s, const UnitScore& r) {
  return r.grade >= 0 ? s.grades[static_cast<std::size_t>(r.grade)].label : std::string();
}

std::string tier_code(Tier t) { return t == Tier::advanced ? "advanced" : t == Tier::backward ? "backward" : "middle"; }

std::string tier_label(const Tiers& t, Tier tier) { return t.labels[static_cast<int>(tier)]; }

std::string backward_text(const Tiers& t, const Scheme& s, const UnitScore& r, std::span<const double> row) {
  std::string out;
  auto add = [&](const std::string& x) { out += (out.empty() ? "" : "；") + x; };
  if (r.backward & backward_stars) add("星级≤" + std::to_string(*t.max_stars));
  if (r.backward & backward_score) add("得分<" + format_number(*t.below));
  if (r.backward & backward_veto) add("一票否决：" + id_list(vetoes_of(s, row), ','));
  return out;
}

std::vector<std::string> star_areas(const Scheme& s, const UnitScore& r, bool names) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.roots.size() && i < 32; ++i) {
    if ((r.areas_passed >> i & 1u) == 0) continue;
    const auto& n = s.nodes[static_cast<std::size_t>(s.roots[i])];
    out.push_back(names ? n.name : n.id);
  }
  return out;
}

std::string field_title(const std::string& field) {
  if (field == "township") return "乡镇";
  if (field == "county") return "县";
  if (field == "category") return "类别";
  if (field == "alliance") return "联盟";
  return field;
}

}  // namespace xingji::detail
