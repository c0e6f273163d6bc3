// A scheme's adjustments (bonuses and deductions, with their caps) and vetoes.
#include "read/scheme_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/i18n.hpp"

namespace xingji::detail {

void SchemeReader::read_adjustments(const YAML::Node& root) {
  if (auto cap = doc_.number(root, "bonus_cap", diag_)) {
    if (*cap < 0) diag_.add(doc_.at(root["bonus_cap"]), _("'bonus_cap' must not be negative"));
    s_.bonus_cap = *cap;
  }
  if (auto cap = doc_.number(root, "deduction_cap", diag_)) {
    if (*cap < 0) diag_.add(doc_.at(root["deduction_cap"]), _("'deduction_cap' must not be negative"));
    s_.deduction_cap = *cap;
  }
  const YAML::Node list = root["adjustments"];
  if (!list || list.IsNull() || !doc_.expect_seq(list, _f("'{}'", "adjustments"), diag_)) return;
  for (const auto& node : list) {
    if (!doc_.expect_map(node, _("an adjustment"), diag_)) continue;
    const std::string label = _f("adjustment '{}'", doc_.text(node, "id", diag_).value_or("?"));
    doc_.check_keys(node, {"id", "name", "kind", "per", "cap", "ledger"}, {"id", "kind"}, label, diag_);
    Adjustment adj;
    adj.id = doc_.text(node, "id", diag_).value_or("");
    adj.name = doc_.text(node, "name", diag_).value_or(adj.id);
    adj.where = doc_.at(node);
    if (node["id"]) claim_id(adj.id, node["id"]);
    if (auto bonus = doc_.choice<bool>(node, "kind", {{"bonus", true}, {"deduction", false}}, diag_, label)) {
      adj.bonus = *bonus;
    }
    if (auto per = doc_.number(node, "per", diag_)) {
      if (*per < 0) diag_.add(doc_.at(node["per"]), _f("'per' of {} must not be negative", label));
      adj.per = *per;
    }
    if (auto cap = doc_.number(node, "cap", diag_)) {
      if (*cap < 0) diag_.add(doc_.at(node["cap"]), _f("'cap' of {} must not be negative", label));
      adj.cap = *cap;
    }
    if (node["ledger"] && node["ledger"].IsMap() && node["ledger"]["deduct"]) {
      diag_.add(doc_.at(node["ledger"]["deduct"]),
                _f("'deduct' is for leaves; {} is a bonus or a deduction by its 'kind' already", label));
    }
    adj.ledger = read_ledger(node, label, false);
    if (adj.ledger && node["per"]) {
      diag_.add(doc_.at(node["per"]), _f("{} takes its value from the ledger, whose 'per' gives the points of an "
                                         "event; remove this 'per'",
                                         label));
    }
    if (adj.ledger) adj.per = 1;  // the value is already points
    s_.adjustments.push_back(adj);
  }
}

void SchemeReader::read_vetoes(const YAML::Node& root) {
  const YAML::Node list = root["veto"];
  if (!list || list.IsNull() || !doc_.expect_seq(list, _f("'{}'", "veto"), diag_)) return;
  for (const auto& node : list) {
    if (!doc_.expect_map(node, _("a veto"), diag_)) continue;
    const std::string label = _f("veto '{}'", doc_.text(node, "id", diag_).value_or("?"));
    doc_.check_keys(node, {"id", "name", "max_stars"}, {"id", "max_stars"}, label, diag_);
    Veto veto;
    veto.id = doc_.text(node, "id", diag_).value_or("");
    veto.name = doc_.text(node, "name", diag_).value_or(veto.id);
    veto.where = doc_.at(node);
    if (node["id"]) claim_id(veto.id, node["id"]);
    if (auto m = doc_.integer(node, "max_stars", diag_)) {
      if (*m < 0) diag_.add(doc_.at(node["max_stars"]), _f("'max_stars' of {} must not be negative", label));
      veto.max_stars = static_cast<int>(std::max(0LL, std::min(*m, 1000LL)));
    }
    s_.vetoes.push_back(veto);
  }
}

}  // namespace xingji::detail
