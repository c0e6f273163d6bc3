#include "write/csv_line.hpp"

namespace xingji::detail {

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

}  // namespace xingji::detail
