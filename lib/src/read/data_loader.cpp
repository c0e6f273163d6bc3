#include "read/data_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "base/i18n.hpp"
#include "base/suggest.hpp"
#include "base/text.hpp"
#include "base/units.hpp"
#include "xingji/number.hpp"

namespace xingji::detail {

namespace {

// The names of `items`, for a message listing them and for its suggestion.
template <class T>
std::vector<std::string_view> names_of(const std::vector<T>& items, std::string T::*name) {
  std::vector<std::string_view> names;
  for (const auto& x : items) names.push_back(x.*name);
  return names;
}

}  // namespace

Plain Plain::of(const Item& it) {
  Plain p;
  if (it.kind != ItemKind::quarter && it.quarter_item < 0 && !it.rated && !it.labelled && !it.ledger && !it.linked) {
    p.kind = it.boolean ? Plain::check : Plain::number;
  }
  if (it.lowest) p.lowest = *it.lowest;
  if (it.highest) p.highest = *it.highest;
  p.bounded = it.lowest.has_value() || it.highest.has_value();
  p.not_negative = it.lowest == 0.0 && !it.highest;
  return p;
}

namespace {

// The name an item has in its scheme (a leaf's, an adjustment's or a veto's); none for the
// quarters of a quarterly leaf, which are given under the leaf's own name.
std::string_view name_of(const Scheme& s, const Item& it) {
  const auto i = static_cast<std::size_t>(it.index);
  switch (it.kind) {
    case ItemKind::leaf:
      return s.nodes[i].name;
    case ItemKind::adjustment:
      return s.adjustments[i].name;
    case ItemKind::veto:
      return s.vetoes[i].name;
    case ItemKind::quarter:
      break;
  }
  return {};
}

// The headers of a roster's own fields, which data files may carry along (spec 5).
constexpr std::array<std::string_view, 14> kRosterFields = {"name",    "township", "county", "category", "alliance",
                                                            "village", "role",     "名称",   "乡镇",     "县",
                                                            "类别",    "联盟",     "村",     "职务"};

// Whether an id reads as a number in scientific notation, as Excel shows a long numeric
// code (330123000000 as 3.30123E+11): digits, an optional point and digits, E, a sign, digits.
bool excel_shortened(std::string_view id) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < id.size() && id[i] >= '0' && id[i] <= '9') ++i;
    return i > from;
  };
  if (!digits()) return false;
  if (i < id.size() && id[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i >= id.size() || (id[i] != 'E' && id[i] != 'e')) return false;
  ++i;
  if (i < id.size() && (id[i] == '+' || id[i] == '-')) ++i;
  return digits() && i == id.size();
}

}  // namespace

Loader::Loader(const Assessment& a, Store& store, std::uint8_t tag)
    : a_(a),
      store_(store),
      tag_(tag),
      cached_claims_(a.kinds.size()),
      items_(a.kinds.size()),
      names_(a.kinds.size()),
      plain_(a.kinds.size()) {
  for (const Kind& kind : a.kinds) {
    if (!kind.rated()) continue;
    const Scheme& s = *kind.scheme;
    auto& map = items_[index_of(kind.id)];
    for (std::size_t i = 0; i < s.items.size(); ++i) map.emplace(s.items[i].id, static_cast<int>(i));
    for (std::size_t i = 0; i < s.items.size(); ++i) {
      const std::string_view name = trim_blanks(name_of(s, s.items[i]));
      if (!name.empty()) names_[index_of(kind.id)][name].push_back(static_cast<int>(i));
    }
    for (const auto& it : s.items) plain_[index_of(kind.id)].push_back(Plain::of(it));
    for (const auto& n : s.nodes) {
      if (!n.is_leaf()) area_ids_.emplace(n.id, &s);
    }
  }
}

std::optional<UnitRef> Loader::unit(std::string_view id, Where where) {
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
      diag().add(where(), _f("{} '{}' has data, but the manifest names no {} scheme; add `schemes: "
                             "{{{}: ...}}` or remove its data",
                             tr(kind.words.noun), id, tr(kind.words.noun), kind.words.id));
      next_ = UnitRef{};
      return std::nullopt;
    }
    return u;
  }
  if (excel_shortened(id)) {
    diag().add(where(), _f("'{}' is a code Excel turned into a number (scientific notation), and the digits "
                           "it dropped are lost; format the id column as Text (文本) in Excel, type the "
                           "codes again or paste them from the roster, and save again",
                           id));
    return std::nullopt;
  }
  diag().add(where(), unknown_unit(a_, id));
  return std::nullopt;
}

int Loader::item(UnitKind kind, std::string_view id, Where where) {
  id = trim_blanks(id);
  const auto& map = items_[index_of(kind)];
  if (auto it = map.find(id); it != map.end()) return it->second;
  if (const int item = resolve(kind, id); item >= 0) return item;
  if (resolve(kind, id) == kAmbiguous) {
    ambiguous(kind, id, where());
    return -1;
  }
  if (area_ids_.contains(id)) {
    diag().add(where(), _f("'{}' is an area with items under it; give values for its items instead", id));
    return -1;
  }
  const KindWords& words = a_.kind(kind).words;
  for (const Kind& other : a_.kinds) {
    if (other.id == kind || !other.rated() || resolve(other.id, id) == -1) continue;
    diag().add(where(), _f("'{}' is an indicator of the {} scheme, not of the {} scheme; give it for {}", id,
                           tr(other.words.noun), tr(words.noun), tr(other.words.article)));
    return -1;
  }
  std::vector<std::string_view> names;
  for (const auto& [key, idx] : map) names.push_back(key);
  std::sort(names.begin(), names.end());
  diag().add(where(), with_suggestion(_f("unknown indicator '{}' for {} (not in the {} scheme)", id, tr(words.plural),
                                         tr(words.noun)),
                                      id, names));
  return -1;
}

int Loader::item_of(UnitKind kind, std::string_view id) const {
  const auto& map = items_[index_of(kind)];
  auto it = map.find(id);
  return it == map.end() ? -1 : it->second;
}

int Loader::resolve(UnitKind kind, std::string_view text) const {
  text = trim_blanks(text);
  if (const int item = item_of(kind, text); item >= 0) return item;
  // name（id） as `template` heads a column, or name(id): the id decides.
  for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (!text.ends_with(close)) continue;
    const auto at = text.rfind(open);
    if (at == std::string_view::npos) continue;
    const auto inner = trim_blanks(text.substr(at + open.size(), text.size() - close.size() - at - open.size()));
    if (const int item = item_of(kind, inner); item >= 0) return item;
  }
  const auto& names = names_[index_of(kind)];
  if (const auto it = names.find(text); it != names.end()) {
    return it->second.size() == 1 ? it->second.front() : kAmbiguous;
  }
  return -1;
}

void Loader::ambiguous(UnitKind kind, std::string_view name, const Location& where) {
  name = trim_blanks(name);
  for (const auto& [k, n] : ambiguous_) {
    if (k == kind && n == name) return;  // once a name and kind, not once a row
  }
  ambiguous_.emplace_back(kind, std::string(name));
  std::vector<std::string_view> ids;
  for (const int i : names_[index_of(kind)].at(name)) ids.push_back(scheme(kind).items[static_cast<std::size_t>(i)].id);
  diag().add(where, _f("'{}' is the name of {} items of the {} scheme ({}); name the item by its id, or as "
                       "{}（{}）",
                       name, ids.size(), tr(a_.kind(kind).words.noun), fmt::join(ids, _(", ")), name, ids.front()));
}

bool Loader::skipped_column(std::string_view header) const {
  header = trim_blanks(header);
  return std::find(kRosterFields.begin(), kRosterFields.end(), header) != kRosterFields.end() ||
         std::find(a_.ignore_columns.begin(), a_.ignore_columns.end(), header) != a_.ignore_columns.end();
}

void Loader::unknown_column(std::string_view header, Where where) {
  header = trim_blanks(header);
  for (const Kind& kind : a_.kinds) {
    if (!kind.rated()) continue;
    for (const auto& n : kind.scheme->nodes) {
      if (!n.is_leaf() && (n.id == header || trim_blanks(n.name) == header)) {
        diag().add(where(), _f("column '{}' is an area with items under it; give values for its items "
                               "instead, or skip the column with `ignore_columns: [{}]` in the manifest",
                               header, header));
        return;
      }
    }
  }
  std::vector<std::string_view> candidates;
  for (const Kind& kind : a_.kinds) {
    if (!kind.rated()) continue;
    for (const auto& [id, unused] : items_[index_of(kind.id)]) candidates.push_back(id);
    for (const auto& [name, unused] : names_[index_of(kind.id)]) candidates.push_back(name);
  }
  std::sort(candidates.begin(), candidates.end());
  const std::string hint = closest(header, candidates);
  diag().add(where(), hint.empty()
                          ? _f("column '{}' is no item of the schemes (by id or name); if it holds no values, "
                               "skip it with `ignore_columns: [{}]` in the manifest",
                               header, header)
                          : _f("column '{}' is no item of the schemes (by id or name), did you mean '{}'? If it "
                               "holds no values, skip it with `ignore_columns: [{}]` in the manifest",
                               header, hint, header));
}

std::optional<Period> Loader::period(std::string_view text, Where where) {
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
      diag().add(where(), _f("'{}' is not a quarter; quarters are Q1 to Q4, e.g. 2024Q3", text));
      return std::nullopt;
    }
    p.quarter = static_cast<int>(*quarter);
    text = text.substr(0, q);
  }
  auto y = parse_integer(text);
  if (!y || *y < 1000 || *y > 9999) {
    diag().add(where(), _f("year '{}' is not a year; write it as four digits, e.g. 2024{}", text,
                           p.quarter ? fmt::format("Q{}", p.quarter) : std::string()));
    return std::nullopt;
  }
  p.year = static_cast<int>(*y);
  return p;
}

int Loader::slot(UnitRef u, Period p, int item, Where where) {
  const Item& it = scheme(u.kind).items[static_cast<std::size_t>(item)];
  if (it.ledger) {
    diag().add(where(), _f("'{}' takes its value from the ledgers (积分台账); record its events in a ledger file "
                           "(id,date,item,count,note) instead of giving a value here",
                           it.id));
    return -1;
  }
  if (it.linked) {
    diag().add(where(), _f("'{}' is linked to the person's village or alliance, which gives its value; remove "
                           "this value",
                           it.id));
    return -1;
  }
  if (it.rated) {
    diag().add(where(), _f("'{}' is rated by rater groups (双述双评); give its ratings as long CSV rows "
                           "with a 'rater' column: id,year,indicator,value,rater[,count]",
                           it.id));
    return -1;
  }
  if (it.quarter_item >= 0) {
    if (p.quarter == 0) {
      diag().add(where(), _f("'{}' is quarterly (per: quarter); give its values by quarter, with a 'period' "
                             "such as {}Q1",
                             it.id, p.year));
      return -1;
    }
    return it.quarter_item + p.quarter - 1;
  }
  if (p.quarter != 0) {
    diag().add(where(), _f("a quarterly value ({}Q{}) for '{}', which is not quarterly; give it for the "
                           "year, or add `per: quarter` to it in {}",
                           p.year, p.quarter, it.id, scheme(u.kind).file));
    return -1;
  }
  return item;
}

bool Loader::value_of(UnitRef u, const Item& it, std::string_view text, Where where, double& value) {
  // Full-width digits, signs and points as a Chinese input method types them (spec 5).
  const auto folded = fold_full_width(text);
  if (folded) text = *folded;
  if (it.boolean) {
    auto b = parse_check(text);
    if (!b) {
      diag().add(where(), _f("'{}' is not a yes/no value for '{}' of {} '{}'; write 是/否, yes/no, "
                             "true/false or 1/0",
                             text, it.id, noun(u.kind), unit_id(u)));
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
    const auto names = names_of(levels, &Label::text);
    diag().add(where(), with_suggestion(_f("unknown level '{}' for '{}' of {} '{}' (its levels: {})", text, it.id,
                                           noun(u.kind), unit_id(u), fmt::join(names, _(", "))),
                                        text, names));
    return false;
  }
  if (text.ends_with('%')) {
    // 95% is 95 where the leaf counts in percent; elsewhere the sign would change the number.
    const std::string_view unit = it.kind == ItemKind::leaf
                                      ? std::string_view(scheme(u.kind).nodes[static_cast<std::size_t>(it.index)].unit)
                                      : std::string_view();
    if (unit != "%") {
      diag().add(where(), unit.empty() ? _f("'{}' has a percent sign, but '{}' has no unit '%'; give the "
                                            "number alone, or add `unit: \"%\"` to it in {}",
                                            text, it.id, scheme(u.kind).file)
                                       : _f("'{}' has a percent sign, but '{}' counts in {}; give the number "
                                            "in {} alone",
                                            text, it.id, unit, unit));
      return false;
    }
    text = trim_blanks(text.substr(0, text.size() - 1));
  }
  auto x = parse_number(text);
  if (!x) {
    diag().add(where(), _f("'{}' is not a number, but '{}' of {} '{}' needs one (e.g. 12.5, no units or "
                           "commas)",
                           text, it.id, noun(u.kind), unit_id(u)));
    return false;
  }
  value = *x;
  if (it.lowest && value < *it.lowest) {
    diag().add(where(), _f("'{}' of {} '{}' is {}; it must not be negative", it.id, noun(u.kind), unit_id(u),
                           format_number(value)));
    return false;
  }
  if (it.highest && value > *it.highest) {
    const bool fraction = *it.highest == 1 && it.rated;
    diag().add(where(), fraction
                            ? _f("the fraction {} for '{}' of {} '{}' are outside [0, {}]; give a fraction between "
                                 "0 and 1",
                                 format_number(value), it.id, noun(u.kind), unit_id(u), format_number(*it.highest))
                            : _f("direct points {} for '{}' of {} '{}' are outside [0, {}]; give points between 0 "
                                 "and the item's weight",
                                 format_number(value), it.id, noun(u.kind), unit_id(u), format_number(*it.highest)));
    return false;
  }
  return true;
}

void Loader::ballot(UnitRef u, Period p, int item, std::string_view rater, std::string_view count_text,
                    std::string_view text, Where rater_at, Where count_at, Where value_at) {
  const Scheme& s = scheme(u.kind);
  const Item& it = s.items[static_cast<std::size_t>(item)];
  rater = trim(rater);
  text = trim(text);
  if (correcting_) {
    diag().add(rater_at(), _f("a corrections file cannot correct ratings (双述双评 ballots) of '{}'; correct "
                              "the ballots in their data file instead",
                              it.id));
    return;
  }
  if (!it.rated) {
    diag().add(rater_at(), _f("'{}' is not rated by rater groups; leave 'rater' empty for it, or add "
                              "`raters:` to it in {}",
                              it.id, s.file));
    return;
  }
  if (p.quarter != 0) {
    diag().add(value_at(), _f("'{}' is rated once a year; give its ratings with a year, not a quarter", it.id));
    return;
  }
  const Raters& raters = *s.nodes[static_cast<std::size_t>(it.index)].raters;
  int group = -1;
  for (std::size_t g = 0; g < raters.groups.size(); ++g) {
    if (raters.groups[g].name == rater) group = static_cast<int>(g);
  }
  if (group < 0) {
    const auto names = names_of(raters.groups, &RaterGroup::name);
    diag().add(rater_at(), with_suggestion(_f("unknown rater group '{}' for '{}' (its groups: {})", rater, it.id,
                                              fmt::join(names, _(", "))),
                                           rater, names));
    return;
  }
  double count = 1;
  if (!trim(count_text).empty()) {
    auto c = parse_integer(count_text);
    if (!c || *c < 0) {
      diag().add(count_at(), _f("count '{}' must be a whole number of ballots, 0 or more", trim(count_text)));
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
      const auto names = names_of(raters.ballots, &Label::text);
      diag().add(value_at(), with_suggestion(_f("unknown ballot '{}' for '{}' (its ballots: {})", text, it.id,
                                                fmt::join(names, _(", "))),
                                             text, names));
      return;
    }
  } else {
    Item plain = it;
    plain.rated = false;
    if (!value_of(u, plain, text, value_at, value)) return;
  }
  if (locating_) return;
  table(u.kind, p.year);
  cached_->kinds[index_of(u.kind)].ballots.push_back(Ballot{u.index, item, group, value, count, value_at()});
}

void Loader::later(UnitKind kind, int unit, int year, int item, std::string message) {
  dups_.push_back(Duplicate{kind, unit, year, item, Location{}, std::nullopt, std::move(message)});
}

std::string Loader::when(UnitKind kind, int year, int item) const {
  const Item& it = scheme(kind).items[static_cast<std::size_t>(item)];
  return it.kind == ItemKind::quarter ? fmt::format("{}Q{}", year, it.quarter) : std::to_string(year);
}

std::uint32_t* Loader::row(UnitRef u, int year) {
  Table& t = table(u.kind, year);
  std::uint32_t* values = t.cells.data() + static_cast<std::size_t>(u.index) * t.items;
  // A row is marked missing when first claimed, while it is in the cache anyway; rows no
  // one claims are marked after loading (fill_unclaimed).
  auto& claim = cached_claims_[index_of(u.kind)][u.index];
  std::uint8_t owner = 0;
  if (claim.compare_exchange_strong(owner, tag_, std::memory_order_relaxed)) {
    std::fill(values, values + t.items, Cell::missing);
  } else if (owner != tag_ && !correcting_) {  // corrections are read when no other loader is
    store_.conflict.store(true, std::memory_order_relaxed);
    return nullptr;
  }
  return values;
}

void Loader::cell(UnitRef u, const Period& p, int item, std::string_view text, Where where) {
  if (std::uint32_t* values = row(u, p.year)) cell(u, p, values, item, text, where);
}

void Loader::store(UnitRef u, const Period& p, std::uint32_t* values, int item, std::string_view text, Where where) {
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
  if (correcting_) {
    correct(u, year, item, slot, value, where);
    return;
  }
  if (slot != Cell::missing) {
    // Locating first places costs a pass per duplicate list; past the report limit, the
    // rest are reported without their first place.
    if (dups_.size() < Diagnostics::limit) {
      dups_.push_back(Duplicate{u.kind, u.index, year, item, where(), std::nullopt, {}});
    } else {
      diag().add(where(), _f("the value of '{}' for {} '{}' in {} is given twice; keep one", it.id, noun(u.kind),
                             unit_id(u), when(u.kind, year, item)));
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

void Loader::correct(UnitRef u, int year, int item, std::uint32_t& slot, double value, Where where) {
  const auto key = std::pair{std::pair{static_cast<int>(u.kind), u.index}, std::pair{year, item}};
  auto& corrections = store_.data.corrections;
  if (const auto it = corrected_.find(key); it != corrected_.end()) {
    const Location& first = corrections[it->second].where;
    diag().add(where(), _f("the value of '{}' for {} '{}' in {} is corrected twice: here and at {}; keep one",
                           item_id(u.kind, item), noun(u.kind), unit_id(u), when(u.kind, year, item), first.str()));
    return;
  }
  Table& t = table(u.kind, year);
  // No value is pending here (settle came first), so the old value is the cell's.
  const double before =
      slot == Cell::missing ? std::numeric_limits<double>::quiet_NaN() : Cell::read(slot, t.extra.data());
  corrected_.emplace(key, corrections.size());
  corrections.push_back(Correction{u, year, item, before, value, where()});
  if (const auto c = Cell::exact(value)) {
    slot = *c;
    return;
  }
  slot = Cell::pending;
  late_.push_back(Late{&t, static_cast<std::size_t>(&slot - t.cells.data()), value});
}

void Loader::settle() {
  for (const auto& l : late_) l.table->cells[l.at] = l.table->keep(l.value);
  late_.clear();
}

Table& Loader::table(UnitKind kind, int year) {
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

}  // namespace xingji::detail
