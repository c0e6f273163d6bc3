#include "view_util.hpp"

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
