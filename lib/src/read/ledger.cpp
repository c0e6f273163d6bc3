// Reading the ledgers (积分台账, spec 6): each file's rows as dated events of a unit and a
// ledger item, checked row by row, passed on as they are read (a province's ledger holds tens
// of millions of events and is never kept whole).
#include "xingji/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "base/parallel.hpp"
#include "base/suggest.hpp"
#include "base/text.hpp"
#include "base/units.hpp"
#include "read/csv.hpp"
#include "read/xlsx.hpp"
#include "xingji/number.hpp"

namespace xingji {

std::string Date::str() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::optional<Date> parse_date(std::string_view text) {
  // The usual form, 2024-03-18, at once.
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    auto digit = [&](std::size_t i) { return static_cast<unsigned>(text[i] - '0'); };
    bool digits = true;
    for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) digits = digits && digit(i) <= 9;
    if (digits) {
      Date d;
      d.year = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
      d.month = static_cast<int>(digit(5) * 10 + digit(6));
      d.day = static_cast<int>(digit(8) * 10 + digit(9));
      if (d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 28 && d.year >= 1000) return d;
    }
  }
  text = trim_blanks(text);
  Date d;
  int* parts[] = {&d.year, &d.month, &d.day};
  char sep = 0;
  std::size_t at = 0;
  for (int k = 0; k < 3; ++k) {
    const std::size_t from = at;
    int value = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && at - from < 4)
      value = value * 10 + (text[at++] - '0');
    const std::size_t digits = at - from;
    if (digits == 0 || (k == 0 && digits != 4) || (k > 0 && digits > 2)) return std::nullopt;
    *parts[k] = value;
    if (k < 2) {
      if (at >= text.size() || (text[at] != '-' && text[at] != '/') || (sep != 0 && text[at] != sep))
        return std::nullopt;
      sep = text[at++];
    }
  }
  if (at != text.size() || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int days = kDays[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  if (d.day > days || d.year < 1000) return std::nullopt;
  return d;
}

namespace {

// The columns of a ledger file, in English and as a sheet in Chinese heads them.
enum Col { kId, kDate, kItem, kCount, kNote, kSkip };
struct ColumnName {
  std::string_view name;
  Col col;
};
constexpr ColumnName kColumns[] = {{"id", kId},        {"date", kDate},  {"item", kItem},  {"count", kCount},
                                   {"note", kNote},    {"编号", kId},    {"日期", kDate},  {"项目", kItem},
                                   {"事项", kItem},    {"次数", kCount}, {"数量", kCount}, {"备注", kNote},
                                   {"说明", kNote},    {"name", kSkip},  {"姓名", kSkip},  {"名称", kSkip},
                                   {"village", kSkip}, {"村", kSkip},    {"role", kSkip},  {"职务", kSkip}};

// A kind's items as a ledger names them: by id, or by name where that is one item's.
struct ItemNames {
  std::vector<std::pair<std::string_view, int>> ledger_ids;  // looked at first: a handful
  std::unordered_map<std::string_view, int> ids;
  std::unordered_map<std::string_view, int> names;  // -2: a name shared by two items
};

std::string_view item_name(const Scheme& s, const Item& it) {
  if (it.kind == ItemKind::adjustment) return s.adjustments[static_cast<std::size_t>(it.index)].name;
  if (it.kind == ItemKind::veto) return s.vetoes[static_cast<std::size_t>(it.index)].name;
  return s.nodes[static_cast<std::size_t>(it.index)].name;
}

class LedgerReader {
 public:
  LedgerReader(const Assessment& a, const LedgerBatches& each, Diagnostics& diag)
      : a_(a), each_(each), diag_(diag), names_(a.kinds.size()) {
    for (const Kind& k : a.kinds) {
      if (!k.rated()) continue;
      const Scheme& s = *k.scheme;
      auto& n = names_[index_of(k.id)];
      for (std::size_t i = 0; i < s.items.size(); ++i) {
        if (s.items[i].kind == ItemKind::quarter) continue;
        n.ids.emplace(s.items[i].id, static_cast<int>(i));
        if (s.items[i].ledger) n.ledger_ids.emplace_back(s.items[i].id, static_cast<int>(i));
        const std::string_view name = trim_blanks(item_name(s, s.items[i]));
        if (name.empty()) continue;
        auto [it, fresh] = n.names.emplace(name, static_cast<int>(i));
        if (!fresh && it->second != static_cast<int>(i)) it->second = -2;
      }
    }
  }

  void read(CsvReader& csv) {
    if (!csv.next()) return;
    // Only this file's header stops it: an earlier file's problems are in diag_ too.
    const std::size_t before = diag_.size();
    const std::vector<Col> cols = header(csv);
    if (diag_.size() > before) return;
    rows(csv, cols);
  }

  // The columns of a ledger's header (the current record of `csv`), each problem reported.
  std::vector<Col> header(const CsvReader& csv) {
    std::vector<Col> cols;
    bool seen[kSkip] = {};
    for (std::size_t i = 0; i < csv.fields().size(); ++i) {
      const std::string_view name = trim_blanks(csv.fields()[i]);
      const auto* c =
          std::find_if(std::begin(kColumns), std::end(kColumns), [&](const ColumnName& k) { return k.name == name; });
      if (c != std::end(kColumns)) {
        if (c->col != kSkip && seen[c->col]) diag_.add(csv.location(i), _f("column '{}' is given twice", name));
        if (c->col != kSkip) seen[c->col] = true;
        cols.push_back(c->col);
        continue;
      }
      if (name.empty() ||
          std::find(a_.ignore_columns.begin(), a_.ignore_columns.end(), name) != a_.ignore_columns.end()) {
        cols.push_back(kSkip);
        continue;
      }
      static constexpr std::string_view kKnown[] = {"id", "date", "item", "count", "note"};
      diag_.add(csv.location(i),
                with_suggestion(_f("unknown column '{}' in a ledger; a ledger's columns are id, date, item and "
                                   "optionally count and note (or list the column in the manifest's "
                                   "`ignore_columns`)",
                                   name),
                                name, kKnown));
      cols.push_back(kSkip);
    }
    for (Col c : {kId, kDate, kItem}) {
      if (!seen[c]) {
        static constexpr const char* kNames[] = {"id", "date", "item"};
        diag_.add(csv.location(0),
                  _f("a ledger needs an '{}' column: its header is id,date,item[,count][,note]", kNames[c]));
      }
    }
    return cols;
  }

  // The events of the records after the header (or of a later part of the file), one at a
  // time, each problem reported at its place.
  void rows(CsvReader& csv, const std::vector<Col>& cols) {
    Fields f;
    Places at;
    while (csv.next()) {
      if (!fields_of(csv, cols, f, at)) continue;
      LedgerRow r;
      if (!event(f, a_.roster.find(trim_blanks(f[kId])), r, &csv, &at)) continue;
      r.file = &csv.file();
      r.line = csv.line();
      each_(std::span<const LedgerRow>(&r, 1));
    }
  }

  // The same, a batch of records at a time: their ids are looked up together (their cache
  // misses overlap in a province's roster) and their events passed on together. Reports
  // nothing: false at the first record that is not an event, when the caller reads the file
  // again with rows() for the messages.
  bool quick_rows(CsvReader& csv, const std::vector<Col>& cols) {
    constexpr std::size_t kBatch = 256;
    // A record's fields are valid only until the next one is read: a batch's are copied.
    std::string text;
    std::array<std::array<std::size_t, kSkip + 1>, kBatch> bounds{};
    std::array<int, kBatch> lines{};
    std::array<std::string_view, kBatch> ids;
    std::array<std::optional<UnitRef>, kBatch> units;
    std::array<LedgerRow, kBatch> events;
    Fields f;
    Places at;
    for (bool more = true; more;) {
      text.clear();
      std::size_t n = 0;
      while (n < kBatch && (more = csv.next())) {
        if (!fields_of(csv, cols, f, at)) continue;
        bounds[n][0] = text.size();
        for (std::size_t c = 0; c < kSkip; ++c) {
          text += f[c];
          bounds[n][c + 1] = text.size();
        }
        lines[n++] = csv.line();
      }
      auto field = [&](std::size_t k, std::size_t c) {
        return std::string_view(text).substr(bounds[k][c], bounds[k][c + 1] - bounds[k][c]);
      };
      for (std::size_t k = 0; k < n; ++k) ids[k] = trim_blanks(field(k, kId));
      a_.roster.find_many(std::span(ids.data(), n), std::span(units.data(), n));
      for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t c = 0; c < kSkip; ++c) f[c] = field(k, c);
        if (!event(f, units[k], events[k], nullptr, nullptr)) return false;
        events[k].file = &csv.file();
        events[k].line = lines[k];
      }
      if (n > 0) each_(std::span<const LedgerRow>(events.data(), n));
    }
    return true;
  }

 private:
  using Fields = std::array<std::string_view, kSkip>;
  using Places = std::array<std::size_t, kSkip>;

  // The fields of the current record by column, and where each is; false for an empty row,
  // as a spreadsheet leaves them.
  static bool fields_of(const CsvReader& csv, const std::vector<Col>& cols, Fields& f, Places& at) {
    const auto fields = csv.fields();
    f = {};
    at = {};
    bool any = false;
    for (std::size_t i = 0; i < fields.size() && i < cols.size(); ++i) {
      if (cols[i] == kSkip) continue;
      f[cols[i]] = fields[i];
      at[cols[i]] = i;
      any = any || !trim_blanks(fields[i]).empty();
    }
    return any;
  }

  // The event of a record whose id the roster found as `unit`, into `r` (all but its file
  // and line): true when it is one. When it is not, a message at its place when the record
  // is `csv`'s current one (`at` its fields' places), else none.
  bool event(const Fields& f, std::optional<UnitRef> unit, LedgerRow& r, const CsvReader* csv, const Places* at) {
    auto fail = [&](Col c, std::string message) {
      if (csv != nullptr) diag_.add(csv->location((*at)[c]), std::move(message));
      return false;
    };
    const std::string_view id = trim_blanks(f[kId]);
    if (!unit) {
      if (csv == nullptr) return false;
      return fail(kId, id.empty() ? _("this event names no unit; give its id") : detail::unknown_unit(a_, id));
    }
    const Kind& kind = a_.kind(unit->kind);
    if (!kind.rated()) {
      if (csv == nullptr) return false;
      return fail(kId, _f("{} '{}' has ledger events, but its kind is not rated here", tr(kind.words.noun), id));
    }
    r.unit = *unit;
    const Scheme& s = *kind.scheme;
    const std::string_view item = trim_blanks(f[kItem]);
    const auto& names = names_[index_of(unit->kind)];
    int i = -1;
    const auto ledger =
        std::find_if(names.ledger_ids.begin(), names.ledger_ids.end(), [&](const auto& l) { return l.first == item; });
    if (ledger != names.ledger_ids.end()) {
      i = ledger->second;
    } else if (auto it = names.ids.find(item); it != names.ids.end()) {
      i = it->second;
    } else if (auto nt = names.names.find(item); nt != names.names.end()) {
      i = nt->second;
    }
    if (i < 0 || !s.items[static_cast<std::size_t>(i)].ledger) {
      if (csv == nullptr) return false;
      if (i == -2) return fail(kItem, _f("'{}' names more than one item of {}; give the item's id", item, s.file));
      if (i >= 0) {
        return fail(kItem,
                    _f("'{}' takes no ledger: give its value in a data file, or add `ledger: {{per: ...}}` to it in {}",
                       s.items[static_cast<std::size_t>(i)].id, s.file));
      }
      std::vector<std::string_view> ledger_ids;
      for (const auto& it : s.items) {
        if (it.ledger) ledger_ids.push_back(it.id);
      }
      if (ledger_ids.empty()) {  // the unit's kind has no ledger item: the event is for no one of its kind
        return fail(kItem, _f("{} '{}' has no ledger item ({} gives none a `ledger:`): is the id or the item "
                              "mistyped? Events are for the units of a kind whose scheme has ledger items",
                              tr(kind.words.noun), id, s.file));
      }
      return fail(kItem, with_suggestion(_f("unknown item '{}' for {} '{}' (the ledger items of {} are: {})", item,
                                            tr(kind.words.noun), id, s.file, fmt::join(ledger_ids, ", ")),
                                         item, ledger_ids));
    }
    r.item = i;
    const auto date = parse_date(f[kDate]);
    if (!date) {
      if (csv == nullptr) return false;
      return fail(kDate, _f("'{}' is not a date; write it as year-month-day, e.g. 2024-03-18", trim_blanks(f[kDate])));
    }
    r.date = *date;
    r.count = 1;
    const std::string_view count = trim_blanks(f[kCount]);
    if (!count.empty()) {
      const auto folded = fold_full_width(count);
      const auto x = parse_number(folded ? std::string_view(*folded) : count);
      if (!x || !std::isfinite(*x) || *x < 0) {
        return fail(kCount,
                    _f("the count '{}' is not a number of 0 or more; give how many times the event happened, or "
                       "leave it empty for once",
                       count));
      }
      // Sums are kept exactly in 1e-9 counts (compute/ledger.cpp): a row of more than a
      // million events is surely a typing mistake, and would take them past their range.
      if (*x > 1e6) {
        return fail(kCount,
                    _f("the count '{}' is more than 1,000,000 events in one row; check the value (one row is one kind "
                       "of event on one day)",
                       count));
      }
      r.count = *x;
    }
    r.note = trim_blanks(f[kNote]);
    return true;
  }

  const Assessment& a_;
  const LedgerBatches& each_;
  Diagnostics& diag_;
  std::vector<ItemNames> names_;
};

}  // namespace

namespace {

// How a quick read of a file ended.
enum class Quick {
  done,    // every record an event, all passed on
  unread,  // nothing passed on: read the file the usual way
  failed,  // a record that is no event, or a file that cannot be read: some events may have
           // been passed on, and the file is read again for the messages only
};

// The text of a ledger file to read as CSV: a sheet's date cells are read as their days
// (2024-03-18); a CSV file is UTF-8 when it is valid UTF-8 throughout, else GB18030 (spec 5),
// decided before any event is passed on.
std::unique_ptr<CsvReader> open_ledger(const Assessment& a, const std::string& file) {
  if (detail::is_workbook(file)) {
    const auto [path, name] = detail::split_sheet(file);
    detail::XlsxLimits limits;
    limits.dates = true;
    detail::SheetText sheet = detail::read_sheet(path, nullptr, name, limits);
    return std::make_unique<CsvReader>(CsvReader::in_sheet, path + "#" + sheet.sheet, std::move(sheet.csv));
  }
  return std::make_unique<CsvReader>(file, csv_encoding(file, a.encoding));
}

// A ledger file read by quick_rows: a large CSV file in UTF-8 as two halves on two cores
// (`each` called from both), else whole.
Quick read_quick(const Assessment& a, const std::string& file, const LedgerBatches& each, bool halves) {
  Diagnostics diag;
  LedgerReader reader(a, each, diag);
  try {
    std::optional<CsvSplit> at;
    // The halves are read as UTF-8 without first reading the whole file to see whether it is:
    // a file that is not fails the quick read, and is read again in its encoding.
    if (halves && detail::two_cores() && !detail::is_workbook(file) && (a.encoding.empty() || a.encoding == "utf-8"))
      at = split_csv(file, std::size_t{1} << 20);
    if (!at) {
      auto csv = open_ledger(a, file);
      if (!csv->next()) return Quick::done;
      const auto cols = reader.header(*csv);
      if (!diag.empty()) return Quick::unread;
      return reader.quick_rows(*csv, cols) ? Quick::done : Quick::failed;
    }
    CsvReader head(file, 0, at->offset, 1);
    if (!head.next()) return Quick::unread;
    const auto cols = reader.header(head);
    if (!diag.empty()) return Quick::unread;
    LedgerReader second(a, each, diag);
    bool first_ok = false, second_ok = false;
    detail::both([&] { first_ok = reader.quick_rows(head, cols); },
                 [&] {
                   CsvReader tail(file, at->offset, at->size, 1);
                   second_ok = second.quick_rows(tail, cols);
                 });
    return first_ok && second_ok ? Quick::done : Quick::failed;
  } catch (const Error&) {
    return Quick::failed;
  }
}

}  // namespace

namespace {

// Every ledger file's events to `each`, every problem reported in the Error thrown at the end.
// With `halves`, false (at once) when a quick read failed after events may have been passed
// on: the caller reads every file again without.
bool read_files(const Assessment& a, const LedgerBatches& each, bool halves) {
  Diagnostics diag;
  const LedgerBatches none = [](std::span<const LedgerRow>) {};
  for (const std::string& file : a.ledger_files) {
    try {
      if (detail::old_excel(file)) {
        diag.add(Location{file, 0, 0}, detail::old_excel_message());
        continue;
      }
      if (!detail::is_workbook(file) && !detail::ends_with_ignoring_case(file, ".csv")) {
        diag.add(Location{file, 0, 0}, _("a ledger file must end in .csv or .xlsx"));
        continue;
      }
      const Quick quick = read_quick(a, file, each, halves);
      if (quick == Quick::done) continue;
      // Events may have been passed on: every file is read again on one core, which finds
      // what is wrong, if anything (a GB18030 file, a quoted field spanning the cut).
      if (quick == Quick::failed && halves) return false;
      // Read again, a record at a time, for the messages (with every line's number); after a
      // failed quick read nothing more is passed on.
      const std::size_t before = diag.size();
      LedgerReader reader(a, quick == Quick::unread ? each : none, diag);
      reader.read(*open_ledger(a, file));
      if (quick == Quick::failed && diag.size() == before) {
        throw Error(Location{file, 0, 0},
                    _("internal error: the quick read of this ledger stopped at a record the full read takes; please "
                      "report it"));
      }
    } catch (const Error& e) {
      diag.append(e);
    }
  }
  diag.throw_if_any();
  return true;
}

}  // namespace

void read_ledger_batches(const Assessment& a, const LedgerBatches& each, const std::function<void()>& start_over) {
  if (start_over) {
    if (read_files(a, each, true)) return;
    start_over();
  }
  read_files(a, each, false);
}

void read_ledgers(const Assessment& a, const std::function<void(const LedgerRow&)>& each) {
  read_ledger_batches(a, [&](std::span<const LedgerRow> rows) {
    for (const LedgerRow& r : rows) each(r);
  });
}

std::vector<Diagnostic> future_events(const Assessment& a, Date today) {
  constexpr std::size_t kShown = 10;
  std::vector<Diagnostic> out;
  std::size_t more = 0;
  std::string last_file;
  read_ledgers(a, [&](const LedgerRow& r) {
    if (r.date <= today) return;
    if (out.size() == kShown) {
      ++more;
      last_file = *r.file;
      return;
    }
    out.push_back(Diagnostic{Location{*r.file, r.line, 1},
                             _f("this event is dated {}, after today: a mistyped year? It counts in {} and, without "
                                "--until, dates the standings of `xingji ledger`",
                                r.date.str(), r.date.year),
                             Severity::warning});
  });
  if (more > 0) {
    out.push_back(
        Diagnostic{Location{last_file, 0, 0}, _f("and {} more events dated after today", more), Severity::warning});
  }
  return out;
}

UnitEvents::UnitEvents(const Assessment& a, std::span<const UnitRef> units, std::optional<int> year) {
  for (const UnitRef& u : units) {
    const std::size_t k = index_of(u.kind);
    // Only a kind whose scheme has a ledger item has events (read_ledgers refuses others).
    if (k >= a.kinds.size() || !a.kinds[k].scheme || !a.kinds[k].scheme->has_ledger()) continue;
    if (slot_.size() <= k) slot_.resize(k + 1);
    std::vector<int>& slots = slot_[k];
    if (slots.empty()) slots.assign(a.roster.size(u.kind), -1);
    int& slot = slots.at(static_cast<std::size_t>(u.index));
    if (slot >= 0) continue;
    slot = static_cast<int>(events_.size());
    events_.emplace_back();
  }
  if (events_.empty()) return;
  read_ledgers(a, [&](const LedgerRow& r) {
    const std::size_t k = index_of(r.unit.kind);
    if (k >= slot_.size() || slot_[k].empty() || (year && r.date.year != *year)) return;
    const int slot = slot_[k][static_cast<std::size_t>(r.unit.index)];
    if (slot < 0) return;
    events_[static_cast<std::size_t>(slot)].push_back(
        LedgerEvent{r.unit, r.item, r.date, r.count, std::string(r.note), Location{*r.file, r.line, 1}});
  });
  for (auto& e : events_) {
    std::stable_sort(e.begin(), e.end(), [](const LedgerEvent& x, const LedgerEvent& y) { return x.date < y.date; });
  }
}

const std::vector<LedgerEvent>& UnitEvents::of(UnitRef unit) const {
  static const std::vector<LedgerEvent> none;
  const std::size_t k = index_of(unit.kind);
  if (k >= slot_.size() || slot_[k].empty() || unit.index < 0 ||
      static_cast<std::size_t>(unit.index) >= slot_[k].size()) {
    return none;
  }
  const int slot = slot_[k][static_cast<std::size_t>(unit.index)];
  return slot < 0 ? none : events_[static_cast<std::size_t>(slot)];
}

std::vector<LedgerEvent> unit_events(const Assessment& a, UnitRef unit, std::optional<int> year) {
  const UnitRef units[] = {unit};
  return UnitEvents(a, units, year).of(unit);
}

}  // namespace xingji
