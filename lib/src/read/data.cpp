// Loading the data of an assessment: every data file read by its reader (data_csv.cpp,
// data_yaml.cpp) into one Store through a Loader, then the values derived from others
// (data_derive.cpp). Large files are read as two halves on two cores when the load is clean.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "base/i18n.hpp"
#include "base/parallel.hpp"
#include "read/data_loader.hpp"
#include "read/split.hpp"
#include "read/xlsx.hpp"
#include "xingji/ledger.hpp"

namespace xingji {

namespace detail {

namespace {

enum class Format { csv, yaml, xlsx };

std::optional<Format> format_of(const std::string& file) {
  if (is_workbook(file)) return Format::xlsx;
  auto ends = [&](std::string_view s) { return ends_with_ignoring_case(file, s); };
  if (ends(".csv")) return Format::csv;
  if (ends(".yaml") || ends(".yml")) return Format::yaml;
  return std::nullopt;
}

// A file read as UTF-8 because no encoding was given turned out not to be: the load starts
// over with that file read as GB18030 (spec 5). Rows of it already stored are thrown away
// with the rest, and UTF-8 files cost no scan before reading.
struct Reencode {
  std::string file;
};

void read_one(const Source& src, const std::string& encoding, Loader& L) {
  auto format = format_of(src.file);
  if (!format) {
    L.diag().add(Location{src.file, 0, 0},
                 old_excel(src.file) ? old_excel_message() : _("a data file must end in .csv, .xlsx, .yaml or .yml"));
    return;
  }
  try {
    if (*format == Format::yaml) {
      read_yaml(src, L);
      return;
    }
    if (*format == Format::xlsx) {
      // A workbook's sheet (spec 8), read as the CSV text it would be saved as.
      const auto [path, name] = split_sheet(src.file);
      SheetText sheet = read_sheet(path, src.text, name);
      CsvReader csv(CsvReader::in_sheet, path + "#" + sheet.sheet, std::move(sheet.csv));
      read_csv(csv, L);
      return;
    }
    std::optional<CsvReader> csv;
    if (src.text)
      csv.emplace(CsvReader::in_memory, src.file, *src.text);
    else
      csv.emplace(src.file, encoding);
    read_csv(*csv, L);
  } catch (const NotUtf8& e) {
    if (encoding.empty() && src.text == nullptr) throw Reencode{src.file};
    L.diag().append(e);
  } catch (const Error& e) {
    L.diag().append(e);
  }
}

// Marks missing every row no loader claimed (a unit without data in a year of the data).
void fill_unclaimed(Store& store) {
  for (const auto& [key, claims] : store.claims) {
    YearData& yd = store.data.years.at(key.first);
    Table& t = yd.kinds[static_cast<std::size_t>(key.second)].table;
    for (std::size_t u = 0; u < t.units; ++u) {
      if (claims[u].load(std::memory_order_relaxed) != 0) continue;
      std::uint32_t* cells = t.cells.data() + u * t.items;
      std::fill(cells, cells + t.items, Cell::missing);
    }
  }
}

// The files of one load: the data (sources before `corrections`), then the corrections.
struct Sources {
  std::vector<Source> files;
  std::size_t corrections = 0;  ///< index of the first corrections file
};

// Reads the corrections files (spec 5) into a load whose data files are read and settled.
void read_corrections(const Sources& sources, const std::vector<std::string>& encodings, Loader& L) {
  L.correcting_mode(true);
  for (std::size_t i = sources.corrections; i < sources.files.size(); ++i) read_one(sources.files[i], encodings[i], L);
  L.correcting_mode(false);
  L.settle();
}

DataSet load_sequential(const Assessment& a, const Sources& all, const std::vector<std::string>& encodings) {
  const auto& sources = all.files;
  Store store;
  Loader L(a, store);
  for (std::size_t i = 0; i < all.corrections; ++i) read_one(sources[i], encodings[i], L);
  L.settle();
  read_corrections(all, encodings, L);
  fill_unclaimed(store);
  if (L.diag().empty()) derive(a, store.data, L);
  if (!L.duplicates().empty()) {
    // Find where each doubled cell was first given: read the data files again, storing nothing.
    L.locate_mode(true);
    for (std::size_t i = 0; i < all.corrections; ++i) read_one(sources[i], encodings[i], L);
    L.locate_mode(false);
    for (const auto& d : L.duplicates()) {
      if (!d.message.empty()) {
        L.diag().add(d.first.value_or(Location{a.manifest, 0, 0}), d.message);
        continue;
      }
      const std::string item = L.item_id(d.kind, d.item), unit = L.unit_id(UnitRef{d.kind, d.unit}),
                        when = L.when(d.kind, d.year, d.item);
      L.diag().add(d.second,
                   d.first ? _f("the value of '{}' for {} '{}' in {} is given twice: here and at {}; keep one", item,
                                L.noun(d.kind), unit, when, d.first->str())
                           : _f("the value of '{}' for {} '{}' in {} is given twice: here and at an earlier place; "
                                "keep one",
                                item, L.noun(d.kind), unit, when));
    }
  }
  L.diag().throw_if_any();
  return std::move(store.data);
}

// Large CSV files (1 MiB and more) and large YAML files in the plain block style (see
// split_yaml) are read as two halves on two threads.
// Only a clean load is kept: any problem (a CSV file cut inside a quoted field is one: its
// first half ends in an unclosed quote), or a unit's row found in both halves, sends the
// whole load to the sequential reader, whose messages are the reference. So the second
// half's line numbers, which are not known, are never shown.
std::optional<DataSet> load_parallel(const Assessment& a, const Sources& all,
                                     const std::vector<std::string>& encodings) {
  const auto& sources = all.files;
  std::vector<std::optional<CsvSplit>> splits(sources.size());
  std::vector<std::optional<detail::YamlSplit>> yaml_splits(sources.size());
  bool any = false;
  for (std::size_t i = 0; i < all.corrections; ++i) {
    if (sources[i].text) continue;
    const auto format = format_of(sources[i].file);
    // A split point of a converted CSV file is a byte of the file, not of its text.
    if (format == Format::csv && !converts(encodings[i])) splits[i] = split_csv(sources[i].file, std::size_t{1} << 20);
    if (format == Format::yaml) yaml_splits[i] = split_yaml(sources[i].file, std::size_t{1} << 20);
    any = any || splits[i].has_value() || yaml_splits[i].has_value();
  }
  if (!any) return std::nullopt;
  Store store;
  Loader first(a, store, 1), second(a, store, 2);
  try {
    for (std::size_t i = 0; i < all.corrections; ++i) {
      if (const auto& ys = yaml_splits[i]) {
        const Source head{sources[i].file, nullptr, {{0, ys->split}}};
        const Source tail{sources[i].file, nullptr, {{0, ys->head_end}, {ys->split, ys->size}}};
        both([&] { read_one(head, encodings[i], first); }, [&] { read_one(tail, encodings[i], second); });
        continue;
      }
      if (!splits[i]) {
        read_one(sources[i], encodings[i], first);
        continue;
      }
      const CsvSplit at = *splits[i];
      CsvReader head(sources[i].file, 0, at.offset, 1);
      CsvReader tail(sources[i].file, at.offset, at.size, 1);
      const Layout lay = read_layout(head, first);
      if (!lay.ok || lay.rater_col >= 0) return std::nullopt;  // ballots are gathered by one reader
      both([&] { read_rows(head, lay, first); }, [&] { read_rows(tail, lay, second); });
    }
  } catch (const Error&) {
    return std::nullopt;
  }
  if (store.conflict.load() || !first.clean() || !second.clean()) return std::nullopt;
  first.settle();
  second.settle();
  try {
    read_corrections(all, encodings, first);
  } catch (const Error&) {
    return std::nullopt;
  }
  if (!first.clean()) return std::nullopt;
  fill_unclaimed(store);
  derive(a, store.data, first);
  if (!first.clean()) return std::nullopt;
  return std::move(store.data);
}

DataSet load_all(const Assessment& a, const Sources& all) {
  const auto& sources = all.files;
  // Each CSV file in its own encoding (spec 5), unless one is forced: read as UTF-8 ("") until
  // it proves not to be, then as GB18030. Text given in memory is UTF-8.
  std::vector<std::string> encodings(sources.size(), a.encoding);
  for (;;) {
    try {
      if (two_cores()) {
        if (auto data = load_parallel(a, all, encodings)) return std::move(*data);
      }
      return load_sequential(a, all, encodings);
    } catch (const Reencode& r) {
      for (std::size_t i = 0; i < sources.size(); ++i) {
        if (sources[i].file == r.file) encodings[i] = "gb18030";
      }
    }
  }
}

}  // namespace

// The years whose rows give no value and no ballot at all: a data-entry template copied into
// the data folder before it was filled in, or a year only a ledger rates (ledger values are
// filled in after).
std::vector<int> unentered_years(const DataSet& data) {
  std::vector<int> out;
  for (const auto& [year, yd] : data.years) {
    const bool entered = std::any_of(yd.kinds.begin(), yd.kinds.end(), [](const KindValues& k) {
      return !k.ballots.empty() || std::any_of(k.table.cells.begin(), k.table.cells.end(),
                                               [](std::uint32_t c) { return c != Cell::missing; });
    });
    if (!entered) out.push_back(year);
  }
  return out;
}

// Of those years, once the ledgers are filled in, the ones no ledger event gives a point
// either are no years of the data: dropped, and named in blank_years.
void drop_blank_years(DataSet& data, const std::vector<int>& unentered) {
  for (const int year : unentered) {
    const YearData& yd = data.years.at(year);
    const bool points = std::any_of(yd.kinds.begin(), yd.kinds.end(), [](const KindValues& k) {
      for (std::size_t u = 0; u < k.table.units; ++u) {
        for (std::size_t i = 0; i < k.table.items; ++i) {
          if (k.table.has(u, i) && k.table.at(u, i) != 0) return true;
        }
      }
      return false;
    });
    if (points) continue;
    data.blank_years.push_back(year);
    data.years.erase(year);
  }
}

}  // namespace detail

DataSet load_data(const Assessment& a) {
  detail::Sources sources;
  for (const auto& f : a.data_files) sources.files.push_back(detail::Source{f, nullptr});
  sources.corrections = sources.files.size();
  for (const auto& f : a.correction_files) sources.files.push_back(detail::Source{f, nullptr});
  DataSet data = detail::load_all(a, sources);
  const std::vector<int> unentered = detail::unentered_years(data);
  // Ledger items (spec 6) take their values from the ledgers, in every year with data.
  fill_ledgers(a, data);
  detail::drop_blank_years(data, unentered);
  return data;
}

DataSet load_data(const Assessment& a, std::vector<std::pair<std::string, std::string>> files,
                  std::vector<std::pair<std::string, std::string>> corrections) {
  detail::Sources sources;
  for (const auto& [name, text] : files) sources.files.push_back(detail::Source{name, &text});
  sources.corrections = sources.files.size();
  for (const auto& [name, text] : corrections) sources.files.push_back(detail::Source{name, &text});
  DataSet data = detail::load_all(a, sources);
  const std::vector<int> unentered = detail::unentered_years(data);
  fill_ledgers(a, data);  // the manifest's ledger files, as load_data(a) reads them
  detail::drop_blank_years(data, unentered);
  return data;
}

}  // namespace xingji
