#include "view_util.hpp"

#include <cmath>

namespace xingji::detail {

std::vector<std::string> vetoes_of(const Scheme& s, std::span<const double> row) {
  std::vector<std::string> out;
  for (const auto& v : s.vetoes) {
    if (veto_triggered(v, row)) out.push_back(v.id);
  }
  return out;
}

std::vector<std::string> missing_of(const Scheme& s, std::span<const double> row) {
  std::vector<std::string> out;
  for (const auto& n : s.nodes) {
    if (n.is_leaf() && std::isnan(row[static_cast<std::size_t>(n.item)])) out.push_back(n.id);
  }
  return out;
}

void append_vetoes(std::string& out, const Scheme& s, std::span<const double> row) {
  bool first = true;
  for (const auto& v : s.vetoes) {
    if (!veto_triggered(v, row)) continue;
    if (!first) out.push_back(';');
    out += v.id;
    first = false;
  }
}

void append_missing(std::string& out, const Scheme& s, std::span<const double> row) {
  bool first = true;
  for (const auto& n : s.nodes) {
    if (!n.is_leaf() || !std::isnan(row[static_cast<std::size_t>(n.item)])) continue;
    if (!first) out.push_back(';');
    out += n.id;
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

std::string field_title(const std::string& field) {
  if (field == "township") return "乡镇";
  if (field == "county") return "县";
  if (field == "category") return "类别";
  if (field == "alliance") return "联盟";
  return field;
}

}  // namespace xingji::detail
