#pragma once
/// The assessment model: plain structs filled by the loaders and read by the arithmetic.
/// Nothing here knows YAML or CSV; every field has already been checked.

#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "xingji/big_alloc.hpp"
#include "xingji/error.hpp"

namespace xingji {

/// How a leaf turns its raw value into an achievement in [0, 1] (spec 2.1).
enum class Method { direct, linear, steps, ratio, minmax, check, count, deduct, levels, rank };
/// Whether more is better (`higher`) or less is better (`lower`).
enum class Direction { higher, lower };
/// What a missing leaf value does (spec 2.1).
enum class MissingPolicy { error, zero, mean };
/// How an alliance aggregates its members' own scores (spec 2.4).
enum class MemberAggregate { mean, median, min };
/// A kind of rated unit: an index into Assessment::kinds (and into every per-kind array of
/// the roster, the data and the evaluation). Villages and alliances come first; the people
/// kinds of a manifest (spec 6) follow as UnitKind{2}, UnitKind{3}, ...
enum class UnitKind : std::uint8_t { village = 0, alliance = 1 };

/// The index of a kind in per-kind arrays.
[[nodiscard]] constexpr std::size_t index_of(UnitKind kind) { return static_cast<std::size_t>(kind); }

/// One entry of a `steps` rule: a bound (`min` or `max`) and the points it gives.
struct Step {
  double bound = 0;
  double points = 0;
};

/// A named value turned into a fraction: a `levels` grade (优秀: 1) or a text ballot (满意: 1).
struct Label {
  std::string text;
  double fraction = 0;
};

/// An entry of `rank {buckets}`: the points of units whose rank is within the `top` share.
struct Bucket {
  double top = 0;
  std::int64_t top_nanos = 0;  ///< `top` in exact 1e-9 units
  double points = 0;
};

/// A leaf's scoring rule.
struct Scoring {
  Method method = Method::direct;
  double zero = 0;                          ///< linear: value giving 0
  double full = 0;                          ///< linear: value giving full marks
  bool steps_by_max = false;                ///< steps given as `{max, points}` instead of `{min, points}`
  std::vector<Step> steps;                  ///< sorted: by min descending, or by max ascending
  Direction direction = Direction::higher;  ///< ratio, minmax and rank
  double per = 1;                           ///< count and deduct: points per occurrence
  std::vector<Label> levels;                ///< levels: grade to fraction, in the order written
  std::vector<double> ladder;               ///< rank: points of ranks 1, 2, ...; the last for the rest
  std::vector<Bucket> buckets;              ///< rank: by increasing `top`
};

/// How the four quarters of a `per: quarter` leaf make its raw value (spec 4.2).
enum class Combine { mean, sum, max, last };
/// What a quarter without a value does when other quarters have one.
enum class MissingQuarter { error, zero, skip };
/// How the ratings of one rater group combine (spec 4.3).
enum class RaterCombine { mean, median, trimmed };

/// A named group of raters and the weight of its combined rating.
struct RaterGroup {
  std::string name;
  double weight = 0;
};

/// 双述双评: a leaf rated by groups of raters.
struct Raters {
  std::vector<RaterGroup> groups;
  RaterCombine combine = RaterCombine::mean;
  std::vector<Label> ballots;  ///< text ballots to fractions; empty: ratings are numbers
  int min_ballots = 0;         ///< quorum per group
};

/// 积分制 (spec 6): an item whose value comes from a ledger of dated events. Each event gives
/// `count * per`; the events of a calendar month are summed and capped at `month`, the months
/// of a quarter summed and capped at `quarter`, the quarters summed and capped at `year`
/// (each cap optional), so the order of events never changes a value.
struct LedgerRule {
  double per = 1;
  std::optional<double> month, quarter, year;
  bool deduct = false;  ///< leaves: points are max(0, weight - value) instead of min(weight, value)
  Location where;
};

/// Which unit a person's linked leaf takes its value from (spec 6).
enum class LinkOf : std::uint8_t { village, alliance };
/// Which value of that unit: its shown final score (an alliance's total), own score, or stars.
enum class LinkValue : std::uint8_t { final, own, stars };

/// A linked leaf: its raw value is a value of the person's village or of that village's
/// alliance, in the same year, after every rule that rates that unit.
struct Link {
  LinkOf of = LinkOf::village;
  LinkValue value = LinkValue::final;
  bool scored = false;  ///< a `scoring` rule was given; otherwise a = value / the linked scheme's full marks
  Location where;
};

/// A node of the indicator tree; leaves carry a scoring rule and a data item.
struct Indicator {
  std::string id;
  std::string name;
  std::string unit;   ///< unit of the raw value, e.g. "万元"
  double weight = 0;  ///< relative to siblings
  Scoring scoring;
  std::vector<int> children;  ///< indices into Scheme::nodes
  int parent = -1;
  int depth = 0;
  double share = 0;                 ///< share of the scheme total (product of w / sum(siblings))
  int item = -1;                    ///< leaves: index of the data item
  bool quarterly = false;           ///< `per: quarter`: values come per quarter
  Combine combine = Combine::mean;  ///< quarterly: how quarters combine
  MissingQuarter missing_quarter = MissingQuarter::error;
  int quarter_item = -1;             ///< quarterly: item of Q1 (Q2..Q4 follow)
  std::optional<Raters> raters;      ///< rated by groups of raters
  std::optional<LedgerRule> ledger;  ///< value from the ledgers (积分制)
  std::optional<Link> link;          ///< people: value from the person's village or alliance
  Location where;

  [[nodiscard]] bool is_leaf() const { return children.empty(); }
  /// The raw value is a fraction that is the achievement itself (ballots or levels aside).
  [[nodiscard]] bool fraction_ballots() const { return raters && !raters->ballots.empty(); }
  /// Points this node gives at full achievement.
  [[nodiscard]] double max_points(double total) const { return share * total; }
};

/// A bonus (加分项) or deduction (扣分项) counted per occurrence, with a cap.
struct Adjustment {
  std::string id;
  std::string name;
  bool bonus = true;
  double per = 1;
  std::optional<double> cap;
  std::optional<LedgerRule> ledger;  ///< value from the ledgers (积分制): it replaces x * per
  int item = -1;
  Location where;
};

/// A veto item (一票否决): when true it caps the unit's stars.
struct Veto {
  std::string id;
  std::string name;
  int max_stars = 0;
  int item = -1;
  Location where;
};

/// A star level or a grade (等次): the rounded score must reach `min`, the nodes in `requires`
/// must be full, and at most `max_share` of the units may hold it (spec 4.4).
struct StarLevel {
  int stars = 0;
  double min = 0;
  std::int64_t min_nanos = 0;  ///< `min` in exact 1e-9 units, for comparisons
  std::string label;           ///< grades: 优秀, 良好, ...
  std::vector<int> required;   ///< `requires`: node indices that must be full (gates)
  std::optional<double> max_share;
  std::int64_t share_nanos = 0;  ///< `max_share` in exact 1e-9 units
  Location where;

  /// The most units that may hold this level among `n` ranked together: floor(share * n).
  [[nodiscard]] std::size_t quota(std::size_t n) const;
};

/// What kind of value a data item takes, which decides how its cells are read.
/// A `quarter` item holds one quarter of a quarterly leaf.
enum class ItemKind { leaf, adjustment, veto, quarter };

/// A column of data a unit of this scheme can be given: a leaf, an adjustment or a veto.
struct Item {
  std::string id;
  ItemKind kind = ItemKind::leaf;
  int index = -1;                 ///< into nodes, adjustments or vetoes (quarters: the leaf's node)
  int quarter = 0;                ///< quarter items: 1..4
  bool boolean = false;           ///< read as a check (true/false)
  bool labelled = false;          ///< read as a label of the leaf's `levels`
  int quarter_item = -1;          ///< quarterly leaves: item of Q1; values need a quarter
  bool rated = false;             ///< leaves rated by raters: values come as ballots
  bool ledger = false;            ///< the value comes from the ledgers, never from data
  bool linked = false;            ///< the value comes from a linked unit, never from data
  std::optional<double> lowest;   ///< smallest accepted value
  std::optional<double> highest;  ///< largest accepted value
};

/// A rule set (考评细则) for one kind of unit.
struct Scheme {
  std::string file;  ///< where it was read from
  std::string id;
  std::string name;
  double total = 100;
  MissingPolicy missing = MissingPolicy::error;
  std::vector<Indicator> nodes;  ///< the tree in depth-first order (parents first)
  std::vector<int> roots;        ///< top-level areas
  std::vector<Adjustment> adjustments;
  std::optional<double> bonus_cap;
  std::optional<double> deduction_cap;
  std::vector<Veto> vetoes;
  std::vector<StarLevel> stars;     ///< highest level first
  std::optional<double> star_pass;  ///< five-area mode: a star per top-level area reaching this percent
  std::int64_t star_pass_nanos = 0;
  std::vector<StarLevel> grades;     ///< 等次, highest first
  std::optional<int> promotion_up;   ///< a rise is limited to this many stars over last year
  std::vector<int> gates;            ///< node indices named by any `requires`, at most 64
  std::vector<Item> items;           ///< leaves in tree order, then adjustments, vetoes, quarters of quarterly leaves
  bool relative_weights = false;     ///< `weights: relative`: weights are shares, not points that must add up
  std::vector<Diagnostic> warnings;  ///< what is allowed but likely a mistake (points that do not add up)

  /// Index of the data item with this id, or -1.
  [[nodiscard]] int find_item(std::string_view id) const;
  /// Index of the node with this id, or -1.
  [[nodiscard]] int find_node(std::string_view id) const;
  /// Largest star count of any level (5 for the usual one to five stars), 0 without stars;
  /// in five-area mode the number of top-level areas.
  [[nodiscard]] int max_stars() const;
  /// Whether the scheme rates stars at all (levels or five-area mode).
  [[nodiscard]] bool has_stars() const { return !stars.empty() || star_pass.has_value(); }
  /// Whether stars need more than thresholds and vetoes: gates, quotas or a promotion limit.
  [[nodiscard]] bool star_rules() const;
  /// Whether any leaf reads quarters or ratings.
  [[nodiscard]] bool derived_leaves() const;
  /// Whether any leaf or adjustment takes its value from the ledgers.
  [[nodiscard]] bool has_ledger() const;
  /// Whether any leaf is linked to a village or alliance.
  [[nodiscard]] bool has_links() const;
  /// Whether item `i` is given by data files (not by the ledgers or a link).
  [[nodiscard]] bool from_data(std::size_t i) const { return !items[i].ledger && !items[i].linked; }
};

/// Where the text of a roster lives: large blocks, filled in order and never moved, so a
/// national roster holds half a million names without a string object each. Views into it
/// stay valid while any copy of its roster lives (rosters share their store).
class TextStore {
 public:
  /// A copy of `text` in the store.
  std::string_view add(std::string_view text);
  /// Copies of `texts`, one after another; returns where the first begins.
  const char* add(std::span<const std::string_view> texts);
  /// A copy of `value` in the store (trivially copyable types only: nothing is destroyed).
  template <class T>
  const T* add_value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    char* at = room(sizeof(T) + alignof(T) - 1);
    at += (alignof(T) - reinterpret_cast<std::uintptr_t>(at) % alignof(T)) % alignof(T);
    return ::new (static_cast<void*>(at)) T(value);
  }
  /// Takes over the blocks of `other` (views into them stay valid).
  void absorb(TextStore&& other);

 private:
  // Room for `size` bytes: in the current block, or a new one.
  char* room(std::size_t size) {
    if (size > left_) new_block(size);
    char* at = next_;
    next_ += size;
    left_ -= size;
    return at;
  }
  void new_block(std::size_t size);
  std::vector<BigVector<char>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

/// Where a village is: the texts that repeat from village to village (a roster lists
/// villages by place, and the villages of an alliance together), kept once for a run of them.
struct VillagePlace {
  std::string_view township;
  std::string_view county;
  std::string_view category;
  std::string_view alliance;  ///< alliance id, empty when none

  friend bool operator==(const VillagePlace&, const VillagePlace&) = default;
};

/// A village (行政村) of the roster: 40 bytes, where six views of its texts took 120 (at
/// national scale, 40 MB less memory to fill and read). Its id and name lie one after the
/// other in the roster's TextStore; its place is shared with the villages around it.
class Village {
 public:
  /// The longest id or name a village keeps, in bytes (longer ones are cut there: the
  /// roster reader reports them first).
  static constexpr std::size_t kMaxText = 0xFFFF;

  Village() = default;
  /// A village with this id and name, copied into `store`, at `place` (which the caller keeps
  /// in the same store, or otherwise alive as long as the village).
  Village(TextStore& store, std::string_view id, std::string_view name, const VillagePlace* place);

  [[nodiscard]] std::string_view id() const { return {text_, id_size_}; }
  [[nodiscard]] std::string_view name() const { return {text_ + id_size_, name_size_}; }
  [[nodiscard]] std::string_view township() const { return place_->township; }
  [[nodiscard]] std::string_view county() const { return place_->county; }
  [[nodiscard]] std::string_view category() const { return place_->category; }
  /// The alliance id, empty when none.
  [[nodiscard]] std::string_view alliance() const { return place_->alliance; }
  [[nodiscard]] const VillagePlace& place() const { return *place_; }
  /// Gives the village this alliance id (a place of its own is kept in `store`).
  void set_alliance(TextStore& store, std::string_view id);

  /// The value of a roster field used for grouping (`--by`), or nothing for an unknown field.
  [[nodiscard]] std::optional<std::string_view> field(std::string_view name) const;

  int alliance_index = -1;
  Position where;  ///< in Roster::villages_file

 private:
  static const VillagePlace kNowhere;
  const char* text_ = "";
  const VillagePlace* place_ = &kNowhere;
  std::uint16_t id_size_ = 0;
  std::uint16_t name_size_ = 0;
};

/// A Party-building alliance (党建联盟) of neighbouring villages.
struct Alliance {
  std::string id;
  std::string name;
  std::string chair;  ///< id of the chair's village, empty when none
  /// Village indices, in roster order: a view of the roster's member list (Roster::member_list),
  /// valid while the roster or a copy of it lives.
  std::span<const int> members;
  Position where;  ///< in Roster::alliances_file
};

/// A rated person (spec 6): a village cadre, a Party member. Texts in the roster's TextStore.
struct Person {
  std::string_view id;
  std::string_view name;
  std::string_view role;  ///< 职务: 书记, 主任, ...; may be empty
  int village = -1;       ///< index of the person's village, -1 when none
  Position where;         ///< in the kind's roster file
};

/// The people of one kind (村干部, 党员): the kind's roster.
struct PeopleRoster {
  std::string file;
  BigVector<Person> people;
};

/// A unit as found by id.
struct UnitRef {
  UnitKind kind = UnitKind::village;
  int index = -1;
};

/// Villages, alliances and people, with one id namespace for all.
struct Roster {
  std::string villages_file;
  std::string alliances_file;
  BigVector<Village> villages;
  std::vector<Alliance> alliances;
  /// The people of each people kind (spec 6), in the order of the kinds: people[k] holds the
  /// units of UnitKind{2 + k}. Their texts live in `text`.
  std::vector<PeopleRoster> people;
  std::shared_ptr<TextStore> text = std::make_shared<TextStore>();  ///< the villages' text
  /// Every alliance's members, one alliance after the other (Alliance::members views it):
  /// one array, not half a million small ones grown village by village.
  std::shared_ptr<const BigVector<int>> member_list = std::make_shared<const BigVector<int>>();

  /// The unit with this id, if any.
  [[nodiscard]] std::optional<UnitRef> find(std::string_view id) const;
  /// find() of each of `ids` into `found` (as many): the same answers, the memory each needs
  /// fetched for all of them at once, so that in a large roster their cache misses overlap
  /// (a province's ledger looks up tens of millions of ids).
  void find_many(std::span<const std::string_view> ids, std::span<std::optional<UnitRef>> found) const;
  /// The number of units of every kind.
  [[nodiscard]] std::size_t units() const {
    std::size_t n = villages.size() + alliances.size();
    for (const auto& p : people) n += p.people.size();
    return n;
  }
  /// Adds `ref` under the id of the unit it names; when that id is already taken, adds
  /// nothing and returns the unit that has it.
  std::optional<UnitRef> add(UnitRef ref);
  /// Rebuilds the id index from the vectors (every id must be unique).
  void index();
  /// Builds the id index on both cores when every id is present and unique, and returns
  /// true; otherwise leaves the index empty and returns false, for `add` to rebuild one id
  /// at a time and say which unit came first.
  bool index_unique();
  /// The id of a unit.
  [[nodiscard]] std::string_view id_of(UnitRef ref) const {
    switch (ref.kind) {
      case UnitKind::village:
        return villages[static_cast<std::size_t>(ref.index)].id();
      case UnitKind::alliance:
        return alliances[static_cast<std::size_t>(ref.index)].id;
      default:
        return person(ref).id;
    }
  }
  /// The name of a unit (may be empty).
  [[nodiscard]] std::string_view name_of(UnitRef ref) const {
    switch (ref.kind) {
      case UnitKind::village:
        return villages[static_cast<std::size_t>(ref.index)].name();
      case UnitKind::alliance:
        return alliances[static_cast<std::size_t>(ref.index)].name;
      default:
        return person(ref).name;
    }
  }
  /// A person (`ref` of a people kind).
  [[nodiscard]] const Person& person(UnitRef ref) const {
    return people[index_of(ref.kind) - 2].people[static_cast<std::size_t>(ref.index)];
  }
  /// The number of units of a kind.
  [[nodiscard]] std::size_t size(UnitKind kind) const {
    switch (kind) {
      case UnitKind::village:
        return villages.size();
      case UnitKind::alliance:
        return alliances.size();
      default:
        return index_of(kind) - 2 < people.size() ? people[index_of(kind) - 2].people.size() : 0;
    }
  }
  /// The file the units of a kind were read from ("" when none was named).
  [[nodiscard]] const std::string& file_of(UnitKind kind) const {
    switch (kind) {
      case UnitKind::village:
        return villages_file;
      case UnitKind::alliance:
        return alliances_file;
      default:
        return people[index_of(kind) - 2].file;
    }
  }
  /// The value of a roster field of a unit used for grouping (`--by`), or nothing when units
  /// of its kind have no such field. A person has `village` (its id) and `role`, and
  /// `township`, `county`, `category` and `alliance` through its village.
  [[nodiscard]] std::optional<std::string_view> field(UnitRef ref, std::string_view name) const;
  /// The village of a unit: a village itself, a person's village; nothing for an alliance
  /// or a person without one.
  [[nodiscard]] const Village* village_of(UnitRef ref) const;

  /// What the id index keeps of an id beside its slot: its first 15 bytes and its length (16
  /// for any longer). An id of up to 15 bytes is compared by this alone, without reading its
  /// text, which in a province's roster is two more cache misses (the unit, then its text).
  struct IdKey {
    std::uint64_t head = 0, tail = 0;
    friend bool operator==(const IdKey&, const IdKey&) = default;
  };
  [[nodiscard]] static IdKey key_of(std::string_view id);

 private:
  // Open addressing with linear probing: a slot holds the top half of the id's hash and the
  // unit (kind bits and index, plus one so that 0 means empty), and the id's key beside them,
  // so that in a province's roster a lookup is one cache miss. Half a million ids take 24 MB
  // and no allocation each, where a node-based map took twice that.
  struct Slot {
    std::uint64_t unit = 0;
    IdKey key;
  };
  BigVector<Slot> slots_;
  std::size_t used_ = 0;
  void reserve(std::size_t n);
  [[nodiscard]] std::optional<UnitRef> find(std::string_view id, std::uint64_t hash) const;
};

/// 双考评 settings (spec 2.4).
struct Dual {
  double alliance_own = 0.5;
  MemberAggregate members = MemberAggregate::mean;
  double village_own = 0.5;
};

/// 抓两头带中间: the group a unit falls in (spec 4.5).
enum class Tier : std::uint8_t { advanced, middle, backward };

/// 抓两头带中间 (spec 4.5): which units are advanced, which backward; the rest are the middle.
struct Tiers {
  std::optional<int> min_stars;     ///< advanced: at least this many stars
  std::optional<double> top_share;  ///< advanced: rank within the top share
  std::int64_t top_nanos = 0;
  std::optional<int> max_stars;  ///< backward: at most this many stars
  std::optional<double> below;   ///< backward: a shown score below this
  std::int64_t below_nanos = 0;
  bool veto = false;                                 ///< backward: any triggered veto
  std::string labels[3] = {"先进", "中间", "后进"};  ///< advanced, middle, backward
};

/// What the units of a kind are: the shape of their roster records, and what links them to
/// other units (spec 1 and 6). Where the spec gives kinds different fields (the score CSV
/// and JSON), outputs follow the shape; every other difference between kinds is in Kind.
enum class KindShape : std::uint8_t { village, alliance, person };

/// The words for a kind of unit: English for messages, Chinese for outputs.
struct KindWords {
  std::string id;       ///< "village": `--level`, the score CSV's `level`, JSON
  std::string noun;     ///< "village": in messages, "village 'v1'"
  std::string plural;   ///< "villages"
  std::string article;  ///< "a village", "an alliance"
  std::string list;     ///< "the village roster", "the alliance list"
  std::string title;    ///< 村, 联盟: headings and columns
  std::string self;     ///< 本村, 本联盟: as in 本村得分
  std::string final;    ///< 最终得分, 总分: the score stars and ranks go by
  std::string suffix;   ///< "", "（联盟）": after a unit's name where kinds are listed together
};

/// A kind of rated unit: its words and its rule set. Its units are in the Roster, its
/// values in each year's data and its results in the Evaluation, each at index_of(kind).
struct Kind {
  UnitKind id = UnitKind::village;
  KindShape shape = KindShape::village;
  KindWords words;
  std::optional<Scheme> scheme;     ///< absent: the kind is not rated (alliances without a scheme)
  std::vector<std::string> fields;  ///< roster fields its units can be grouped by (`--by`)

  /// Whether units of this kind are rated (the manifest names a scheme for them).
  [[nodiscard]] bool rated() const { return scheme.has_value(); }
};

/// The kinds every assessment has, in UnitKind order: villages, then alliances (not rated
/// without an alliance scheme).
[[nodiscard]] std::vector<Kind> built_in_kinds();
/// A people kind (spec 6) with this id (`cadre`) and label (村干部), as UnitKind{index}.
[[nodiscard]] Kind people_kind(std::size_t index, std::string_view id, std::string_view label);

/// How one level of an allocation shares its amount among units (spec 7): an equal base
/// share, the rest by stars or by score, within a floor and a cap, some units excluded.
/// Shares and weights are exact decimals held in 1e-9 units (1.5 is 1,500,000,000), money
/// whole units of the allocation's `unit`, so the arithmetic is exact.
struct ShareRule {
  enum class By : std::uint8_t { stars, score };
  std::int64_t base = 0;  ///< share of the amount split equally among eligible units, in 1e-9
  By by = By::stars;      ///< what the rest goes by
  std::vector<std::pair<int, std::int64_t>> factors;  ///< by stars: a level's factor in 1e-9 (unlisted: 0)
  std::int64_t above = 0;                             ///< by score: weight = max(0, shown final - above), in 1e-9
  std::int64_t floor = 0;                             ///< every eligible unit gets at least this many units of money
  std::optional<std::int64_t> cap_share;              ///< no unit gets more than this share of the amount, in 1e-9
  bool exclude_veto = false;                          ///< units with a triggered veto get nothing
  std::vector<Tier> exclude_tiers;                    ///< units in these tiers get nothing
  Location where;                                     ///< the rule in the manifest
  Location floor_at;                                  ///< its `floor` (or the rule)
  Location cap_at;                                    ///< its `cap_share` (or the rule)
};

/// 资金分配: an amount shared out among the units of a kind by their ratings (spec 7).
struct Allocation {
  std::string id;
  std::string name;
  UnitKind to = UnitKind::village;
  std::int64_t unit = 1'000'000'000;   ///< the smallest part of money in 1e-9 yuan: 1 yuan, 0.01 (fen), 100
  std::optional<std::int64_t> amount;  ///< in units of money; absent: `--amount` must give it
  ShareRule rule;
  std::optional<ShareRule> then;  ///< with `to: alliance`: each alliance's part among its member villages
  Location where;                 ///< the allocation in the manifest
  Location amount_at;             ///< its `amount` (or the allocation)
};

/// A whole assessment: the manifest and everything it names, except the data values.
struct Assessment {
  std::string manifest;  ///< path of xingji.yaml as given
  std::string dir;       ///< folder of the manifest
  std::string name;
  Roster roster;
  std::vector<Kind> kinds = built_in_kinds();  ///< indexed by UnitKind
  std::optional<Dual> dual;
  std::optional<Tiers> tiers;
  int precision = 2;
  /// Of CSV inputs: "" (each file's own: UTF-8 when it is valid UTF-8, else GB18030), or one
  /// forced for all: "utf-8", "gbk" or "gb18030" (the manifest's `encoding:`, or --encoding).
  std::string encoding;
  /// Columns of data files that hold no values and are skipped (`ignore_columns: [备注]`).
  std::vector<std::string> ignore_columns;
  std::vector<std::string> data_files;  ///< resolved, sorted, without duplicates
  /// The `data:` entries as written, each with its path from here (joined to the manifest's
  /// folder): a pattern (data/*.csv) also names the files that will be read next time.
  std::vector<std::pair<std::string, std::string>> data_patterns;
  /// Files of corrections (补报、更正, spec 5), read after the data: resolved, sorted.
  std::vector<std::string> correction_files;
  /// The `corrections:` entries as written, with their paths (see data_patterns).
  std::vector<std::pair<std::string, std::string>> correction_patterns;
  std::vector<Allocation> allocations;  ///< 资金分配, in the order of the manifest
  /// Ledger files (积分台账, spec 6): resolved, sorted.
  std::vector<std::string> ledger_files;
  /// The `ledgers:` entries as written, with their paths (see data_patterns).
  std::vector<std::pair<std::string, std::string>> ledger_patterns;

  /// A kind of unit.
  [[nodiscard]] const Kind& kind(UnitKind kind) const { return kinds[index_of(kind)]; }
  /// The kind whose id is `id` ("village", "alliance", ...), if any.
  [[nodiscard]] const Kind* find_kind(std::string_view id) const;
  /// The warnings of every input (each scheme's, in the order of the kinds).
  [[nodiscard]] std::vector<Diagnostic> warnings() const;
  /// The scheme that rates units of this kind, or nullptr when they are not rated.
  [[nodiscard]] const Scheme* scheme_for(UnitKind kind) const;
  /// The same, for a kind that is rated.
  [[nodiscard]] const Scheme& scheme(UnitKind kind) const { return *kinds[index_of(kind)].scheme; }
};

}  // namespace xingji
