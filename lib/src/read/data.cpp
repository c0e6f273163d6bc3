#include "xingji/data.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <istream>
#include <limits>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "base/files.hpp"
#include "base/parallel.hpp"
#include "base/suggest.hpp"
#include "base/text.hpp"
#include "base/units.hpp"
#include "read/csv.hpp"
#include "read/decimal.hpp"
#include "read/split.hpp"
#include "read/yaml_events.hpp"
#include "xingji/number.hpp"

namespace xingji {

const YearData* DataSet::year(int y) const {
  auto it = years.find(y);
  return it == years.end() ? nullptr : &it->second;
}

int DataSet::latest() const {
  if (years.empty())
    throw Error(Location{"data", 0, 0}, "no data values were found; check the `data:` files of the manifest");
  return years.rbegin()->first;
}

GroupRating combine_ratings(std::vector<std::pair<double, double>> votes, RaterCombine how) {
  GroupRating out;
  std::sort(votes.begin(), votes.end());
  for (const auto& v : votes) out.ballots += v.second;
  // The mean of the ballots from `lo` to `hi` (ballot positions, counts expanded).
  auto mean_between = [&](double lo, double hi) {
    double sum = 0, pos = 0;
    for (const auto& [value, count] : votes) {
      const double from = std::max(pos, lo), to = std::min(pos + count, hi);
      if (to > from) sum += value * (to - from);
      pos += count;
    }
    return sum / (hi - lo);
  };
  // The ballot at 0-based position k.
  auto at = [&](double k) {
    double pos = 0;
    for (const auto& [value, count] : votes) {
      if (k < pos + count) return value;
      pos += count;
    }
    return votes.back().first;
  };
  switch (how) {
    case RaterCombine::mean:
      out.combined = mean_between(0, out.ballots);
      break;
    case RaterCombine::median: {
      const double n = out.ballots;
      const double mid = std::floor(n / 2);
      out.combined = std::fmod(n, 2) == 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
      break;
    }
    case RaterCombine::trimmed:
      if (out.ballots >= 3) {
        out.dropped = 2;
        out.combined = mean_between(1, out.ballots - 1);
      } else {
        out.combined = mean_between(0, out.ballots);
      }
      break;
  }
  return out;
}

double combine_quarters(std::span<const double, 4> q, Combine how, MissingQuarter missing) {
  double sum = 0, best = -std::numeric_limits<double>::infinity(), last = std::numeric_limits<double>::quiet_NaN();
  int used = 0;
  for (double x : q) {
    if (std::isnan(x)) {
      if (missing == MissingQuarter::skip) continue;
      x = 0;  // `zero` (under `error` every quarter is present)
    }
    sum += x;
    best = std::max(best, x);
    last = x;
    ++used;
  }
  if (used == 0) return std::numeric_limits<double>::quiet_NaN();
  switch (how) {
    case Combine::mean:
      return sum / used;
    case Combine::sum:
      return sum;
    case Combine::max:
      return best;
    case Combine::last:
      return last;
  }
  return sum / used;
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
                "more than 268 million values that are not short decimals in one year; round the data to at "
                "most 6 decimals, or split the assessment");
  }
  extra.push_back(x);
  return Cell::extra(extra.size() - 1);
}

namespace {

// "unknown WHAT 'word' CONTEXT a, b, c)", with a suggestion: `context` opens the list of the
// names of `items` that it closes.
template <class T>
std::string unknown_of(std::string_view what, std::string_view word, const std::vector<T>& items, std::string T::*name,
                       const std::string& context) {
  std::vector<std::string_view> names;
  std::string list;
  for (const auto& x : items) {
    names.push_back(x.*name);
    list += (list.empty() ? "" : ", ") + x.*name;
  }
  return unknown_name(what, word, names, context + list + ")");
}

// A cell that was given twice, waiting for the place of its first occurrence; or (with a
// `message`) a problem found after reading, reported at the place of this cell.
struct Duplicate {
  UnitKind kind;
  int unit;
  int year;
  int item;
  Location second;
  std::optional<Location> first;
  std::string message;
};

// A year, or one of its quarters (1..4; 0 is the year itself).
struct Period {
  int year = 0;
  int quarter = 0;
};

// What the readers of one load share: the data, and (when two threads read halves of a file)
// which thread stored each unit's row, so that the two never write the same cells.
struct Store {
  DataSet data;
  std::mutex mutex;  // guards creating a year's tables
  std::map<std::pair<int, int>, std::unique_ptr<std::atomic<std::uint8_t>[]>> claims;
  std::atomic<bool> conflict{false};
};

// Turns (unit id, year, item id, text) into values, checking each against the assessment.
// The file readers below only find cells and their places; all judgement is here.
class Loader {
 public:
  // `tag` 1 reads alone, or the first half of a split file, and 2 its second half: a row
  // is claimed by the first loader to store in it (a claim by the other is a conflict).
  Loader(const Assessment& a, Store& store, std::uint8_t tag = 1)
      : a_(a),
        store_(store),
        tag_(tag),
        cached_claims_(a.kinds.size()),
        items_(a.kinds.size()),
        plain_(a.kinds.size()) {
    for (const Kind& kind : a.kinds) {
      if (!kind.rated()) continue;
      const Scheme& s = *kind.scheme;
      auto& map = items_[index_of(kind.id)];
      for (std::size_t i = 0; i < s.items.size(); ++i) map.emplace(s.items[i].id, static_cast<int>(i));
      for (const auto& it : s.items) plain_[index_of(kind.id)].push_back(plain_of(it));
      for (const auto& n : s.nodes) {
        if (!n.is_leaf()) area_ids_.emplace(n.id, &s);
      }
    }
  }

  // While locating, problems were already reported by the first pass: send them nowhere.
  Diagnostics& diag() { return locating_ ? scratch_ : diag_; }
  const std::string& encoding() const { return a_.encoding; }
  // Nothing to report: no problem, no duplicate.
  bool clean() const { return diag_.empty() && dups_.empty(); }
  std::vector<Duplicate>& duplicates() { return dups_; }
  void locate_mode(bool on) { locating_ = on; }

  // Resolves a unit id; reports and returns nullopt when unknown.
  template <class WhereFn>
  std::optional<UnitRef> unit(std::string_view id, WhereFn&& where_fn) {
    id = trim(id);
    // Data exported from the roster comes in roster order: try the unit after the last one
    // before hashing (a hash lookup in a national roster is a cache miss).
    const auto& roster = a_.roster;
    if (static_cast<std::size_t>(next_.index) < roster.size(next_.kind) && roster.id_of(next_) == id) {
      const UnitRef u = next_;
      ++next_.index;
      return u;
    }
    if (auto u = roster.find(id)) {
      next_ = UnitRef{u->kind, u->index + 1};
      const Kind& kind = a_.kind(u->kind);
      if (!kind.rated()) {
        diag().add(where_fn(), fmt::format("{} '{}' has data, but the manifest names no {} scheme; add `schemes: "
                                           "{{{}: ...}}` or remove its data",
                                           kind.words.noun, id, kind.words.noun, kind.words.id));
        next_ = UnitRef{};
        return std::nullopt;
      }
      return u;
    }
    diag().add(where_fn(), detail::unknown_unit(a_, id));
    return std::nullopt;
  }

  // The item index of `id` for units of `kind`, or -1 (reported).
  template <class WhereFn>
  int item(UnitKind kind, std::string_view id, WhereFn&& where_fn) {
    id = trim(id);
    const auto& map = items_[index_of(kind)];
    if (auto it = map.find(id); it != map.end()) return it->second;
    if (auto area = area_ids_.find(id); area != area_ids_.end()) {
      diag().add(where_fn(), fmt::format("'{}' is an area with items under it; give values for its items instead", id));
      return -1;
    }
    const KindWords& words = a_.kind(kind).words;
    for (const Kind& other : a_.kinds) {
      if (other.id == kind || item_of(other.id, id) < 0) continue;
      diag().add(where_fn(), fmt::format("'{}' is an indicator of the {} scheme, not of the {} scheme; give it for {}",
                                         id, other.words.noun, words.noun, other.words.article));
      return -1;
    }
    std::vector<std::string_view> names;
    for (const auto& [key, idx] : map) names.push_back(key);
    std::sort(names.begin(), names.end());
    diag().add(where_fn(), unknown_name("indicator", id, names,
                                        fmt::format(" for {} (not in the {} scheme)", words.plural, words.noun)));
    return -1;
  }

  // The item index of `id` for units of `kind`, or -1 (not reported).
  int item_of(UnitKind kind, std::string_view id) const {
    const auto& map = items_[index_of(kind)];
    auto it = map.find(id);
    return it == map.end() ? -1 : it->second;
  }

  // A year (2024) or a quarter (2024Q1 .. 2024Q4).
  template <class WhereFn>
  std::optional<Period> period(std::string_view text, WhereFn&& where) {
    // Four digits not starting with 0: a year, as on nearly every row (the rest below).
    if (text.size() == 4 && text[0] >= '1' && text[0] <= '9' &&
        std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Period{((text[0] - '0') * 10 + (text[1] - '0')) * 100 + (text[2] - '0') * 10 + (text[3] - '0'), 0};
    }
    text = trim(text);
    Period p;
    if (const auto q = text.find_first_of("Qq"); q != std::string_view::npos) {
      const auto quarter = parse_integer(text.substr(q + 1));
      if (!quarter || *quarter < 1 || *quarter > 4 || text.substr(q + 1).size() != 1) {
        diag().add(where(), "'" + std::string(text) + "' is not a quarter; quarters are Q1 to Q4, e.g. 2024Q3");
        return std::nullopt;
      }
      p.quarter = static_cast<int>(*quarter);
      text = text.substr(0, q);
    }
    auto y = parse_integer(text);
    if (!y || *y < 1000 || *y > 9999) {
      diag().add(where(), "year '" + std::string(text) + "' is not a year; write it as four digits, e.g. 2024" +
                              (p.quarter ? "Q" + std::to_string(p.quarter) : std::string()));
      return std::nullopt;
    }
    p.year = static_cast<int>(*y);
    return p;
  }

  // The item that stores a value of `item` for period `p`: a quarter's own item for a
  // quarterly leaf; -1 (reported) when the period does not suit the item.
  template <class WhereFn>
  int slot(UnitRef u, Period p, int item, WhereFn&& where) {
    const Item& it = scheme(u.kind).items[static_cast<std::size_t>(item)];
    if (it.rated) {
      diag().add(where(), "'" + it.id +
                              "' is rated by rater groups (双述双评); give its ratings as long CSV rows "
                              "with a 'rater' column: id,year,indicator,value,rater[,count]");
      return -1;
    }
    if (it.quarter_item >= 0) {
      if (p.quarter == 0) {
        diag().add(where(), "'" + it.id +
                                "' is quarterly (per: quarter); give its values by quarter, "
                                "with a 'period' such as " +
                                std::to_string(p.year) + "Q1");
        return -1;
      }
      return it.quarter_item + p.quarter - 1;
    }
    if (p.quarter != 0) {
      diag().add(where(), "a quarterly value (" + std::to_string(p.year) + "Q" + std::to_string(p.quarter) + ") for '" +
                              it.id +
                              "', which is not quarterly; give it for the year, or add "
                              "`per: quarter` to it in " +
                              scheme(u.kind).file);
      return -1;
    }
    return item;
  }

  const Scheme& scheme(UnitKind kind) const { return a_.scheme(kind); }
  const std::string& noun(UnitKind kind) const { return a_.kind(kind).words.noun; }

  // An item whose cells are numbers (`number`: not a level, ballot or quarter) or yes/no
  // values (`check`), and the range a number must be in.
  struct Plain {
    enum Kind : std::uint8_t { no, number, check } kind = no;
    bool bounded = false;       // lowest or highest is finite
    bool not_negative = false;  // the only bound: lowest 0 (ratio, count, deduct)
    double lowest = -std::numeric_limits<double>::infinity();
    double highest = std::numeric_limits<double>::infinity();
  };
  static Plain plain_of(const Item& it) {
    Plain p;
    if (it.kind != ItemKind::quarter && it.quarter_item < 0 && !it.rated && !it.labelled) {
      p.kind = it.boolean ? Plain::check : Plain::number;
    }
    if (it.lowest) p.lowest = *it.lowest;
    if (it.highest) p.highest = *it.highest;
    p.bounded = it.lowest.has_value() || it.highest.has_value();
    p.not_negative = it.lowest == 0.0 && !it.highest;
    return p;
  }

  // Reads one value of item `it` for unit `u`; false (reported) when it is not acceptable.
  template <class WhereFn>
  bool value_of(UnitRef u, const Item& it, std::string_view text, WhereFn&& where, double& value) {
    if (it.boolean) {
      auto b = parse_check(text);
      if (!b) {
        diag().add(where(), "'" + std::string(text) + "' is not a yes/no value for '" + it.id + "' of " + noun(u.kind) +
                                " '" + unit_id(u) + "'; write 是/否, yes/no, true/false or 1/0");
        return false;
      }
      value = *b ? 1 : 0;
      return true;
    }
    if (it.labelled) {
      const auto& levels = scheme(u.kind).nodes[static_cast<std::size_t>(it.index)].scoring.levels;
      for (std::size_t i = 0; i < levels.size(); ++i) {
        if (levels[i].text == text) {
          value = static_cast<double>(i);
          return true;
        }
      }
      diag().add(where(),
                 unknown_of("level", text, levels, &Label::text,
                            " for '" + it.id + "' of " + noun(u.kind) + " '" + unit_id(u) + "' (its levels: "));
      return false;
    }
    auto x = parse_number(text);
    if (!x) {
      diag().add(where(), "'" + std::string(text) + "' is not a number, but '" + it.id + "' of " + noun(u.kind) + " '" +
                              unit_id(u) + "' needs one (e.g. 12.5, no units or commas)");
      return false;
    }
    value = *x;
    if (it.lowest && value < *it.lowest) {
      diag().add(where(), "'" + it.id + "' of " + noun(u.kind) + " '" + unit_id(u) + "' is " + format_number(value) +
                              "; it must not be negative");
      return false;
    }
    if (it.highest && value > *it.highest) {
      diag().add(where(), (*it.highest == 1 && it.rated ? std::string("the fraction ") : "direct points ") +
                              format_number(value) + " for '" + it.id + "' of " + noun(u.kind) + " '" + unit_id(u) +
                              "' are outside [0, " + format_number(*it.highest) + "]; give " +
                              (*it.highest == 1 && it.rated ? "a fraction between 0 and 1"
                                                            : "points between 0 and the item's weight"));
      return false;
    }
    return true;
  }

  // One rating of a rated leaf (a long CSV row with a rater).
  template <class RaterAt, class CountAt, class ValueAt>
  void ballot(UnitRef u, Period p, int item, std::string_view rater, std::string_view count_text, std::string_view text,
              RaterAt&& rater_at, CountAt&& count_at, ValueAt&& value_at) {
    const Scheme& s = scheme(u.kind);
    const Item& it = s.items[static_cast<std::size_t>(item)];
    rater = trim(rater);
    text = trim(text);
    if (!it.rated) {
      diag().add(rater_at(), "'" + it.id +
                                 "' is not rated by rater groups; leave 'rater' empty for it, or add "
                                 "`raters:` to it in " +
                                 s.file);
      return;
    }
    if (p.quarter != 0) {
      diag().add(value_at(), "'" + it.id + "' is rated once a year; give its ratings with a year, not a quarter");
      return;
    }
    const Raters& raters = *s.nodes[static_cast<std::size_t>(it.index)].raters;
    int group = -1;
    for (std::size_t g = 0; g < raters.groups.size(); ++g) {
      if (raters.groups[g].name == rater) group = static_cast<int>(g);
    }
    if (group < 0) {
      diag().add(rater_at(), unknown_of("rater group", rater, raters.groups, &RaterGroup::name,
                                        " for '" + it.id + "' (its groups: "));

      return;
    }
    double count = 1;
    if (!trim(count_text).empty()) {
      auto c = parse_integer(count_text);
      if (!c || *c < 0) {
        diag().add(count_at(),
                   "count '" + std::string(trim(count_text)) + "' must be a whole number of ballots, 0 or more");
        return;
      }
      count = static_cast<double>(*c);
    }
    double value = 0;
    if (!raters.ballots.empty()) {
      bool found = false;
      for (const auto& b : raters.ballots) {
        if (b.text == text) {
          value = b.fraction;
          found = true;
        }
      }
      if (!found) {
        diag().add(value_at(),
                   unknown_of("ballot", text, raters.ballots, &Label::text, " for '" + it.id + "' (its ballots: "));
        return;
      }
    } else {
      Item plain = it;
      plain.rated = false;
      if (!value_of(u, plain, text, value_at, value)) return;
    }
    if (locating_) return;
    table(u.kind, p.year);
    auto& list = cached_->kinds[index_of(u.kind)].ballots;
    list.push_back(Ballot{u.index, item, group, value, count, value_at()});
  }

  // A problem found after reading, to be reported at the place of cell `item`.
  void later(UnitKind kind, int unit, int year, int item, std::string message) {
    dups_.push_back(Duplicate{kind, unit, year, item, Location{}, std::nullopt, std::move(message)});
  }

  // "2024", or "2024Q3" for a quarter's item.
  std::string when(UnitKind kind, int year, int item) const {
    const Item& it = scheme(kind).items[static_cast<std::size_t>(item)];
    return std::to_string(year) + (it.kind == ItemKind::quarter ? "Q" + std::to_string(it.quarter) : "");
  }

  // The cells of one unit in one year; nullptr when the other thread of a split file has
  // stored that row (the load is then redone on one thread). A row is marked missing when
  // first claimed, while it is in the cache anyway; rows no one claims are marked by
  // fill_unclaimed.
  std::uint32_t* row(UnitRef u, int year) {
    Table& t = table(u.kind, year);
    std::uint32_t* values = t.cells.data() + static_cast<std::size_t>(u.index) * t.items;
    auto& claim = cached_claims_[index_of(u.kind)][u.index];
    std::uint8_t owner = 0;
    if (claim.compare_exchange_strong(owner, tag_, std::memory_order_relaxed)) {
      std::fill(values, values + t.items, Cell::missing);
    } else if (owner != tag_) {
      store_.conflict.store(true, std::memory_order_relaxed);
      return nullptr;
    }
    return values;
  }

  // Stores one value; an empty text is a missing value and stores nothing.
  template <class WhereFn>
  void cell(UnitRef u, const Period& p, int item, std::string_view text, WhereFn&& where) {
    if (std::uint32_t* values = row(u, p.year)) cell(u, p, values, item, text, where);
  }

  // Stores a plain decimal in range for a number item, or 1 or 0 for a check, into an empty
  // cell of a year's row (not a quarter's); false for any other text, which `cell` then
  // takes the full way, storing the same value or reporting why not. The hot path of wide
  // CSV: what it needs of the loader is read once per row (quick_for), not once per cell.
  struct Quick {
    const Plain* plain = nullptr;  // per item; nullptr: no cell of this row takes the quick path

    bool store(std::uint32_t* cells, int item, std::string_view text) const {
      PlainDecimal d;
      const bool decimal = plain != nullptr && read_plain_decimal(text, d);
      return store(cells, item, text, decimal, d);
    }
    // The same for a text already read: `decimal` tells whether it is a plain decimal, `d` its digits.
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
        // -0 reads as 0, as parse_number has it. A decimal too long for a cell goes the full way.
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
  [[nodiscard]] Quick quick_for(UnitKind kind, const Period& p) const {
    if (p.quarter != 0 || locating_) return Quick{};
    return Quick{plain_[index_of(kind)].data()};
  }

  // The same with the unit's row already found.
  template <class WhereFn>
  void cell(UnitRef u, const Period& p, std::uint32_t* values, int item, std::string_view text, WhereFn&& where) {
    if (quick_for(u.kind, p).store(values, item, text)) return;
    text = trim(text);
    if (text.empty()) return;
    item = slot(u, p, item, where);
    if (item < 0) return;
    const int year = p.year;
    const Item& it = scheme(u.kind).items[static_cast<std::size_t>(item)];
    if (locating_) {
      for (auto& d : dups_) {
        if (!d.first && d.kind == u.kind && d.unit == u.index && d.year == year && d.item == item) d.first = where();
      }
      return;
    }
    double value = 0;
    if (!value_of(u, it, text, where, value)) return;
    std::uint32_t& slot = values[item];
    if (slot != Cell::missing) {
      // Locating first places costs a pass per duplicate list; past the report limit, the
      // rest are reported without their first place.
      if (dups_.size() < Diagnostics::limit) {
        dups_.push_back(Duplicate{u.kind, u.index, year, item, where(), std::nullopt, {}});
      } else {
        diag().add(where(), "the value of '" + it.id + "' for " + noun(u.kind) + " '" + unit_id(u) + "' in " +
                                when(u.kind, year, item) + " is given twice; keep one");
      }
      return;
    }
    if (const auto c = Cell::exact(value)) {
      slot = *c;
      return;
    }
    // A value that is not a short decimal goes to the table's extra list after reading: the
    // other thread of a split file may be adding to the same list.
    slot = Cell::pending;
    Table& t = table(u.kind, year);
    late_.push_back(Late{&t, static_cast<std::size_t>(&slot - t.cells.data()), value});
  }

  // Keeps the values that waited for the end of reading (see cell).
  void settle() {
    for (const auto& l : late_) l.table->cells[l.at] = l.table->keep(l.value);
    late_.clear();
  }

  std::string unit_id(UnitRef u) const { return std::string(a_.roster.id_of(u)); }
  std::size_t kinds() const { return a_.kinds.size(); }
  std::string item_id(UnitKind kind, int item) const {
    return a_.scheme(kind).items[static_cast<std::size_t>(item)].id;
  }

 private:
  Table& table(UnitKind kind, int year) {
    if (year != cached_year_ || cached_ == nullptr) {
      std::lock_guard<std::mutex> lock(store_.mutex);
      auto [it, fresh] = store_.data.years.try_emplace(year);
      if (fresh) {
        it->second.kinds.resize(a_.kinds.size());
        for (const Kind& k : a_.kinds) {
          Table& t = it->second.kinds[index_of(k.id)].table;
          t.units = a_.roster.size(k.id);
          t.items = k.rated() ? k.scheme->items.size() : 0;
          // Left uninitialised by resize: a row is marked missing when a loader claims it
          // (row), the others after loading (fill_unclaimed). A separate pass over a
          // national matrix would cost a write of 86 MB.
          t.cells.resize(t.units * t.items);
        }
      }
      for (const Kind& k : a_.kinds) {
        auto& claims = store_.claims[{year, static_cast<int>(index_of(k.id))}];
        if (!claims) claims.reset(new std::atomic<std::uint8_t>[a_.roster.size(k.id)]());
        cached_claims_[index_of(k.id)] = claims.get();
      }
      cached_year_ = year;
      cached_ = &it->second;
    }
    return cached_->kinds[index_of(kind)].table;
  }

  const Assessment& a_;
  Store& store_;
  std::uint8_t tag_ = 1;
  std::vector<std::atomic<std::uint8_t>*> cached_claims_;         // per kind
  std::vector<std::unordered_map<std::string_view, int>> items_;  // per kind: item id to index
  std::vector<std::vector<Plain>> plain_;                         // per kind, per item
  std::unordered_map<std::string_view, const Scheme*> area_ids_;
  Diagnostics diag_;
  Diagnostics scratch_;
  std::vector<Duplicate> dups_;
  struct Late {
    Table* table;
    std::size_t at;  // cell index
    double value;
  };
  std::vector<Late> late_;
  bool locating_ = false;
  UnitRef next_{UnitKind::village, 0};  // the unit a row in roster order names next
  int cached_year_ = 0;
  YearData* cached_ = nullptr;
};

// ---- CSV ------------------------------------------------------------------------------

// What a data CSV's header says about its columns.
struct Layout {
  std::vector<std::string> names;  // the header outlives the record it was read from
  std::vector<std::string_view> header;
  int id_col = -1, year_col = -1, ind_col = -1, value_col = -1, rater_col = -1, count_col = -1;
  bool is_long = false;
  std::vector<std::vector<int>> items;  // wide: per kind, per column (kSkip for id/year/name)
  bool ok = false;
};

constexpr int kSkip = -2;

// Reads and checks the header; `ok` is false when the rows cannot be read.
Layout read_layout(CsvReader& csv, Loader& L) {
  Layout lay;
  if (!csv.next()) return lay;
  for (auto f : csv.fields()) lay.names.emplace_back(trim(f));
  for (const auto& n : lay.names) lay.header.emplace_back(n);
  auto& header = lay.header;
  auto column = [&](std::string_view name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int id_col = lay.id_col = column("id");
  // Quarterly values come with a `period` column (2024Q1) instead of `year`.
  const int plain_year = column("year");
  const int period_col = column("period");
  const int year_col = lay.year_col = plain_year >= 0 ? plain_year : period_col;
  const int ind_col = lay.ind_col = column("indicator");
  const int value_col = lay.value_col = column("value");
  const int rater_col = lay.rater_col = column("rater");
  const int count_col = lay.count_col = column("count");
  const bool is_long = lay.is_long = ind_col >= 0 || value_col >= 0;
  bool header_ok = true;
  if (id_col < 0 || year_col < 0) {
    L.diag().add(csv.location(0),
                 "a data CSV needs 'id' and 'year' (or 'period') columns (wide: id,year,<indicator ids>; "
                 "long: id,year,indicator,value)");
    header_ok = false;
  }
  if (plain_year >= 0 && period_col >= 0) {
    L.diag().add(
        csv.location(static_cast<std::size_t>(period_col)),
        "give either a 'year' or a 'period' column, not both; a period is a year (2024) or a quarter (2024Q1)");
    header_ok = false;
  }
  if (is_long && (ind_col < 0 || value_col < 0)) {
    L.diag().add(csv.location(0), "a long data CSV needs both 'indicator' and 'value' columns");
    header_ok = false;
  }
  if ((rater_col >= 0 || count_col >= 0) && !is_long) {
    L.diag().add(csv.location(static_cast<std::size_t>(rater_col >= 0 ? rater_col : count_col)),
                 "'rater' and 'count' columns belong to a long data CSV: id,year,indicator,value,rater[,count]");
    header_ok = false;
  } else if (count_col >= 0 && rater_col < 0) {
    L.diag().add(csv.location(static_cast<std::size_t>(count_col)),
                 "a 'count' column repeats ballots and needs a 'rater' column too");
    header_ok = false;
  }
  // Wide: each value column is an item of one kind's scheme or of several.
  // Columns that hold no values (id, year, name) are marked so the row loop skips them.
  lay.items.assign(L.kinds(), std::vector<int>(header.size(), kSkip));
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto h = header[i];
    if (column(h) != static_cast<int>(i)) {
      L.diag().add(csv.location(i), "column '" + std::string(h) + "' is given twice in the header");
      header_ok = false;
      continue;
    }
    if (static_cast<int>(i) == id_col || static_cast<int>(i) == year_col || h == "name") continue;
    if (static_cast<int>(i) == period_col || static_cast<int>(i) == rater_col || static_cast<int>(i) == count_col) {
      continue;
    }
    if (is_long) {
      if (static_cast<int>(i) != ind_col && static_cast<int>(i) != value_col) {
        L.diag().add(csv.location(i), "unexpected column '" + std::string(h) +
                                          "' in a long data CSV (id,year,indicator,value[,rater,count])");
        header_ok = false;
      }
      continue;
    }
    bool known = false;
    for (std::size_t k = 0; k < lay.items.size(); ++k) {
      lay.items[k][i] = L.item_of(static_cast<UnitKind>(k), h);
      known = known || lay.items[k][i] >= 0;
    }
    if (!known) {
      L.item(UnitKind::village, h, [&] { return csv.location(i); });  // reports, with a suggestion
      header_ok = false;
    }
  }
  lay.ok = header_ok;
  return lay;
}

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
    } else if (item == -1 && !trim(f[i].text).empty()) {
      L.item(u->kind, lay.header[i], where(i));  // an item of the other kind's scheme
    }
  }
}

// Reads the rows that follow a header (all of them, or one half of a split file).
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
    if (f.size() != header.size()) {
      L.diag().add(csv.record_location(), "this row has " + std::to_string(f.size()) + " fields but the header has " +
                                              std::to_string(header.size()) + "; check for a stray or missing comma");
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

// ---- YAML (event API: no node tree, memory does not grow with the file) ----------------

using detail::Source;

class DataYaml : public YAML::EventHandler {
 public:
  DataYaml(const Source& src, Loader& L) : src_(src), L_(L) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override { flush_pending(); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { value_or_key(mark, std::nullopt); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    if (skipping()) return;
    L_.diag().add(at(mark), "aliases (*name) are not allowed in data files; write the value out");
    consume_value();
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    value_or_key(mark, std::string_view(value));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(mark, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(mark, true);
  }
  void OnMapEnd() override { close(); }

  Location at(const YAML::Mark& m) const { return src_.at(m); }

 private:
  enum class Role { top, values, unit, skip };
  struct Frame {
    Role role = Role::skip;
    bool want_key = true;
    std::string key;
    YAML::Mark key_mark;
    std::optional<UnitRef> unit;
    int item = -1;
  };
  struct Pending {
    UnitRef unit;
    int item;
    std::string text;
    YAML::Mark mark;
  };

  static Frame make_frame(Role role) {
    Frame f;
    f.role = role;
    return f;
  }

  bool skipping() const { return skip_depth_ > 0; }

  void consume_value() {
    if (!stack_.empty()) stack_.back().want_key = true;
  }

  void open(const YAML::Mark& mark, bool is_map) {
    if (skipping()) {
      ++skip_depth_;
      return;
    }
    if (stack_.empty()) {
      if (!is_map) {
        L_.diag().add(at(mark),
                      "a YAML data file must be a mapping: `year: 2024` and `values: {unit: {indicator: value}}`");
        skip_depth_ = 1;
        return;
      }
      stack_.push_back(make_frame(Role::top));
      return;
    }
    Frame& parent = stack_.back();
    Role role = Role::skip;
    if (parent.want_key) {
      L_.diag().add(at(mark), "a key must be plain text");
    } else if (!is_map) {
      L_.diag().add(at(mark), "a list is not expected here; give `indicator: value` pairs");
    } else if (parent.role == Role::top && parent.key == "values") {
      role = Role::values;
    } else if (parent.role == Role::values && parent.unit) {
      role = Role::unit;
    } else if (parent.role == Role::values || parent.role == Role::top) {
      if (parent.role == Role::top) L_.diag().add(at(mark), "'" + parent.key + "' takes a single value, not a mapping");
    } else {
      L_.diag().add(at(mark), "a mapping is not expected here; a value must be a number or yes/no");
    }
    const auto unit = parent.unit;
    parent.want_key = true;
    if (role == Role::skip) {
      skip_depth_ = 1;
      return;
    }
    stack_.push_back(make_frame(role));
    stack_.back().unit = unit;
  }

  void close() {
    if (skipping()) {
      --skip_depth_;
      return;
    }
    if (!stack_.empty()) stack_.pop_back();
  }

  void value_or_key(const YAML::Mark& mark, std::optional<std::string_view> text) {
    if (skipping() || stack_.empty()) return;
    Frame& f = stack_.back();
    if (auto problem = detail::scalar_problem(text)) {
      L_.diag().add(at(mark), *problem);
      f.want_key = !f.want_key;
      if (!f.want_key) f.key.clear();
      return;
    }
    if (f.want_key) {
      if (!text) {
        L_.diag().add(at(mark), "an empty key; give an id");
        f.want_key = false;
        f.key.clear();
        return;
      }
      key(f, mark, *text);
      return;
    }
    f.want_key = true;
    value(f, mark, text);
  }

  void key(Frame& f, const YAML::Mark& mark, std::string_view text) {
    f.want_key = false;
    f.key = std::string(text);
    f.key_mark = mark;
    f.item = -1;
    if (f.role == Role::top) {
      static constexpr std::string_view keys[] = {"year", "period", "values"};
      if (text != "year" && text != "values" && text != "period") {
        L_.diag().add(at(mark), unknown_name("key", text, keys, " in a data file (keys: year or period, values)"));
      } else if (text == "values" && seen_values_) {
        L_.diag().add(at(mark), "'values' is given twice; merge them into one mapping");
      } else if (text == "values") {
        seen_values_ = true;
      }
    } else if (f.role == Role::values) {
      f.unit = L_.unit(text, [&] { return at(mark); });
    } else if (f.role == Role::unit && f.unit) {
      f.item = L_.item(f.unit->kind, text, [&] { return at(mark); });
    }
  }

  void value(Frame& f, const YAML::Mark& mark, std::optional<std::string_view> text) {
    if (f.role == Role::top) {
      if (f.key == "year" || f.key == "period") {
        if (year_ || seen_year_) {
          L_.diag().add(at(f.key_mark), "'" + f.key + "' is given twice (a file has one 'year' or one 'period')");
        } else if (!text) {
          L_.diag().add(at(mark), "'" + f.key + "' is empty; write the year, e.g. 2024, or a quarter, e.g. 2024Q1");
        } else {
          seen_year_ = true;
          year_ = L_.period(*text, [&] { return at(mark); });
          if (year_) flush_pending();
        }
      } else if (f.key == "values" && text) {
        L_.diag().add(at(mark), "'values' must be a mapping of unit ids to `indicator: value` pairs");
      }
      return;
    }
    if (f.role == Role::values) {
      if (text && !trim(*text).empty() && f.unit) {
        L_.diag().add(at(mark), "unit '" + f.key + "' needs a mapping of `indicator: value` pairs");
      }
      return;
    }
    if (f.role != Role::unit || !f.unit || f.item < 0 || !text) return;
    if (year_) {
      L_.cell(*f.unit, *year_, f.item, *text, [&] { return at(mark); });
    } else {
      pending_.push_back(Pending{*f.unit, f.item, std::string(*text), mark});
    }
  }

  // Values read before `year:` are kept until the year is known (only when year comes last).
  void flush_pending() {
    if (!year_) {
      if (!seen_year_ && (!pending_.empty() || !reported_no_year_)) {
        L_.diag().add(Location{src_.file, 0, 0}, "the file gives no 'year'; add `year: 2024` at the top");
        reported_no_year_ = true;
      }
      pending_.clear();
      return;
    }
    for (const auto& p : pending_) L_.cell(p.unit, *year_, p.item, p.text, [&] { return at(p.mark); });
    pending_.clear();
  }

  const Source& src_;
  Loader& L_;
  std::vector<Frame> stack_;
  int skip_depth_ = 0;
  std::optional<Period> year_;
  bool seen_year_ = false;
  bool seen_values_ = false;
  bool reported_no_year_ = false;
  std::vector<Pending> pending_;
};

void read_yaml(const Source& src, Loader& L) {
  DataYaml handler(src, L);
  detail::parse_events(src, handler, L.diag(), "`year:` and `values:`");
}

enum class Format { csv, yaml };

std::optional<Format> format_of(const std::string& file) {
  auto ends = [&](std::string_view s) {
    if (file.size() < s.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = file[file.size() - s.size() + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != s[i]) return false;
    }
    return true;
  };
  if (ends(".csv")) return Format::csv;
  if (ends(".yaml") || ends(".yml")) return Format::yaml;
  return std::nullopt;
}

void read_one(const Source& src, Loader& L) {
  auto format = format_of(src.file);
  if (!format) {
    L.diag().add(Location{src.file, 0, 0}, "a data file must end in .csv, .yaml or .yml");
    return;
  }
  try {
    if (*format == Format::yaml) {
      read_yaml(src, L);
      return;
    }
    std::optional<CsvReader> csv;
    if (src.text)
      csv.emplace(CsvReader::in_memory, src.file, *src.text);
    else
      csv.emplace(src.file, L.encoding());
    read_csv(*csv, L);
  } catch (const Error& e) {
    L.diag().append(e);
  }
}

// Quarterly leaves: their quarters combined into the leaf's cell.
void derive_quarters(const Scheme& s, UnitKind kind, int year, Table& t, Loader& L) {
  for (const auto& n : s.nodes) {
    if (!n.is_leaf() || !n.quarterly) continue;
    const auto q1 = static_cast<std::size_t>(n.quarter_item);
    const Item& it = s.items[static_cast<std::size_t>(n.item)];
    std::array<double, 4> q{};
    for (std::size_t u = 0; u < t.units; ++u) {
      for (std::size_t k = 0; k < 4; ++k) q[k] = t.at(u, q1 + k);
      int given = 0;
      for (double x : q) given += std::isnan(x) ? 0 : 1;
      if (given == 0) continue;  // no quarter at all: the leaf is missing
      int first = 0;
      while (std::isnan(q[static_cast<std::size_t>(first)])) ++first;
      const auto unit = static_cast<int>(u);
      const int at = n.quarter_item + first;
      if (given < 4 && n.missing_quarter == MissingQuarter::error) {
        std::string have, lack;
        for (int k = 0; k < 4; ++k) {
          auto& list = std::isnan(q[static_cast<std::size_t>(k)]) ? lack : have;
          list += (list.empty() ? "" : ", ") + std::to_string(year) + "Q" + std::to_string(k + 1);
        }
        L.later(kind, unit, year, at,
                L.noun(kind) + " '" + L.unit_id(UnitRef{kind, unit}) + "' has '" + n.id + "' for " + have +
                    " but not for " + lack +
                    "; give the missing quarters, or set `missing_quarter: zero` or `skip` for it in " + s.file);
        continue;
      }
      const double x = combine_quarters(q, n.combine, n.missing_quarter);
      if (it.highest && x > *it.highest) {
        L.later(kind, unit, year, at,
                "the quarters of '" + n.id + "' for " + L.noun(kind) + " '" + L.unit_id(UnitRef{kind, unit}) + "' in " +
                    std::to_string(year) + " combine to " + format_number(x) + " points, more than its weight " +
                    format_number(*it.highest) + "; give smaller quarterly points or combine by mean");
        continue;
      }
      t.set(u, static_cast<std::size_t>(n.item), x);
    }
  }
}

// Rated leaves: each group's ballots combined, the groups weighted into the leaf's cell.
void derive_ratings(const Scheme& s, UnitKind kind, int year, Table& t, std::vector<Ballot>& ballots, Loader& L) {
  std::stable_sort(ballots.begin(), ballots.end(), [](const Ballot& x, const Ballot& y) {
    return std::tie(x.unit, x.item, x.group) < std::tie(y.unit, y.item, y.group);
  });
  for (std::size_t i = 0; i < ballots.size();) {
    std::size_t end = i;
    while (end < ballots.size() && ballots[end].unit == ballots[i].unit && ballots[end].item == ballots[i].item) ++end;
    const Ballot& first = ballots[i];
    const Indicator& n = s.nodes[static_cast<std::size_t>(s.items[static_cast<std::size_t>(first.item)].index)];
    const Raters& r = *n.raters;
    const std::string who = L.noun(kind) + " '" + L.unit_id(UnitRef{kind, first.unit}) + "'";
    double raw = 0;
    bool ok = true;
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
      std::vector<std::pair<double, double>> votes;
      for (std::size_t b = i; b < end; ++b) {
        if (ballots[b].group == static_cast<int>(g) && ballots[b].count > 0)
          votes.emplace_back(ballots[b].value, ballots[b].count);
      }
      double count = 0;
      for (const auto& v : votes) count += v.second;
      if (votes.empty()) {
        L.diag().add(first.where, who + " has no ballots from rater group '" + r.groups[g].name + "' for '" + n.id +
                                      "' in " + std::to_string(year) +
                                      "; every group must rate (a group's weight cannot be shared out)");
        ok = false;
        continue;
      }
      if (count < r.min_ballots) {
        L.diag().add(first.where, who + " has " + format_number(count) + " ballots from rater group '" +
                                      r.groups[g].name + "' for '" + n.id + "' in " + std::to_string(year) +
                                      ", fewer than its quorum min_ballots: " + std::to_string(r.min_ballots) +
                                      "; collect more ballots or lower 'min_ballots'");
        ok = false;
        continue;
      }
      raw += r.groups[g].weight * combine_ratings(std::move(votes), r.combine).combined;
    }
    if (ok) t.set(static_cast<std::size_t>(first.unit), static_cast<std::size_t>(first.item), raw);
    i = end;
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

// Values that come from other values: combined quarters and ratings, for every year.
void derive(const Assessment& a, DataSet& data, Loader& L) {
  for (auto& [year, yd] : data.years) {
    for (const Kind& kind : a.kinds) {
      if (!kind.rated() || !kind.scheme->derived_leaves()) continue;
      KindValues& values = yd.kinds[index_of(kind.id)];
      derive_quarters(*kind.scheme, kind.id, year, values.table, L);
      derive_ratings(*kind.scheme, kind.id, year, values.table, values.ballots, L);
    }
  }
}

DataSet load_sequential(const Assessment& a, const std::vector<Source>& sources) {
  Store store;
  Loader L(a, store);
  for (const auto& src : sources) read_one(src, L);
  fill_unclaimed(store);
  L.settle();
  if (L.diag().empty()) derive(a, store.data, L);
  if (!L.duplicates().empty()) {
    // Find where each doubled cell was first given: read the files again, storing nothing.
    L.locate_mode(true);
    for (const auto& src : sources) read_one(src, L);
    L.locate_mode(false);
    for (const auto& d : L.duplicates()) {
      if (!d.message.empty()) {
        L.diag().add(d.first.value_or(Location{a.manifest, 0, 0}), d.message);
        continue;
      }
      std::string first =
          d.first ? d.first->file + ":" + std::to_string(d.first->line) + ":" + std::to_string(d.first->column)
                  : "an earlier place";
      L.diag().add(d.second, "the value of '" + L.item_id(d.kind, d.item) + "' for " + L.noun(d.kind) + " '" +
                                 L.unit_id(UnitRef{d.kind, d.unit}) + "' in " + L.when(d.kind, d.year, d.item) +
                                 " is given twice: here and at " + first + "; keep one");
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
std::optional<DataSet> load_parallel(const Assessment& a, const std::vector<Source>& sources) {
  std::vector<std::optional<CsvSplit>> splits(sources.size());
  std::vector<std::optional<detail::YamlSplit>> yaml_splits(sources.size());
  bool any = false;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].text) continue;
    const auto format = format_of(sources[i].file);
    // A split point of a converted CSV file is a byte of the file, not of its text.
    if (format == Format::csv && a.encoding.empty()) splits[i] = split_csv(sources[i].file, std::size_t{1} << 20);
    if (format == Format::yaml) yaml_splits[i] = detail::split_yaml(sources[i].file, std::size_t{1} << 20);
    any = any || splits[i].has_value() || yaml_splits[i].has_value();
  }
  if (!any) return std::nullopt;
  Store store;
  Loader first(a, store, 1), second(a, store, 2);
  try {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (const auto& ys = yaml_splits[i]) {
        const Source head{sources[i].file, nullptr, {{0, ys->split}}};
        const Source tail{sources[i].file, nullptr, {{0, ys->head_end}, {ys->split, ys->size}}};
        detail::both([&] { read_one(head, first); }, [&] { read_one(tail, second); });
        continue;
      }
      if (!splits[i]) {
        read_one(sources[i], first);
        continue;
      }
      const CsvSplit at = *splits[i];
      CsvReader head(sources[i].file, 0, at.offset, 1);
      CsvReader tail(sources[i].file, at.offset, at.size, 1);
      const Layout lay = read_layout(head, first);
      if (!lay.ok || lay.rater_col >= 0) return std::nullopt;  // ballots are gathered by one reader
      detail::both([&] { read_rows(head, lay, first); }, [&] { read_rows(tail, lay, second); });
    }
  } catch (const Error&) {
    return std::nullopt;
  }
  if (store.conflict.load() || !first.clean() || !second.clean()) return std::nullopt;
  fill_unclaimed(store);
  first.settle();
  second.settle();
  derive(a, store.data, first);
  if (!first.clean()) return std::nullopt;
  return std::move(store.data);
}

DataSet load_all(const Assessment& a, const std::vector<Source>& sources) {
  if (detail::two_cores()) {
    if (auto data = load_parallel(a, sources)) return std::move(*data);
  }
  return load_sequential(a, sources);
}

}  // namespace

DataSet load_data(const Assessment& a) {
  std::vector<Source> sources;
  for (const auto& f : a.data_files) sources.push_back(Source{f, nullptr});
  return load_all(a, sources);
}

DataSet load_data(const Assessment& a, std::vector<std::pair<std::string, std::string>> files) {
  std::vector<Source> sources;
  for (const auto& [name, text] : files) sources.push_back(Source{name, &text});
  return load_all(a, sources);
}

// A YAML data file splits when the file is at least `min_size` bytes and written in the plain
// block style a program writes: `year:` (or `period:`) then `values:` at the left margin,
// the values to the end of the file, and no byte anywhere that could open a quoted, flow,
// block or aliased construct (quotes, brackets, braces, |, >, &, *, !, %, @, `, a tab, a
// list's `-` at a line start). Then a line indented exactly as the first unit key can only
// be the next unit key, and the file cut before it reads as two files with the same head.
// Anything else (or any doubt) gives nullopt and the file is read whole.
std::optional<detail::YamlSplit> detail::split_yaml(const std::string& path, std::size_t min_size) {
  YamlSplit out;
  bool seen_year = false, seen_values = false;
  std::size_t indent = 0;  // of unit keys, once known
  // Judges one whole line (without its line break) starting at file offset `start`.
  auto line = [&](std::string_view l, std::size_t start, std::size_t size) {
    const std::size_t end = start + l.size() + 1;  // after the line break, before trimming
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const std::size_t lead = l.find_first_not_of(' ');
    if (lead == std::string_view::npos || l[lead] == '#') return true;  // blank or comment
    if (l[lead] == '-') return false;                                   // a list, or ---
    if (lead == 0) {
      if (seen_values) return false;  // a key after the values
      if (l.starts_with("year:") || l.starts_with("period:")) {
        if (seen_year) return false;
        seen_year = true;
        return true;
      }
      const std::string_view rest = l.starts_with("values:") ? l.substr(7) : std::string_view("x");
      const std::size_t more = rest.find_first_not_of(' ');
      if (!seen_year || (more != std::string_view::npos && rest[more] != '#')) return false;
      seen_values = true;
      out.head_end = end;
      return true;
    }
    if (!seen_values) return false;
    if (indent == 0) indent = lead;
    if (lead < indent) return false;
    if (lead == indent && out.split == 0 && start >= size / 2) out.split = start;
    return true;
  };
  const auto size = detail::each_plain_line(path, min_size, "\"'[]{}|>&*!%@`\t", line);
  if (!size || !seen_values || out.split == 0) return std::nullopt;
  out.size = *size;
  return out;
}

}  // namespace xingji
