#pragma once
/// Yearly data: values per unit, year and item, read from wide CSV, long CSV or YAML files
/// by streaming readers, and kept as one dense matrix per year and kind of unit.

#include <cmath>
#include <map>
#include <optional>
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

/// One rating of a leaf rated by raters (双述双评), repeated `count` times.
struct Ballot {
  int unit = -1;
  int item = -1;     ///< the leaf's item
  int group = -1;    ///< index into the leaf's rater groups
  double value = 0;  ///< a number, or the fraction of a text ballot
  double count = 1;
  Location where;
};

/// Both kinds of unit for one year. A rated leaf's cell holds the combination of its
/// ballots; a quarterly leaf's cell the combination of its quarters.
struct YearData {
  Table villages;
  Table alliances;
  std::vector<Ballot> village_ballots;  ///< by unit, item, group, then file order
  std::vector<Ballot> alliance_ballots;

  [[nodiscard]] const Table& of(UnitKind kind) const { return kind == UnitKind::village ? villages : alliances; }
  [[nodiscard]] const std::vector<Ballot>& ballots(UnitKind kind) const {
    return kind == UnitKind::village ? village_ballots : alliance_ballots;
  }
};

/// What a rater group gave one unit's leaf.
struct GroupRating {
  double ballots = 0;   ///< number of ballots (counts summed)
  double combined = 0;  ///< mean, median or trimmed mean
  double dropped = 0;   ///< ballots dropped by `trimmed`
};

/// Combines the ratings of one group: `values` with `counts` (same length, not all zero).
[[nodiscard]] GroupRating combine_ratings(std::vector<std::pair<double, double>> value_counts, RaterCombine how);

/// Combines four quarters (NaN: no value) by `how`, a missing quarter counting 0 (`zero`)
/// or left out (`skip`); NaN when no quarter is left to combine.
[[nodiscard]] double combine_quarters(std::span<const double, 4> q, Combine how, MissingQuarter missing);

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

/// Where a large YAML data file can be read as two halves on two cores: the second half is
/// the lines from `split` on, read after the file's head (its bytes up to `head_end`, the
/// end of the `values:` line).
struct YamlSplit {
  std::size_t head_end = 0;
  std::size_t split = 0;
  std::size_t size = 0;
};

/// A split of the YAML data file at `path` when it is at least `min_size` bytes and written
/// in the plain block style a program writes (see data.cpp); nullopt otherwise, and the
/// file is read whole. Used by the loader; public for tests.
[[nodiscard]] std::optional<YamlSplit> split_yaml(const std::string& path, std::size_t min_size);

}  // namespace xingji
