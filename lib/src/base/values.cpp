// The data model's own methods: a table's 4-byte cells, and the years of a data set.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "base/i18n.hpp"
#include "xingji/data.hpp"

namespace xingji {

const YearData* DataSet::year(int y) const {
  auto it = years.find(y);
  return it == years.end() ? nullptr : &it->second;
}

int DataSet::latest() const {
  if (years.empty() && !blank_years.empty()) {
    throw Error(Location{"data", 0, 0},
                _f("the data files name the years {} but give no value in any of them (blank rows: a data-entry "
                   "template not yet filled in?); fill in the values",
                   fmt::join(blank_years, ", ")));
  }
  if (years.empty())
    throw Error(Location{"data", 0, 0}, _("no data values were found; check the `data:` files of the manifest"));
  return years.rbegin()->first;
}

std::optional<std::uint32_t> Cell::exact(double x) {
  if (std::isnan(x)) return missing;
  const double a = std::fabs(x);
  for (int d = 0; d <= max_decimals; ++d) {
    const double scaled = a * kPowersOfTen[d];
    if (!(scaled <= static_cast<double>(max_digits))) return std::nullopt;  // and infinities
    const double digits = std::nearbyint(scaled);
    // What read() computes, so the cell reads back as exactly x.
    if (digits / kPowersOfTen[d] == a) return decimal(static_cast<std::uint64_t>(digits), d, std::signbit(x));
  }
  return std::nullopt;
}

std::uint32_t Table::keep(double x) {
  if (auto cell = Cell::exact(x)) return *cell;
  if (extra.size() > Cell::max_digits) {
    throw Error(Location{"data", 0, 0},
                _("more than 268 million values that are not short decimals in one year; round the data to at most 6 "
                  "decimals, or split the assessment"));
  }
  extra.push_back(x);
  return Cell::extra(extra.size() - 1);
}

}  // namespace xingji
