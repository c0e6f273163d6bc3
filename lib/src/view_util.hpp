#pragma once
// Internal helpers shared by the views and the report.

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "xingji/model.hpp"
#include "xingji/stars.hpp"

namespace xingji::detail {

/// Moves a growing text to a stream in pieces, so a large output is never held whole.
struct Flusher {
  std::string& text;
  std::ostream& os;
  void maybe() {
    if (text.size() >= (1u << 20)) all();
  }
  void all() {
    os.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  }
};

/// A unit's name, or its id when it has none.
inline std::string display_name(const std::string& name, const std::string& id) { return name.empty() ? id : name; }

/// Ids of the vetoes triggered in a unit's row, in scheme order.
std::vector<std::string> vetoes_of(const Scheme& s, std::span<const double> row);
/// Ids of the leaves missing in a unit's row, in scheme order.
std::vector<std::string> missing_of(const Scheme& s, std::span<const double> row);

/// Ids joined by `sep` (a comma and space by default).
std::string id_list(const std::vector<std::string>& ids, char sep = ',');
/// The Chinese title of a roster field (township: 乡镇, ...).
std::string field_title(const std::string& field);

}  // namespace xingji::detail
