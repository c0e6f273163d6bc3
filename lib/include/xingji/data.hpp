#pragma once
/// Yearly data: values per unit, year and item, read from wide CSV, long CSV or YAML files
/// by streaming readers, and kept as one dense matrix per year and kind of unit.

#include <cmath>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "xingji/big_alloc.hpp"
#include "xingji/model.hpp"

namespace xingji {

/// The values of one kind of unit in one year: `units` rows of `items` columns; NaN = missing.
struct Table {
  std::size_t units = 0;
  std::size_t items = 0;
  std::vector<double, BigAllocator<double>> values;

  /// A row of values for one unit, in the scheme's item order.
  [[nodiscard]] std::span<const double> row(std::size_t unit) const { return {values.data() + unit * items, items}; }
  [[nodiscard]] bool has(std::size_t unit, std::size_t item) const { return !std::isnan(values[unit * items + item]); }
};

/// Both kinds of unit for one year.
struct YearData {
  Table villages;
  Table alliances;

  [[nodiscard]] const Table& of(UnitKind kind) const { return kind == UnitKind::village ? villages : alliances; }
};

/// All the data of an assessment.
struct DataSet {
  std::map<int, YearData> years;

  /// The data of year `y`, or nullptr when there is none.
  [[nodiscard]] const YearData* year(int y) const;
  /// Latest year with data; throws Error when there is no data at all.
  [[nodiscard]] int latest() const;
};

/// Reads every data file of the assessment. Unknown units or items, values that are not
/// numbers (or yes/no where a check needs it), direct points outside [0, weight] and a cell
/// given twice are errors; every problem is reported. Throws Error.
[[nodiscard]] DataSet load_data(const Assessment& assessment);

/// Reads data files from text in memory (for tests and in-memory pipelines): pairs of
/// (file name, content); the name's ending (.csv, .yaml, .yml) picks the reader.
[[nodiscard]] DataSet load_data(const Assessment& assessment, std::vector<std::pair<std::string, std::string>> files);

}  // namespace xingji
