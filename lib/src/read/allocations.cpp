// `allocations:` in the manifest (spec 7): how amounts are shared out by the ratings,
// checked against the kinds, schemes and tiers the manifest names.
#include "read/allocations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/exact.hpp"
#include "base/i18n.hpp"
#include "base/suggest.hpp"
#include "xingji/number.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

namespace {

// The star levels units of a kind can hold: its levels, or 0 to the number of areas in
// five-area mode; 0 (no stars) always.
std::set<int> levels_of(const Scheme& s) {
  std::set<int> out{0};
  if (s.star_pass) {
    for (int k = 1; k <= static_cast<int>(s.roots.size()); ++k) out.insert(k);
  }
  for (const auto& l : s.stars) out.insert(l.stars);
  return out;
}

class AllocationReader {
 public:
  AllocationReader(const YamlDoc& doc, Assessment& a, Diagnostics& diag) : doc_(doc), a_(a), diag_(diag) {}

  void read() {
    const YAML::Node list = doc_.root()["allocations"];
    if (!list || list.IsNull()) return;
    if (!doc_.expect_seq(list, _f("'{}'", "allocations"), diag_)) return;
    std::set<std::string> ids;
    for (const auto& node : list) {
      if (!doc_.expect_map(node, _("an allocation"), diag_)) continue;
      auto al = read_allocation(node);
      if (!al) continue;
      if (!ids.insert(al->id).second) {
        // Two allocations without an id (each reported) are "the same id" too: placed at the
        // allocation, since a node that is not there has no place (yaml-cpp throws).
        const YAML::Node id = node["id"];
        diag_.add(doc_.at(id ? id : node), _f("allocation '{}' is given twice; give each an id of its own", al->id));
        continue;
      }
      a_.allocations.push_back(std::move(*al));
    }
  }

 private:
  // The exact decimal at `node[key]` in 1e-9, or nullopt (reported when present but not a
  // decimal with at most nine decimals).
  std::optional<Nanos> exact(const YAML::Node& node, const char* key, const std::string& label) {
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) return std::nullopt;
    if (value.IsScalar()) {
      if (auto x = exact_nanos(value.Scalar())) return x;
    }
    diag_.add(doc_.at(value), _f("'{}' of {} must be a number with at most nine decimals, e.g. 1000000 or "
                                 "0.01",
                                 key, label));
    return std::nullopt;
  }

  // Money at `node[key]` as a whole number of `unit`s (in 1e-9 yuan), or nullopt (reported).
  std::optional<std::int64_t> money(const YAML::Node& node, const char* key, std::int64_t unit,
                                    const std::string& label) {
    const auto x = exact(node, key, label);
    if (!x) return std::nullopt;
    const Location at = doc_.at(node[key]);
    if (*x < 0) {
      diag_.add(at, _f("'{}' of {} is {}; give 0 or more", key, label, nanos_text(*x)));
      return std::nullopt;
    }
    if (*x % unit != 0) {
      diag_.add(at, _f("'{}' of {} is {}, not a whole number of its unit {}; round it to the unit", key, label,
                       nanos_text(*x), nanos_text(unit)));
      return std::nullopt;
    }
    if (*x / unit > static_cast<Nanos>(std::int64_t{1} << 62)) {
      diag_.add(at, _f("'{}' of {} is {}: more units of {} than xingji counts; give a larger unit", key, label,
                       nanos_text(*x), nanos_text(unit)));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*x / unit);
  }

  // A share in [0, 1] (or (0, 1] when `zero` is false) at `node[key]`, in 1e-9.
  // `message` (marked with N_) says what the share is: "'{}' of {} is {}; it is ...", with
  // the key, the label and the value given.
  std::optional<std::int64_t> share(const YAML::Node& node, const char* key, bool zero, const std::string& label,
                                    const char* message) {
    const auto x = exact(node, key, label);
    if (!x) return std::nullopt;
    if (*x > 1'000'000'000 || *x < 0 || (!zero && *x == 0)) {
      diag_.add(doc_.at(node[key]), _f(message, key, label, nanos_text(*x)));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*x);
  }

  std::optional<Allocation> read_allocation(const YAML::Node& node) {
    doc_.check_keys(node,
                    {"id", "name", "amount", "to", "unit", "then", "base", "by", "factors", "above", "floor",
                     "cap_share", "exclude"},
                    {"id", "to", "by"}, _("an allocation"), diag_);
    Allocation al;
    al.where = doc_.at(node);
    al.id = doc_.text(node, "id", diag_).value_or("");
    if (node["id"] && al.id.empty()) diag_.add(doc_.at(node["id"]), _("an allocation's 'id' is empty; give it an id"));
    al.name = doc_.text(node, "name", diag_).value_or("");
    // TRANSLATORS: a noun phrase, the {} of the messages about an allocation.
    const std::string label = _f("allocation '{}'", al.id.empty() ? "?" : al.id);
    if (auto to = doc_.text(node, "to", diag_)) {
      const Kind* kind = a_.find_kind(*to);
      if (kind == nullptr) {
        std::vector<std::string_view> ids;
        for (const auto& k : a_.kinds) ids.push_back(k.words.id);
        diag_.add(doc_.at(node["to"]),
                  with_suggestion(_f("unknown kind of unit '{}' in 'to' of {}", *to, label), *to, ids));
        return std::nullopt;
      }
      al.to = kind->id;
    } else {
      return std::nullopt;
    }
    if (const auto unit = exact(node, "unit", label)) {
      if (*unit <= 0 || *unit > static_cast<Nanos>(std::int64_t{1} << 62)) {
        diag_.add(doc_.at(node["unit"]),
                  _f("'unit' of {} is {}; give the smallest part of money, e.g. 1 (yuan) or 0.01 (fen)", label,
                     nanos_text(*unit)));
      } else {
        al.unit = static_cast<std::int64_t>(*unit);
      }
    }
    al.amount_at = node["amount"] ? doc_.at(node["amount"]) : al.where;
    al.amount = money(node, "amount", al.unit, label);
    const Kind& kind = a_.kind(al.to);
    if (!kind.rated()) {
      diag_.add(doc_.at(node["to"]), _f("{} goes to {}, but {} are not rated: the manifest names no {} scheme", label,
                                        tr(kind.words.plural), tr(kind.words.plural), tr(kind.words.noun)));
      return std::nullopt;
    }
    al.rule = read_rule(node, *kind.scheme, al.unit, label);
    if (const YAML::Node then = node["then"]; then && !then.IsNull()) {
      if (kind.shape != KindShape::alliance) {
        diag_.add(doc_.at(then), _f("'then' shares each alliance's part among its member villages, but {} "
                                    "goes to {}, which have no members; remove 'then' or use `to: alliance`",
                                    label, tr(kind.words.plural)));
      } else if (doc_.expect_map(then, _f("'then' of {}", label), diag_)) {
        doc_.check_keys(then, {"base", "by", "factors", "above", "floor", "cap_share", "exclude"}, {"by"},
                        _f("'then' of {}", label), diag_);
        al.then = read_rule(then, a_.scheme(UnitKind::village), al.unit, _f("'then' of {}", label));
      }
    }
    return al;
  }

  ShareRule read_rule(const YAML::Node& node, const Scheme& scheme, std::int64_t unit, const std::string& label) {
    ShareRule r;
    r.where = doc_.at(node);
    r.floor_at = r.cap_at = r.where;
    if (auto base = share(node, "base", true, label,
                          N_("'{}' of {} is {}; it is the share of the amount split equally, between 0 and 1, e.g. "
                             "0.3"))) {
      r.base = *base;
    }
    if (auto by = doc_.choice<ShareRule::By>(
            node, "by", {{"stars", ShareRule::By::stars}, {"score", ShareRule::By::score}}, diag_, label)) {
      r.by = *by;
    }
    if (const YAML::Node factors = node["factors"]; factors && !factors.IsNull()) {
      if (r.by != ShareRule::By::stars) {
        diag_.add(doc_.at(factors), _f("'factors' of {} weigh star levels; they need `by: stars`", label));
      } else if (doc_.expect_map(factors, _f("'factors' of {}", label), diag_)) {
        const std::set<int> levels = levels_of(scheme);
        std::set<int> given;
        for (const auto& f : factors) {
          const auto level = parse_integer(f.first.IsScalar() ? f.first.Scalar() : std::string());
          const auto factor = f.second.IsScalar() ? exact_nanos(f.second.Scalar()) : std::nullopt;
          if (!level || !levels.contains(static_cast<int>(*level))) {
            std::vector<std::string> have;
            for (int l : levels) have.push_back(std::to_string(l));
            diag_.add(doc_.at(f.first),
                      _f("'factors' of {} names star level '{}', which the scheme {} does not have; its "
                         "levels are {}",
                         label, f.first.IsScalar() ? f.first.Scalar() : "?", scheme.file, fmt::join(have, _(", "))));
            continue;
          }
          if (!given.insert(static_cast<int>(*level)).second) {
            diag_.add(doc_.at(f.first),
                      _f("star level {} is given twice in 'factors' of {}; keep one factor", *level, label));
            continue;
          }
          const Nanos fv = factor.value_or(-1);
          if (fv < 0 || fv > static_cast<Nanos>(1'000'000'000) * 1'000'000) {
            diag_.add(doc_.at(f.second), _f("the factor of {} stars in {} must be a number from 0 to a "
                                            "million, with at most nine decimals",
                                            *level, label));
            continue;
          }
          r.factors.emplace_back(static_cast<int>(*level), static_cast<std::int64_t>(fv));
        }
      }
    }
    if (r.by == ShareRule::By::stars && node["by"] && !scheme.has_stars()) {
      diag_.add(doc_.at(node["by"]),
                _f("{} goes by stars, but the scheme {} gives none; use `by: score`", label, scheme.file));
    }
    if (node["above"]) {
      if (r.by != ShareRule::By::score) {
        diag_.add(doc_.at(node["above"]), _f("'above' of {} is a score line; it needs `by: score`", label));
      } else if (const auto above = exact(node, "above", label)) {
        if (*above < -static_cast<Nanos>(kMaxScore * 1e9) || *above > static_cast<Nanos>(kMaxScore * 1e9)) {
          diag_.add(doc_.at(node["above"]), _f("'above' of {} is {}, beyond any score", label, nanos_text(*above)));
        } else {
          r.above = static_cast<std::int64_t>(*above);
        }
      }
    }
    if (node["floor"]) {
      r.floor_at = doc_.at(node["floor"]);
      if (auto floor = money(node, "floor", unit, label)) r.floor = *floor;
    }
    if (node["cap_share"]) {
      r.cap_at = doc_.at(node["cap_share"]);
      r.cap_share = share(node, "cap_share", false, label,
                          N_("'{}' of {} is {}; it is the largest share one unit may get, in (0, 1], e.g. 0.2"));
    }
    if (const YAML::Node ex = node["exclude"]; ex && !ex.IsNull()) {
      const std::string what = _f("'exclude' of {}", label);
      if (doc_.expect_map(ex, what, diag_)) {
        doc_.check_keys(ex, {"veto", "tiers"}, {}, what, diag_);
        if (auto veto = doc_.choice<bool>(ex, "veto", {{"true", true}, {"false", false}}, diag_, what)) {
          r.exclude_veto = *veto;
        }
        read_tiers(ex, what, r);
      }
    }
    return r;
  }

  void read_tiers(const YAML::Node& ex, const std::string& what, ShareRule& r) {
    const YAML::Node tiers = ex["tiers"];
    if (!tiers || tiers.IsNull()) return;
    if (!a_.tiers) {
      diag_.add(doc_.at(tiers), _f("{} excludes tiers, but the manifest has no 'tiers'; add them, or "
                                   "remove 'tiers' here",
                                   what));
      return;
    }
    if (!doc_.expect_seq(tiers, _f("'tiers' of {}", what), diag_)) return;
    const Tiers& t = *a_.tiers;
    for (const auto& item : tiers) {
      const std::string name = item.IsScalar() ? item.Scalar() : std::string();
      // A tier by its code or by the manifest's label for it (后进).
      static constexpr std::string_view kCodes[] = {"advanced", "middle", "backward"};
      int found = -1;
      for (int i = 0; i < 3; ++i) {
        if (name == kCodes[i] || name == t.labels[i]) found = i;
      }
      if (found < 0) {
        std::vector<std::string_view> names(std::begin(kCodes), std::end(kCodes));
        for (const auto& l : t.labels) names.emplace_back(l);
        diag_.add(doc_.at(item), with_suggestion(_f("unknown tier '{}' in {}", name, what), name, names));
        continue;
      }
      r.exclude_tiers.push_back(static_cast<Tier>(found));
    }
  }

  const YamlDoc& doc_;
  Assessment& a_;
  Diagnostics& diag_;
};

}  // namespace

void read_allocations(const YamlDoc& doc, Assessment& a, Diagnostics& diag) { AllocationReader(doc, a, diag).read(); }

}  // namespace xingji::detail
