// Data CSV, wide (id,year,<items>) or long (id,year,indicator,value[,rater,count]): the
// header read once, then the rows. A wide row without quotes is read straight from its
// text, each field found and its number read in one pass, and stored the quick way
// (Quick::store): the hot path of a national data file, kept in this one file.
#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.hpp"
#include "base/text.hpp"
#include "read/data_loader.hpp"

namespace xingji::detail {

Layout read_layout(CsvReader& csv, Loader& L) {
  Layout lay;
  if (!csv.next()) return lay;
  for (auto f : csv.fields()) lay.names.emplace_back(trim_blanks(f));
  for (const auto& n : lay.names) lay.header.emplace_back(n);
  for (std::size_t i = 0; i < lay.names.size(); ++i) lay.places.push_back(csv.location(i));
  auto& header = lay.header;
  auto column = [&](std::string_view name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  // The first of a column's names found: its id, or the Chinese header a sheet may have.
  auto either = [&](std::initializer_list<std::string_view> names) {
    for (const auto n : names) {
      if (const int c = column(n); c >= 0) return c;
    }
    return -1;
  };
  const int id_col = lay.id_col = either({"id", "编号"});
  // Quarterly values come with a `period` column (2024Q1) instead of `year`.
  const int plain_year = either({"year", "年度", "年份"});
  const int period_col = either({"period", "季度"});
  const int year_col = lay.year_col = plain_year >= 0 ? plain_year : period_col;
  const int ind_col = lay.ind_col = column("indicator");
  const int value_col = lay.value_col = column("value");
  const int rater_col = lay.rater_col = column("rater");
  const int count_col = lay.count_col = column("count");
  const bool is_long = lay.is_long = ind_col >= 0 || value_col >= 0;
  bool header_ok = true;
  if (id_col < 0 || year_col < 0) {
    L.diag().add(csv.location(0),
                 _("a data CSV needs 'id' and 'year' (or 'period') columns (wide: id,year,<indicator ids>; "
                   "long: id,year,indicator,value)"));
    header_ok = false;
  }
  if (plain_year >= 0 && period_col >= 0) {
    L.diag().add(
        csv.location(static_cast<std::size_t>(period_col)),
        _("give either a 'year' or a 'period' column, not both; a period is a year (2024) or a quarter (2024Q1)"));
    header_ok = false;
  }
  if (is_long && (ind_col < 0 || value_col < 0)) {
    L.diag().add(csv.location(0), _("a long data CSV needs both 'indicator' and 'value' columns"));
    header_ok = false;
  }
  if ((rater_col >= 0 || count_col >= 0) && !is_long) {
    L.diag().add(csv.location(static_cast<std::size_t>(rater_col >= 0 ? rater_col : count_col)),
                 _("'rater' and 'count' columns belong to a long data CSV: id,year,indicator,value,rater[,count]"));
    header_ok = false;
  } else if (count_col >= 0 && rater_col < 0) {
    L.diag().add(csv.location(static_cast<std::size_t>(count_col)),
                 _("a 'count' column repeats ballots and needs a 'rater' column too"));
    header_ok = false;
  }
  // Wide: each value column is an item of one kind's scheme or of several.
  // Columns that hold no values (id, year, name) are marked so the row loop skips them.
  lay.items.assign(L.kinds(), std::vector<int>(header.size(), kSkip));
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto h = header[i];
    if (h.empty()) {  // Excel's empty columns at the right: skipped, if their cells are empty too
      for (auto& kind : lay.items) kind[i] = kBlank;
      continue;
    }
    if (column(h) != static_cast<int>(i)) {
      L.diag().add(csv.location(i), _f("column '{}' is given twice in the header", h));
      header_ok = false;
      continue;
    }
    if (static_cast<int>(i) == id_col || static_cast<int>(i) == year_col || h == "name") continue;
    if (static_cast<int>(i) == period_col || static_cast<int>(i) == rater_col || static_cast<int>(i) == count_col) {
      continue;
    }
    if (is_long) {
      if (static_cast<int>(i) != ind_col && static_cast<int>(i) != value_col && !L.skipped_column(h)) {
        L.diag().add(csv.location(i),
                     _f("unexpected column '{}' in a long data CSV (id,year,indicator,value[,rater,count])", h));
        header_ok = false;
      }
      continue;
    }
    // An item by its id; else a roster field or an ignored column; else an item by name.
    bool by_id = false;
    for (std::size_t k = 0; k < lay.items.size(); ++k) by_id = by_id || L.item_of(static_cast<UnitKind>(k), h) >= 0;
    if (!by_id && L.skipped_column(h)) continue;
    bool known = false;
    for (std::size_t k = 0; k < lay.items.size(); ++k) {
      lay.items[k][i] = L.resolve(static_cast<UnitKind>(k), h);
      known = known || lay.items[k][i] != -1;
    }
    if (!known) {
      L.unknown_column(h, [&] { return csv.location(i); });
      header_ok = false;
    }
  }
  lay.ok = header_ok;
  return lay;
}

namespace {

// A field of a wide row, and whether it is a plain decimal (and which).
struct WideField {
  std::string_view text;
  PlainDecimal d;
  bool decimal = false;
};

// Finds the fields of a record without quotes, reading each one's number on the way: one
// pass over the bytes (the hot path of a national data file). False when the record does
// not have `n` fields; the row then goes the full way, which reports it.
bool find_wide_fields(std::string_view record, std::size_t n, std::vector<WideField>& f) {
  f.resize(n);
  const char* p = record.data();
  const char* const end = p + record.size();
  for (std::size_t i = 0;; ++i) {
    const char* const start = p;
    p = scan_plain_decimal(p, end, ',', f[i].d, f[i].decimal);
    f[i].text = std::string_view(start, static_cast<std::size_t>(p - start));
    if (i + 1 == n) return p == end;  // else more fields than the header
    if (p == end) return false;       // fewer
    ++p;
  }
}

// Stores a wide row: its unit and year, then each value the quick way or the full way, which
// reports what is wrong at the field's place (the record is split for the message).
void store_wide(CsvReader& csv, const Layout& lay, Loader& L, const std::vector<WideField>& f) {
  auto where = [&csv](std::size_t i) {
    return [&csv, i] {
      csv.split();
      return csv.location(i);
    };
  };
  const auto id_at = static_cast<std::size_t>(lay.id_col), year_at = static_cast<std::size_t>(lay.year_col);
  // A row of empty cells (`,,,,` as Excel leaves below a table) is no row.
  if (f[id_at].text.empty() &&
      std::all_of(f.begin(), f.end(), [](const WideField& x) { return trim_blanks(x.text).empty(); })) {
    return;
  }
  auto u = L.unit(f[id_at].text, where(id_at));
  auto y = L.period(f[year_at].text, where(year_at));
  if (!u || !y) return;
  const auto& items = lay.items[index_of(u->kind)];
  std::uint32_t* values = L.row(*u, y->year);
  if (values == nullptr) return;
  const auto quick = L.quick_for(u->kind, *y);
  for (std::size_t i = 0; i < f.size(); ++i) {
    const int item = items[i];
    if (item >= 0) {
      if (quick.store(values, item, f[i].text, f[i].decimal, f[i].d)) continue;
      L.cell(*u, *y, values, item, f[i].text, where(i));
    } else if (item != kSkip && !trim_blanks(f[i].text).empty()) {
      if (item == kBlank) {
        L.diag().add(where(i)(), _f("column {} has no header but holds '{}'; head it with an item's id or "
                                    "name, or clear it",
                                    i + 1, trim_blanks(f[i].text)));
      } else if (item == kAmbiguous) {
        L.ambiguous(u->kind, lay.header[i], lay.places[i]);
      } else {
        L.item(u->kind, lay.header[i], where(i));  // another kind's item
      }
    }
  }
}

}  // namespace

void read_rows(CsvReader& csv, const Layout& lay, Loader& L) {
  const auto& header = lay.header;
  const int id_col = lay.id_col, year_col = lay.year_col, ind_col = lay.ind_col, value_col = lay.value_col;
  std::vector<WideField> wide;
  while (csv.next_unsplit()) {
    if (const auto record = csv.whole(); record && !lay.is_long && find_wide_fields(*record, header.size(), wide)) {
      store_wide(csv, lay, L, wide);
      continue;
    }
    csv.split();
    const auto f = csv.fields();
    // A row of empty cells is no row; only a row without an id is looked at whole.
    if (static_cast<std::size_t>(id_col) < f.size() && trim_blanks(f[static_cast<std::size_t>(id_col)]).empty() &&
        std::all_of(f.begin(), f.end(), [](std::string_view x) { return trim_blanks(x).empty(); })) {
      continue;
    }
    if (f.size() != header.size()) {
      L.diag().add(csv.record_location(),
                   _f("this row has {} fields but the header has {}; check for a stray or missing comma", f.size(),
                      header.size()));
      continue;
    }
    if (!lay.is_long) {  // a quoted wide row
      wide.resize(f.size());
      for (std::size_t i = 0; i < f.size(); ++i) {
        wide[i].text = f[i];
        wide[i].decimal = read_plain_decimal(f[i], wide[i].d);
      }
      store_wide(csv, lay, L, wide);
      continue;
    }
    const auto id_at = static_cast<std::size_t>(id_col), year_at = static_cast<std::size_t>(year_col);
    auto u = L.unit(f[id_at], [&] { return csv.location(id_at); });
    auto y = L.period(f[year_at], [&] { return csv.location(year_at); });
    if (!u || !y) continue;
    const auto vi = static_cast<std::size_t>(value_col);
    if (trim(f[vi]).empty()) continue;
    int item = L.item(u->kind, f[static_cast<std::size_t>(ind_col)],
                      [&] { return csv.location(static_cast<std::size_t>(ind_col)); });
    if (item < 0) continue;
    if (lay.rater_col >= 0 && !trim(f[static_cast<std::size_t>(lay.rater_col)]).empty()) {
      const auto ri = static_cast<std::size_t>(lay.rater_col);
      const auto ci = static_cast<std::size_t>(lay.count_col);
      L.ballot(
          *u, *y, item, f[ri], lay.count_col >= 0 ? f[ci] : std::string_view{}, f[vi], [&] { return csv.location(ri); },
          [&] { return csv.location(ci); }, [&] { return csv.location(vi); });
      continue;
    }
    L.cell(*u, *y, item, f[vi], [&] { return csv.location(vi); });
  }
}

void read_csv(CsvReader& csv, Loader& L) {
  const Layout lay = read_layout(csv, L);
  if (lay.ok) read_rows(csv, lay, L);
}

}  // namespace xingji::detail
