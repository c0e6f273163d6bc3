// What a scheme derives once it is read: each node's share of the total, and the items
// (the values a unit's data gives: leaves, adjustments, vetoes, quarters).
#include "read/scheme_reader.hpp"

namespace xingji::detail {

void SchemeReader::compute_shares() {
  auto share_of = [this](const std::vector<int>& siblings) {
    double sum = 0;
    for (int i : siblings) sum += s_.nodes[static_cast<std::size_t>(i)].weight;
    return sum;
  };
  // Parents come before children in `nodes`, so one forward pass sees every parent's share.
  const double root_sum = share_of(s_.roots);
  for (int r : s_.roots) {
    auto& n = s_.nodes[static_cast<std::size_t>(r)];
    n.share = root_sum > 0 ? n.weight / root_sum : 0;
  }
  for (auto& n : s_.nodes) {
    const double sum = share_of(n.children);
    for (int c : n.children) {
      auto& child = s_.nodes[static_cast<std::size_t>(c)];
      child.share = sum > 0 ? n.share * child.weight / sum : 0;
    }
  }
}

void SchemeReader::build_items() {
  for (std::size_t i = 0; i < s_.nodes.size(); ++i) {
    auto& n = s_.nodes[i];
    if (!n.is_leaf()) continue;
    Item item;
    item.id = n.id;
    item.index = static_cast<int>(i);
    item.boolean = n.scoring.method == Method::check;
    item.labelled = n.scoring.method == Method::levels;
    item.rated = n.raters.has_value();
    item.ledger = n.ledger.has_value();
    item.linked = n.link.has_value();
    if (n.fraction_ballots()) {
      item.lowest = 0;
      item.highest = 1;
    } else if (n.scoring.method == Method::direct) {
      item.lowest = 0;
      item.highest = n.weight;
    } else if (n.scoring.method == Method::ratio || n.scoring.method == Method::count ||
               n.scoring.method == Method::deduct) {
      item.lowest = 0;
    }
    n.item = static_cast<int>(s_.items.size());
    s_.items.push_back(item);
  }
  for (std::size_t i = 0; i < s_.adjustments.size(); ++i) {
    s_.adjustments[i].item = static_cast<int>(s_.items.size());
    Item item;
    item.id = s_.adjustments[i].id;
    item.kind = ItemKind::adjustment;
    item.index = static_cast<int>(i);
    item.lowest = 0.0;
    item.ledger = s_.adjustments[i].ledger.has_value();
    s_.items.push_back(item);
  }
  for (std::size_t i = 0; i < s_.vetoes.size(); ++i) {
    s_.vetoes[i].item = static_cast<int>(s_.items.size());
    Item item;
    item.id = s_.vetoes[i].id;
    item.kind = ItemKind::veto;
    item.index = static_cast<int>(i);
    item.boolean = true;
    s_.items.push_back(item);
  }
  // Quarterly leaves keep their four quarters as items of their own, after everything
  // else; the leaf's item then holds the combined value.
  for (auto& n : s_.nodes) {
    if (!n.is_leaf() || !n.quarterly) continue;
    n.quarter_item = static_cast<int>(s_.items.size());
    s_.items[static_cast<std::size_t>(n.item)].quarter_item = n.quarter_item;
    for (int q = 1; q <= 4; ++q) {
      Item item = s_.items[static_cast<std::size_t>(n.item)];
      item.kind = ItemKind::quarter;
      item.quarter_item = -1;
      item.quarter = q;
      s_.items.push_back(item);
    }
  }
}

}  // namespace xingji::detail
