#pragma once
/// Yearly data: values per unit, year and item, read from wide CSV, long CSV or YAML files
/// by streaming readers, and kept as one dense matrix per year and kind of unit.

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "xingji/big_alloc.hpp"
#include "xingji/model.hpp"
#include "xingji/number.hpp"

namespace xingji {

/// The encoding a CSV input is read in (spec 5): `forced` when given ("utf-8", "gbk",
/// "gb18030"); else "utf-8" when the file is valid UTF-8 throughout, otherwise "gb18030"
/// (which contains GBK, what Excel in China saves as plain CSV).
[[nodiscard]] std::string csv_encoding(const std::string& path, const std::string& forced = {});

/// How one cell of a Table keeps a value in 4 bytes. A short decimal (at most 6 decimals and
/// 268,435,455 in its digits: "68.9", "1500000", "-3.25", "0.125") is kept as its digits and
/// read back exactly: the digits divided by a power of ten, correctly rounded, is the double
/// from_chars gives for the text. Any other value is kept in the table's `extra` list, which
/// the cell then points at. So a national matrix (500,000 units x 43 items) takes 86 MB, not 172.
///
/// Bits: sign (31), scale (30-28: the number of decimals, 0-6; 7: not a decimal), digits
/// (27-0). With scale 7, a clear sign bit points at extra[digits]; `missing` has it set.
struct Cell {
  static constexpr std::uint32_t missing = 0xFFFFFFFFu;
  /// Only while a file is loading: a value that its loader adds to `extra` after reading.
  static constexpr std::uint32_t pending = 0xFFFFFFFEu;
  static constexpr std::uint64_t max_digits = (std::uint64_t{1} << 28) - 1;
  static constexpr int max_decimals = 6;

  /// The cell of `digits` / 10^decimals (negative when `negative`), or nullopt when it does not fit.
  [[nodiscard]] static constexpr std::optional<std::uint32_t> decimal(std::uint64_t digits, int decimals,
                                                                      bool negative) {
    if (digits > max_digits || decimals > max_decimals) [[unlikely]] {
      // "0.12000000" fits as 0.12: the same number, and so the same double.
      while (decimals > 0 && digits % 10 == 0) {
        digits /= 10;
        --decimals;
      }
      if (digits > max_digits || decimals > max_decimals) return std::nullopt;
    }
    return (negative ? 0x80000000u : 0u) | static_cast<std::uint32_t>(decimals) << 28 |
           static_cast<std::uint32_t>(digits);
  }
  /// The cell of a double that a short decimal reads back as exactly, or nullopt (NaN: missing).
  [[nodiscard]] static std::optional<std::uint32_t> exact(double x);
  /// The cell that points at extra[index].
  [[nodiscard]] static constexpr std::uint32_t extra(std::uint64_t index) {
    return 0x70000000u | static_cast<std::uint32_t>(index);
  }
  /// The value of a cell (NaN: missing); `extra` is its table's list.
  [[nodiscard]] static double read(std::uint32_t cell, const double* extra) {
    const std::uint32_t scale = cell >> 28 & 7u;
    if (scale != 7) {
      const double x = static_cast<double>(cell & 0x0FFFFFFFu) / kPowersOfTen[scale];
      return cell >> 31 != 0 ? -x : x;
    }
    return cell >> 31 != 0 ? std::numeric_limits<double>::quiet_NaN() : extra[cell & 0x0FFFFFFFu];
  }
};

/// The values of one kind of unit in one year: `units` rows of `items` cells (see Cell).
struct Table {
  std::size_t units = 0;
  std::size_t items = 0;
  BigVector<std::uint32_t> cells;
  std::vector<double> extra;  ///< values that are not short decimals

  /// The value of one cell; NaN when missing.
  [[nodiscard]] double at(std::size_t unit, std::size_t item) const {
    return Cell::read(cells[unit * items + item], extra.data());
  }
  [[nodiscard]] bool has(std::size_t unit, std::size_t item) const {
    return cells[unit * items + item] != Cell::missing;
  }
  /// A unit's values in the scheme's item order (NaN: missing), into `out` (`items` long).
  void row(std::size_t unit, std::span<double> out) const {
    const std::uint32_t* c = cells.data() + unit * items;
    for (std::size_t i = 0; i < items; ++i) out[i] = Cell::read(c[i], extra.data());
  }
  /// The same as a new vector.
  [[nodiscard]] std::vector<double> row(std::size_t unit) const {
    std::vector<double> out(items);
    row(unit, out);
    return out;
  }
  /// The cell that keeps `x`: a short decimal, or a new entry of `extra`. Throws Error when
  /// `extra` is full (2^28 values).
  [[nodiscard]] std::uint32_t keep(double x);
  /// Stores `x` (NaN: missing) in a cell.
  void set(std::size_t unit, std::size_t item, double x) { cells[unit * items + item] = keep(x); }
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

/// The values of one kind of unit in one year, with the ballots of its rated leaves.
struct KindValues {
  Table table;
  std::vector<Ballot> ballots;  ///< by unit, item, group, then file order
};

/// Every kind of unit for one year, at index_of(kind). A rated leaf's cell holds the
/// combination of its ballots; a quarterly leaf's cell the combination of its quarters.
struct YearData {
  std::vector<KindValues> kinds;

  [[nodiscard]] const Table& of(UnitKind kind) const { return kinds[index_of(kind)].table; }
  [[nodiscard]] const std::vector<Ballot>& ballots(UnitKind kind) const { return kinds[index_of(kind)].ballots; }
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

/// A value of a corrections file (补报、更正, spec 5) that replaced or added one cell.
struct Correction {
  UnitRef unit;
  int year = 0;
  int item = -1;  ///< the cell's item: a quarter's own item for a quarterly leaf
  double before = std::numeric_limits<double>::quiet_NaN();  ///< the value from the data; NaN: none
  double after = 0;
  Location where;  ///< of the correcting value
};

/// All the data of an assessment.
struct DataSet {
  std::map<int, YearData> years;
  /// Every correction applied, in the order of the corrections files and their rows.
  std::vector<Correction> corrections;
  /// Years the data files name in rows that give no value at all (a data-entry template not
  /// yet filled in): not years of the data, so never the default year; kept for messages.
  std::vector<int> blank_years;

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
/// (file name, content); the name's ending (.csv, .yaml, .yml) picks the reader. The
/// `corrections` are read after them as the manifest's `corrections:` files are.
[[nodiscard]] DataSet load_data(const Assessment& assessment, std::vector<std::pair<std::string, std::string>> files,
                                std::vector<std::pair<std::string, std::string>> corrections = {});

}  // namespace xingji
