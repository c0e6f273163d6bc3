#pragma once
// Internal: the loader of data values. The readers of data files (data_csv.cpp,
// data_yaml.cpp) only find cells and their places; the Loader judges each (unit id, period,
// item id, text) against the assessment and stores it in the year's matrix.
//
// The per-cell path of a national file is Quick::store, inline here, and the row loop of
// data_csv.cpp that calls it: everything else is called once a row or once a problem, so it
// lives in data_loader.cpp without costing the hot path a call per cell.

#include <atomic>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/i18n.hpp"
#include "read/csv.hpp"
#include "read/decimal.hpp"
#include "read/yaml_events.hpp"
#include "xingji/data.hpp"
#include "xingji/error.hpp"
#include "xingji/model.hpp"

namespace xingji::detail {

/// The place of a value, computed only when a message needs it: finding the place of a
/// field in a CSV record means splitting the record, and most values never need one.
/// Refers to a callable that outlives it (a lambda at the call).
class Where {
 public:
  template <class F>
  Where(const F& place)  // NOLINT: made from any callable giving a Location
      : place_(&place), call_([](const void* p) { return (*static_cast<const F*>(p))(); }) {}
  [[nodiscard]] Location operator()() const { return call_(place_); }

 private:
  const void* place_;
  Location (*call_)(const void*);
};

/// A cell that was given twice, waiting for the place of its first occurrence; or (with a
/// `message`) a problem found after reading, reported at the place of this cell.
struct Duplicate {
  UnitKind kind;
  int unit;
  int year;
  int item;
  Location second;
  std::optional<Location> first;
  std::string message;
};

/// A year, or one of its quarters (1..4; 0 is the year itself).
struct Period {
  int year = 0;
  int quarter = 0;
};

/// What the readers of one load share: the data, and (when two threads read halves of a file)
/// which thread stored each unit's row, so that the two never write the same cells.
struct Store {
  DataSet data;
  std::mutex mutex;  ///< guards creating a year's tables
  std::map<std::pair<int, int>, std::unique_ptr<std::atomic<std::uint8_t>[]>> claims;  ///< by (year, kind)
  std::atomic<bool> conflict{false};
};

/// An item whose cells are numbers (`number`: not a level, ballot or quarter) or yes/no
/// values (`check`), and the range a number must be in.
struct Plain {
  enum Kind : std::uint8_t { no, number, check } kind = no;
  bool bounded = false;       ///< lowest or highest is finite
  bool not_negative = false;  ///< the only bound: lowest 0 (ratio, count, deduct)
  double lowest = -std::numeric_limits<double>::infinity();
  double highest = std::numeric_limits<double>::infinity();

  [[nodiscard]] static Plain of(const Item& it);
};

/// Stores a plain decimal in range for a number item, or 1 or 0 for a check, into an empty
/// cell of a year's row (not a quarter's); false for any other text, which Loader::cell then
/// takes the full way, storing the same value or reporting why not. The hot path of wide
/// CSV: what it needs of the loader is read once per row (Loader::quick_for), not once per cell.
struct Quick {
  const Plain* plain = nullptr;  ///< per item; nullptr: no cell of this row takes the quick path

  bool store(std::uint32_t* cells, int item, std::string_view text) const {
    PlainDecimal d;
    const bool decimal = plain != nullptr && read_plain_decimal(text, d);
    return store(cells, item, text, decimal, d);
  }
  /// The same for a text already read: `decimal` tells whether it is a plain decimal, `d` its digits.
  bool store(std::uint32_t* cells, int item, std::string_view text, bool decimal, const PlainDecimal& d) const {
    if (plain == nullptr) return false;
    const Plain& p = plain[item];
    if (p.kind == Plain::no || cells[item] != Cell::missing) return false;
    if (p.kind == Plain::number && decimal) {
      if (p.not_negative) {
        if (d.negative && d.digits != 0) return false;
      } else if (p.bounded) {
        const double x = d.value();
        if (!(x >= p.lowest && x <= p.highest)) return false;
      }
      // -0 reads as 0, as parse_number has it. A short decimal's cell is made here in 32-bit
      // steps (Cell::decimal's bits): made by Cell::decimal, GCC 12 kept the sign in a
      // stack byte and read it back as a word, and that failed store-to-load forwarding
      // cost the national data stage a fifth of its time (perf annotate, 2026-12-05).
      if (d.digits <= Cell::max_digits && d.decimals <= Cell::max_decimals) [[likely]] {
        const std::uint32_t sign = d.negative && d.digits != 0 ? 0x80000000u : 0u;
        cells[item] = sign | static_cast<std::uint32_t>(d.decimals) << 28 | static_cast<std::uint32_t>(d.digits);
        return true;
      }
      // A decimal too long for a cell goes the full way (unless trailing zeros make it fit).
      const auto cell = Cell::decimal(d.digits, d.decimals, d.negative && d.digits != 0);
      if (cell) cells[item] = *cell;
      return cell.has_value();
    }
    if (p.kind == Plain::check && text.size() == 1 && (text[0] == '0' || text[0] == '1')) {
      cells[item] = *Cell::decimal(text[0] == '1' ? 1 : 0, 0, false);
      return true;
    }
    return false;
  }
};

/// What a data column holds besides an item's values (read_layout), or what a header names
/// that is not one item (Loader::resolve).
constexpr int kSkip = -2;       ///< id, year, a roster field, an ignored column
constexpr int kBlank = -3;      ///< no header: its cells must be empty (Excel's trailing columns)
constexpr int kAmbiguous = -4;  ///< a name two items of a scheme share

/// Turns (unit id, period, item id, text) into values, checking each against the assessment.
class Loader {
 public:
  /// `tag` 1 reads alone, or the first half of a split file, and 2 its second half: a row
  /// is claimed by the first loader to store in it (a claim by the other is a conflict).
  Loader(const Assessment& a, Store& store, std::uint8_t tag = 1);

  /// Where problems go. While locating, they were already reported by the first pass: nowhere.
  Diagnostics& diag() { return locating_ ? scratch_ : diag_; }
  /// Nothing to report: no problem, no duplicate.
  [[nodiscard]] bool clean() const { return diag_.empty() && dups_.empty(); }
  std::vector<Duplicate>& duplicates() { return dups_; }
  /// In locate mode a second pass over the files only finds where doubled cells first were.
  void locate_mode(bool on) { locating_ = on; }
  /// In correcting mode (the corrections files, read after the data, with no value pending:
  /// see settle) a value replaces the cell's value or fills it, and is kept in the data's
  /// list of corrections; a cell corrected twice is an error naming both places.
  void correcting_mode(bool on) { correcting_ = on; }
  [[nodiscard]] std::size_t kinds() const { return a_.kinds.size(); }
  [[nodiscard]] const Scheme& scheme(UnitKind kind) const { return a_.scheme(kind); }
  /// The word for units of `kind` in a message ("village"), translated.
  [[nodiscard]] const char* noun(UnitKind kind) const { return tr(a_.kind(kind).words.noun); }
  [[nodiscard]] std::string unit_id(UnitRef u) const { return std::string(a_.roster.id_of(u)); }
  [[nodiscard]] std::string item_id(UnitKind kind, int item) const {
    return scheme(kind).items[static_cast<std::size_t>(item)].id;
  }

  /// The unit with this id; nullopt (reported) when there is none or its kind is not rated.
  std::optional<UnitRef> unit(std::string_view id, Where where);
  /// The item index of `id` for units of `kind`, or -1 (reported).
  int item(UnitKind kind, std::string_view id, Where where);
  /// The item index of `id` for units of `kind`, or -1 (not reported).
  [[nodiscard]] int item_of(UnitKind kind, std::string_view id) const;
  /// The item a column header (or a long row's indicator) names for units of `kind`: by
  /// its id, as `name（id）` / `name(id)`, or by its name; -1 for none, kAmbiguous for a name
  /// two items share (spec 5). Not reported.
  [[nodiscard]] int resolve(UnitKind kind, std::string_view text) const;
  /// Whether a data column headed `header` holds no values: a roster field (name,
  /// township, ..., or its Chinese header) or one of the manifest's `ignore_columns`.
  [[nodiscard]] bool skipped_column(std::string_view header) const;
  /// Reports (once a name and kind) a name that two items of the kind's scheme share.
  void ambiguous(UnitKind kind, std::string_view name, const Location& where);
  /// Reports a column whose header names no item of any scheme, with what to do.
  void unknown_column(std::string_view header, Where where);
  /// A year (2024) or a quarter (2024Q1 .. 2024Q4); nullopt (reported) for anything else.
  std::optional<Period> period(std::string_view text, Where where);

  /// The cells of one unit in one year; nullptr when the other thread of a split file has
  /// stored that row (the load is then redone on one thread).
  std::uint32_t* row(UnitRef u, int year);
  /// What the quick path of a row needs: nothing for a quarter's row, or while locating.
  [[nodiscard]] Quick quick_for(UnitKind kind, const Period& p) const {
    if (p.quarter != 0 || locating_ || correcting_) return Quick{};
    return Quick{plain_[index_of(kind)].data()};
  }
  /// Stores one value; an empty text is a missing value and stores nothing.
  void cell(UnitRef u, const Period& p, int item, std::string_view text, Where where);
  /// The same with the unit's row already found. Inline: a wide row's empty cells (a
  /// national file has a million) end here without a call.
  void cell(UnitRef u, const Period& p, std::uint32_t* values, int item, std::string_view text, Where where) {
    if (quick_for(u.kind, p).store(values, item, text)) return;
    text = trim(text);
    if (!text.empty()) store(u, p, values, item, text, where);
  }
  /// One rating of a rated leaf (a long CSV row with a rater).
  void ballot(UnitRef u, Period p, int item, std::string_view rater, std::string_view count_text, std::string_view text,
              Where rater_at, Where count_at, Where value_at);
  /// A problem found after reading, to be reported at the place of cell `item`.
  void later(UnitKind kind, int unit, int year, int item, std::string message);
  /// "2024", or "2024Q3" for a quarter's item.
  [[nodiscard]] std::string when(UnitKind kind, int year, int item) const;
  /// Keeps the values that waited for the end of reading (see cell).
  void settle();

 private:
  // Stores a value that is not empty and did not take the quick path, or reports why not.
  void store(UnitRef u, const Period& p, std::uint32_t* values, int item, std::string_view text, Where where);
  // The item that stores a value of `item` for period `p`: a quarter's own item for a
  // quarterly leaf; -1 (reported) when the period does not suit the item.
  int slot(UnitRef u, Period p, int item, Where where);
  // Replaces or fills `slot` of row `u` with a correcting value.
  void correct(UnitRef u, int year, int item, std::uint32_t& slot, double value, Where where);
  // Reads one value of item `it` for unit `u`; false (reported) when it is not acceptable.
  bool value_of(UnitRef u, const Item& it, std::string_view text, Where where, double& value);
  Table& table(UnitKind kind, int year);

  const Assessment& a_;
  Store& store_;
  std::uint8_t tag_ = 1;
  std::vector<std::atomic<std::uint8_t>*> cached_claims_;                      // per kind
  std::vector<std::unordered_map<std::string_view, int>> items_;               // per kind: item id to index
  std::vector<std::unordered_map<std::string_view, std::vector<int>>> names_;  // per kind: item name to indices
  std::vector<std::vector<Plain>> plain_;                                      // per kind, per item
  std::unordered_map<std::string_view, const Scheme*> area_ids_;
  Diagnostics diag_;
  Diagnostics scratch_;
  std::vector<Duplicate> dups_;
  std::vector<std::pair<UnitKind, std::string>> ambiguous_;  // names reported as ambiguous
  struct Late {
    Table* table;
    std::size_t at;  // cell index
    double value;
  };
  std::vector<Late> late_;
  bool locating_ = false;
  bool correcting_ = false;
  // Per cell corrected ((kind, unit), year, item): its index in the data's corrections.
  std::map<std::pair<std::pair<int, int>, std::pair<int, int>>, std::size_t> corrected_;
  UnitRef next_{UnitKind::village, 0};  // the unit a row in roster order names next
  int cached_year_ = 0;
  YearData* cached_ = nullptr;
};

// ---- the readers (data_csv.cpp, data_yaml.cpp) and what follows reading (data_derive.cpp)

/// What a data CSV's header says about its columns.
struct Layout {
  std::vector<std::string> names;  ///< the header outlives the record it was read from
  std::vector<std::string_view> header;
  std::vector<Location> places;  ///< of the header's cells
  int id_col = -1, year_col = -1, ind_col = -1, value_col = -1, rater_col = -1, count_col = -1;
  bool is_long = false;
  std::vector<std::vector<int>> items;  ///< wide: per kind, per column (kSkip for id/year/name)
  bool ok = false;
};

/// Reads and checks a data CSV's header; `ok` is false when the rows cannot be read.
Layout read_layout(CsvReader& csv, Loader& L);
/// Reads the rows that follow a header (all of them, or one half of a split file).
void read_rows(CsvReader& csv, const Layout& lay, Loader& L);
/// Reads a data CSV whole.
void read_csv(CsvReader& csv, Loader& L);
/// Reads a YAML data file through yaml-cpp's event API (memory does not grow with the file).
void read_yaml(const Source& src, Loader& L);
/// Values that come from other values: combined quarters and ratings, for every year.
void derive(const Assessment& a, DataSet& data, Loader& L);

}  // namespace xingji::detail
