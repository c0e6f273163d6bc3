// What a scheme says of people (spec 6): leaves and adjustments whose value comes from the
// ledgers (积分制), and leaves linked to the person's village or alliance.
#include "read/scheme_reader.hpp"

#include <fmt/format.h>

#include "base/i18n.hpp"
#include "xingji/number.hpp"

namespace xingji::detail {

std::optional<LedgerRule> SchemeReader::read_ledger(const YAML::Node& node, const std::string& label, bool leaf) {
  const YAML::Node l = node["ledger"];
  if (!l || l.IsNull()) return std::nullopt;
  const std::string what = _f("'ledger' of {}", label);
  if (!doc_.expect_map(l, what, diag_)) return std::nullopt;
  // `deduct` on an adjustment is reported by its reader, with what to do instead.
  doc_.check_keys(l, {"per", "caps", "deduct"}, {"per"}, what, diag_);
  LedgerRule rule;
  rule.where = doc_.at(l);
  if (auto per = doc_.number(l, "per", diag_)) {
    if (!(*per > 0))
      diag_.add(doc_.at(l["per"]), _f("'per' of {} must be greater than 0: the points one event gives", what));
    rule.per = *per;
  }
  if (const YAML::Node caps = l["caps"];
      caps && !caps.IsNull() && doc_.expect_map(caps, _f("'caps' of {}", what), diag_)) {
    doc_.check_keys(caps, {"month", "quarter", "year"}, {}, _f("'caps' of {}", what), diag_);
    for (auto [key, slot] :
         {std::pair{"month", &rule.month}, std::pair{"quarter", &rule.quarter}, std::pair{"year", &rule.year}}) {
      if (auto cap = doc_.number(caps, key, diag_)) {
        if (!(*cap > 0)) {
          diag_.add(doc_.at(caps[key]),
                    _f("the {} cap of {} is {}; a cap must be a number greater than 0 (leave it out for none)", key,
                       label, format_number(*cap)));
        } else {
          *slot = *cap;
        }
      }
    }
  }
  if (!leaf) return rule;
  if (auto d = doc_.choice<bool>(l, "deduct", {{"true", true}, {"false", false}}, diag_, what)) rule.deduct = *d;
  return rule;
}

void SchemeReader::read_people_leaf(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf) {
  for (const char* key : {"ledger", "link"}) {
    if (node[key] && !node[key].IsNull() && !leaf) {
      diag_.add(doc_.at(node[key]),
                _f("'{}' of {} belongs on a leaf: an area's value comes from its children", key, label));
      return;
    }
  }
  if (!leaf) return;
  ind.ledger = read_ledger(node, label, true);
  if (ind.ledger) {
    // A ledger leaf's points are min(weight, value), or max(0, weight - value) with `deduct`:
    // the arithmetic of `count` and `deduct` with one point per point of value.
    if (node["scoring"]) {
      diag_.add(doc_.at(node["scoring"]), _f("{} takes its value from the ledger, whose points are the value "
                                             "itself (at most the weight); remove its 'scoring'",
                                             label));
    }
    ind.scoring = Scoring{};
    ind.scoring.method = ind.ledger->deduct ? Method::deduct : Method::count;
    ind.scoring.per = 1;
  }
  const YAML::Node l = node["link"];
  if (l && !l.IsNull()) {
    const std::string what = _f("'link' of {}", label);
    if (doc_.expect_map(l, what, diag_)) {
      doc_.check_keys(l, {"of", "value"}, {}, what, diag_);
      Link link;
      link.where = doc_.at(l);
      link.scored = static_cast<bool>(node["scoring"]);
      if (auto of = doc_.choice<LinkOf>(l, "of", {{"village", LinkOf::village}, {"alliance", LinkOf::alliance}}, diag_,
                                        what)) {
        link.of = *of;
      }
      if (auto v = doc_.choice<LinkValue>(
              l, "value", {{"final", LinkValue::final}, {"own", LinkValue::own}, {"stars", LinkValue::stars}}, diag_,
              what)) {
        link.value = *v;
      }
      ind.link = link;
    }
  }
  // One source of value per leaf.
  const char* sources[] = {ind.ledger ? "ledger" : nullptr, ind.link ? "link" : nullptr,
                           ind.raters ? "raters" : nullptr, ind.quarterly ? "per: quarter" : nullptr};
  const char* first = nullptr;
  for (const char* s : sources) {
    if (s == nullptr) continue;
    if (first == nullptr) {
      first = s;
      continue;
    }
    diag_.add(ind.where, _f("{} has both '{}' and '{}'; a leaf takes its value from one source: split it into two "
                            "items",
                            label, first, s));
    break;
  }
}

}  // namespace xingji::detail
