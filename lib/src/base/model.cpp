#include "xingji/model.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>

#include "base/i18n.hpp"
#include "base/parallel.hpp"
#include "xingji/rounding.hpp"

namespace xingji {

int Scheme::find_item(std::string_view key) const {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == key) return static_cast<int>(i);
  }
  return -1;
}

int Scheme::find_node(std::string_view key) const {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id == key) return static_cast<int>(i);
  }
  return -1;
}

int Scheme::max_stars() const {
  if (star_pass) return static_cast<int>(roots.size());
  int best = 0;
  for (const auto& level : stars) best = std::max(best, level.stars);
  return best;
}

bool Scheme::star_rules() const {
  if (promotion_up) return true;
  return std::any_of(stars.begin(), stars.end(),
                     [](const StarLevel& l) { return !l.required.empty() || l.max_share.has_value(); });
}

bool Scheme::derived_leaves() const {
  return std::any_of(nodes.begin(), nodes.end(), [](const Indicator& n) { return n.quarterly || n.raters; });
}

bool Scheme::has_ledger() const {
  return std::any_of(nodes.begin(), nodes.end(), [](const Indicator& n) { return n.ledger.has_value(); }) ||
         std::any_of(adjustments.begin(), adjustments.end(), [](const Adjustment& a) { return a.ledger.has_value(); });
}

bool Scheme::has_links() const {
  return std::any_of(nodes.begin(), nodes.end(), [](const Indicator& n) { return n.link.has_value(); });
}

std::size_t StarLevel::quota(std::size_t n) const {
  return static_cast<std::size_t>(share_count(share_nanos, n, false));
}

void TextStore::new_block(std::size_t size) {
  // A county's roster fits the first small block; a national one needs a few huge pages.
  const std::size_t block = std::max(size, blocks_.empty() ? std::size_t{4096} : BigAllocator<char>::kHuge);
  blocks_.emplace_back().resize(block);  // left unset: filled as text comes
  next_ = blocks_.back().data();
  left_ = block;
}

std::string_view TextStore::add(std::string_view text) { return {add(std::span(&text, 1)), text.size()}; }

const char* TextStore::add(std::span<const std::string_view> texts) {
  std::size_t size = 0;
  for (const auto t : texts) size += t.size();
  if (size == 0) return "";
  char* const first = room(size);
  char* at = first;
  for (const auto t : texts) {
    if (!t.empty()) std::memcpy(at, t.data(), t.size());  // an empty view may have no data
    at += t.size();
  }
  return first;
}

void TextStore::absorb(TextStore&& other) {
  // The current block stays the one to fill: `other`'s are full, or nearly.
  blocks_.insert(blocks_.begin(), std::make_move_iterator(other.blocks_.begin()),
                 std::make_move_iterator(other.blocks_.end()));
  other.blocks_.clear();
  other.next_ = nullptr;
  other.left_ = 0;
}

const VillagePlace Village::kNowhere{};

Village::Village(TextStore& store, std::string_view id, std::string_view name, const VillagePlace* place)
    : place_(place) {
  const std::string_view texts[] = {id.substr(0, kMaxText), name.substr(0, kMaxText)};
  text_ = store.add(texts);
  id_size_ = static_cast<std::uint16_t>(texts[0].size());
  name_size_ = static_cast<std::uint16_t>(texts[1].size());
}

void Village::set_alliance(TextStore& store, std::string_view id) {
  VillagePlace p = *place_;
  p.alliance = store.add(id);
  place_ = store.add_value(p);
}

std::optional<std::string_view> Village::field(std::string_view key) const {
  if (key == "township") return township();
  if (key == "county") return county();
  if (key == "category") return category();
  if (key == "alliance") return alliance();
  return std::nullopt;
}

std::optional<std::string_view> Roster::field(UnitRef ref, std::string_view name) const {
  switch (ref.kind) {
    case UnitKind::village:
      return villages[static_cast<std::size_t>(ref.index)].field(name);
    case UnitKind::alliance:
      return std::nullopt;
    default: {
      const Person& p = person(ref);
      if (name == "role") return p.role;
      if (name == "village") return p.village >= 0 ? villages[static_cast<std::size_t>(p.village)].id() : "";
      if (name == "township" || name == "county" || name == "category" || name == "alliance") {
        return p.village >= 0 ? villages[static_cast<std::size_t>(p.village)].field(name) : std::string_view();
      }
      return std::nullopt;
    }
  }
}

const Village* Roster::village_of(UnitRef ref) const {
  if (ref.kind == UnitKind::village) return &villages[static_cast<std::size_t>(ref.index)];
  if (ref.kind == UnitKind::alliance) return nullptr;
  const int v = person(ref).village;
  return v >= 0 ? &villages[static_cast<std::size_t>(v)] : nullptr;
}

namespace {
// A slot's low 32 bits: the unit's kind (4 bits) and index (28 bits), plus one.
constexpr int kIndexBits = 28;
std::uint64_t slot_of(std::uint64_t hash, UnitRef ref) {
  const std::uint64_t unit =
      static_cast<std::uint64_t>(index_of(ref.kind)) << kIndexBits | static_cast<std::uint32_t>(ref.index);
  return (hash & 0xFFFFFFFF00000000ull) | (unit + 1);
}
UnitRef unit_of(std::uint64_t slot) {
  const std::uint64_t unit = (slot & 0xFFFFFFFFull) - 1;
  return UnitRef{static_cast<UnitKind>(unit >> kIndexBits),
                 static_cast<int>(unit & ((std::uint64_t{1} << kIndexBits) - 1))};
}
}  // namespace

std::optional<UnitRef> Roster::find(std::string_view key) const {
  return find(key, std::hash<std::string_view>{}(key));
}

Roster::IdKey Roster::key_of(std::string_view id) {
  // Bytes 0-7 in `head`, 8-14 in the low bytes of `tail` (as little-endian loads place them:
  // only equality matters) and the length in its top byte.
  const std::size_t n = id.size();
  IdKey k;
  if constexpr (std::endian::native != std::endian::little) {
    unsigned char bytes[16] = {};
    std::memcpy(bytes, id.data(), std::min<std::size_t>(n, 15));
    bytes[15] = static_cast<unsigned char>(std::min<std::size_t>(n, 16));
    std::memcpy(&k.head, bytes, 8);
    std::memcpy(&k.tail, bytes + 8, 8);
  } else if (n >= 16) {
    std::memcpy(&k.head, id.data(), 8);
    std::memcpy(&k.tail, id.data() + 8, 8);
    k.tail = (k.tail & 0x00FFFFFFFFFFFFFFull) | std::uint64_t{16} << 56;
  } else if (n >= 8) {
    // The last eight bytes, shifted down past those already in `head`.
    std::memcpy(&k.head, id.data(), 8);
    std::uint64_t last = 0;
    std::memcpy(&last, id.data() + n - 8, 8);
    k.tail = (n > 8 ? last >> (8 * (16 - n)) : 0) | std::uint64_t{n} << 56;
  } else {
    if (n > 0) std::memcpy(&k.head, id.data(), n);  // k.head starts as 0; an empty id may have no data
    k.tail = std::uint64_t{n} << 56;
  }
  return k;
}

std::optional<UnitRef> Roster::find(std::string_view key, std::uint64_t h) const {
  if (slots_.empty()) return std::nullopt;
  const IdKey k = key_of(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t s = slots_[i].unit;
    if (s == 0) return std::nullopt;
    // Equal keys are equal ids up to 15 bytes; a longer id's text is compared too.
    if ((s >> 32) == (h >> 32) && slots_[i].key == k && (key.size() < 16 || id_of(unit_of(s)) == key))
      return unit_of(s);
  }
}

void Roster::find_many(std::span<const std::string_view> keys, std::span<std::optional<UnitRef>> found) const {
  if (slots_.empty()) {
    std::fill(found.begin(), found.end(), std::nullopt);
    return;
  }
  // In a large roster a lookup is a cache miss or two (the slot, and its key beside it; for
  // ids over 15 bytes also the unit and its text): each key's are fetched kAhead keys before
  // it is looked up, so that the misses overlap.
  constexpr std::size_t kAhead = 16;
  const std::size_t n = keys.size();
  std::vector<std::uint64_t> hashes(n);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t step = 0; step < n + kAhead; ++step) {
    if (step < n) {
      hashes[step] = std::hash<std::string_view>{}(keys[step]);
      const Slot* slot = &slots_[hashes[step] & mask];
      __builtin_prefetch(slot);
      __builtin_prefetch(reinterpret_cast<const char*>(slot) + sizeof(Slot) - 1);  // a slot across two lines
    }
    if (step >= kAhead) {
      const std::size_t k = step - kAhead;
      found[k] = find(keys[k], hashes[k]);
    }
  }
}

void Roster::reserve(std::size_t n) {
  std::size_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  if (cap <= slots_.size()) return;
  BigVector<Slot> old;
  old.swap(slots_);
  slots_.assign(cap, Slot{});
  used_ = 0;
  for (const Slot& s : old) {
    if (s.unit != 0) add(unit_of(s.unit));
  }
}

std::optional<UnitRef> Roster::add(UnitRef ref) {
  if (2 * (used_ + 1) > slots_.size()) reserve(std::max<std::size_t>(used_ + 1, units()));
  const std::string_view key = id_of(ref);
  const std::uint64_t h = std::hash<std::string_view>{}(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t s = slots_[i].unit;
    if (s == 0) {
      slots_[i].unit = slot_of(h, ref);
      slots_[i].key = key_of(key);
      ++used_;
      return std::nullopt;
    }
    if ((s >> 32) == (h >> 32) && id_of(unit_of(s)) == key) return unit_of(s);
  }
}

bool Roster::index_unique() {
  slots_.clear();
  used_ = 0;
  const std::size_t n = units();
  reserve(n);
  // Both cores claim empty slots by compare-and-swap. Who wins a slot between two equal ids
  // depends on timing, so any clash sends the caller to the one-core path for its message.
  std::atomic<bool> clash{false};
  const std::size_t mask = slots_.size() - 1;
  auto insert = [&](UnitRef ref, std::uint64_t h) {
    const std::string_view key = id_of(ref);
    if (key.empty()) {
      clash.store(true, std::memory_order_relaxed);
      return;
    }
    const std::uint64_t mine = slot_of(h, ref);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      std::atomic_ref<std::uint64_t> slot(slots_[i].unit);
      std::uint64_t s = slot.load(std::memory_order_relaxed);
      if (s == 0 && slot.compare_exchange_strong(s, mine, std::memory_order_relaxed)) {
        slots_[i].key = key_of(key);  // read only once both cores are done
        return;
      }
      if ((s >> 32) == (h >> 32) && id_of(unit_of(s)) == key) {  // s: the slot's unit, ours lost to it
        clash.store(true, std::memory_order_relaxed);
        return;
      }
    }
  };
  // The i-th unit counting the kinds one after another.
  auto ref_of = [&](std::size_t i) {
    if (i < villages.size()) return UnitRef{UnitKind::village, static_cast<int>(i)};
    i -= villages.size();
    if (i < alliances.size()) return UnitRef{UnitKind::alliance, static_cast<int>(i)};
    i -= alliances.size();
    std::size_t k = 0;
    while (i >= people[k].people.size()) i -= people[k++].people.size();
    return UnitRef{static_cast<UnitKind>(2 + k), static_cast<int>(i)};
  };
  detail::halves(n, detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    // A batch of ids is hashed and its slots fetched before any is inserted: in a national
    // index each slot is a cache miss, and this way the misses overlap.
    constexpr std::size_t kBatch = 16;
    std::array<std::uint64_t, kBatch> hashes{};
    for (std::size_t b = from; b < to; b += kBatch) {
      const std::size_t m = std::min(kBatch, to - b);
      for (std::size_t k = 0; k < m; ++k) {
        hashes[k] = std::hash<std::string_view>{}(id_of(ref_of(b + k)));
        __builtin_prefetch(&slots_[hashes[k] & mask]);
      }
      for (std::size_t k = 0; k < m; ++k) insert(ref_of(b + k), hashes[k]);
    }
  });
  if (clash.load()) {
    slots_.clear();
    return false;
  }
  used_ = n;
  return true;
}

void Roster::index() {
  if (index_unique()) return;
  used_ = 0;
  reserve(units());
  for (std::size_t i = 0; i < villages.size(); ++i) add(UnitRef{UnitKind::village, static_cast<int>(i)});
  for (std::size_t i = 0; i < alliances.size(); ++i) add(UnitRef{UnitKind::alliance, static_cast<int>(i)});
  for (std::size_t k = 0; k < people.size(); ++k) {
    for (std::size_t i = 0; i < people[k].people.size(); ++i)
      add(UnitRef{static_cast<UnitKind>(2 + k), static_cast<int>(i)});
  }
}

std::vector<Kind> built_in_kinds() {
  std::vector<Kind> kinds(2);
  kinds[0].id = UnitKind::village;
  kinds[0].shape = KindShape::village;
  // TRANSLATORS: the words for a kind of unit, put into messages: "village 'v1'",
  // "3 eligible villages", "'v1' is a village", "unknown unit (in neither the village roster
  // nor the alliance list)".
  kinds[0].words = {
      "village", N_("village"), N_("villages"), N_("a village"), N_("the village roster"), "村", "本村", "最终得分",
      ""};
  kinds[0].fields = {"township", "county", "category", "alliance"};
  kinds[1].id = UnitKind::alliance;
  kinds[1].shape = KindShape::alliance;
  kinds[1].words = {"alliance", N_("alliance"), N_("alliances"), N_("an alliance"), N_("the alliance list"),
                    "联盟",     "本联盟",       "总分",          "（联盟）"};
  return kinds;
}

Kind people_kind(std::size_t index, std::string_view id, std::string_view label) {
  Kind k;
  k.id = static_cast<UnitKind>(index);
  k.shape = KindShape::person;
  const std::string name(label.empty() ? id : label);
  // A people kind's words are its label in either language: 村干部 'c0101' in a message.
  k.words = {std::string(id), name, name, name, _f("the {} roster", name), name, "本人", "得分", "（" + name + "）"};
  k.fields = {"village", "role", "township", "county", "category", "alliance"};
  return k;
}

const Kind* Assessment::find_kind(std::string_view id) const {
  for (const auto& k : kinds) {
    if (k.words.id == id) return &k;
  }
  return nullptr;
}

std::vector<Diagnostic> Assessment::warnings() const {
  std::vector<Diagnostic> out;
  for (const auto& k : kinds) {
    if (k.rated()) out.insert(out.end(), k.scheme->warnings.begin(), k.scheme->warnings.end());
  }
  return out;
}

const Scheme* Assessment::scheme_for(UnitKind kind) const {
  const auto k = index_of(kind);
  return k < kinds.size() && kinds[k].scheme ? &*kinds[k].scheme : nullptr;
}

}  // namespace xingji
