#include "xingji/scheme.hpp"

#include <fmt/format.h>

#include "read/scheme_reader.hpp"
#include "read/yaml_doc.hpp"

namespace xingji {

namespace detail {

void SchemeReader::read() {
  const auto& root = doc_.root();
  if (!doc_.expect_map(root, "a scheme", diag_)) return;
  doc_.check_keys(root,
                  {"id", "name", "total", "missing", "indicators", "adjustments", "bonus_cap", "deduction_cap", "veto",
                   "stars", "grades", "promotion"},
                  {"indicators"}, "the scheme", diag_);
  s_.id = doc_.text(root, "id", diag_).value_or("");
  s_.name = doc_.text(root, "name", diag_).value_or(s_.id);
  if (auto total = doc_.number(root, "total", diag_)) {
    if (*total <= 0) diag_.add(doc_.at(root["total"]), "'total' must be greater than 0");
    s_.total = *total;
  }
  if (auto m = doc_.choice<MissingPolicy>(
          root, "missing",
          {{"error", MissingPolicy::error}, {"zero", MissingPolicy::zero}, {"mean", MissingPolicy::mean}}, diag_)) {
    s_.missing = *m;
  }
  if (auto ind = root["indicators"]; ind && doc_.expect_seq(ind, "'indicators'", diag_)) {
    if (ind.size() == 0) diag_.add(doc_.at(ind), "'indicators' is empty; list at least one indicator");
    for (const auto& child : ind) {
      int n = read_indicator(child, -1, 0);
      if (n >= 0) s_.roots.push_back(n);
    }
  }
  read_adjustments(root);
  read_vetoes(root);
  read_stars(root);
  read_grades(root);
  read_promotion(root);
  resolve_gates();
  if (s_.star_pass && s_.roots.size() > 32) {
    diag_.add(doc_.at(five_areas_),
              fmt::format("five-area stars give a star per top-level area; at most 32 areas, not {}", s_.roots.size()));
  }
  compute_shares();
  build_items();
}

bool SchemeReader::claim_id(const std::string& id, const YAML::Node& where) {
  if (id.empty()) {
    diag_.add(doc_.at(where), "an id must not be empty");
    return false;
  }
  if (!ids_.insert(id).second) {
    diag_.add(doc_.at(where), fmt::format("duplicate id '{}'; ids must be unique within a scheme", id));
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
