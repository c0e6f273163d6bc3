#include "write/columns.hpp"

namespace xingji::detail {

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

std::string field_title(const std::string& field) {
  if (field == "township") return "乡镇";
  if (field == "county") return "县";
  if (field == "category") return "类别";
  if (field == "alliance") return "联盟";
  return field;
}

}  // namespace xingji::detail
