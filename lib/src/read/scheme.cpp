#include "xingji/scheme.hpp"

#include <fmt/format.h>

#include <cmath>

#include "base/i18n.hpp"
#include "read/scheme_reader.hpp"
#include "read/yaml_doc.hpp"
#include "xingji/number.hpp"

namespace xingji {

namespace detail {

void SchemeReader::read() {
  const auto& root = doc_.root();
  if (!doc_.expect_map(root, _("a scheme"), diag_)) return;
  doc_.check_keys(root,
                  {"id", "name", "total", "missing", "indicators", "adjustments", "bonus_cap", "deduction_cap", "veto",
                   "stars", "grades", "promotion", "weights"},
                  {"indicators"}, _("the scheme"), diag_);
  s_.id = doc_.text(root, "id", diag_).value_or("");
  s_.name = doc_.text(root, "name", diag_).value_or(s_.id);
  if (auto total = doc_.number(root, "total", diag_)) {
    if (*total <= 0) diag_.add(doc_.at(root["total"]), _("'total' must be greater than 0"));
    s_.total = *total;
  }
  if (auto m = doc_.choice<MissingPolicy>(
          root, "missing",
          {{"error", MissingPolicy::error}, {"zero", MissingPolicy::zero}, {"mean", MissingPolicy::mean}}, diag_)) {
    s_.missing = *m;
  }
  if (auto w = doc_.choice<bool>(root, "weights", {{"points", false}, {"relative", true}}, diag_)) {
    s_.relative_weights = *w;
  }
  if (auto ind = root["indicators"]; ind && doc_.expect_seq(ind, _f("'{}'", "indicators"), diag_)) {
    if (ind.size() == 0) diag_.add(doc_.at(ind), _("'indicators' is empty; list at least one indicator"));
    for (const auto& child : ind) {
      int n = read_indicator(child, -1, 0);
      if (n >= 0) s_.roots.push_back(n);
    }
    if (diag_.empty() && !s_.relative_weights) check_points(root["total"] ? doc_.at(root["total"]) : doc_.at(ind));
  }
  read_adjustments(root);
  read_vetoes(root);
  read_stars(root);
  read_grades(root);
  read_promotion(root);
  resolve_gates();
  if (s_.star_pass && s_.roots.size() > 32) {
    diag_.add(doc_.at(five_areas_),
              _f("five-area stars give a star per top-level area; at most 32 areas, not {}", s_.roots.size()));
  }
  compute_shares();
  build_items();
}

void SchemeReader::check_points(const Location& total_at) {
  // Weights are points (spec 5): a node's items should add up to it, the areas to the total.
  // The arithmetic stays relative (spec 2.2); this only warns of a likely typing mistake.
  auto sum_of = [&](const std::vector<int>& nodes) {
    double sum = 0;
    for (const int n : nodes) sum += s_.nodes[static_cast<std::size_t>(n)].weight;
    return sum;
  };
  auto warn = [&](Location where, std::string message) {
    s_.warnings.push_back(Diagnostic{std::move(where), std::move(message), Severity::warning});
  };
  if (const double sum = sum_of(s_.roots); std::abs(sum - s_.total) > 1e-9) {
    warn(total_at, _f("the scheme is {} points but its areas add up to {}; make them agree, or say `weights: "
                      "relative` in the scheme if the weights are shares",
                      format_number(s_.total), format_number(sum)));
  }
  for (const auto& node : s_.nodes) {
    if (node.is_leaf()) continue;
    if (const double sum = sum_of(node.children); std::abs(sum - node.weight) > 1e-9) {
      warn(node.where,
           _f("{} is {} points but its items add up to {}; make them agree, or say `weights: relative` in the "
              "scheme if the weights are shares",
              node.name.empty() ? node.id : node.name, format_number(node.weight), format_number(sum)));
    }
  }
}

bool SchemeReader::claim_id(const std::string& id, const YAML::Node& where) {
  if (id.empty()) {
    diag_.add(doc_.at(where), _("an id must not be empty"));
    return false;
  }
  if (!ids_.insert(id).second) {
    diag_.add(doc_.at(where), _f("duplicate id '{}'; ids must be unique within a scheme", id));
    return false;
  }
  return true;
}

}  // namespace detail

Scheme parse_scheme(const std::string& file, std::string text) {
  detail::YamlDoc doc(file, std::move(text));
  Scheme scheme;
  scheme.file = file;
  Diagnostics diag;
  detail::SchemeReader(doc, scheme, diag).read();
  diag.throw_if_any();
  return scheme;
}

Scheme load_scheme(const std::string& path) { return parse_scheme(path, detail::read_file(path)); }

}  // namespace xingji
