#pragma once
// Internal: the reader of a scheme file, one object per file read. Its parts live by concept:
// read/scheme.cpp (the whole file and its ids), scheme_indicators.cpp (the tree, periods,
// raters), scheme_scoring.cpp (how a leaf scores), scheme_stars.cpp (stars, grades, promotion,
// gates), scheme_adjustments.cpp (bonuses, deductions, vetoes) and scheme_items.cpp (what is
// derived from the rest: shares and items).

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "read/yaml_doc.hpp"
#include "xingji/model.hpp"

namespace xingji::detail {

class SchemeReader {
 public:
  SchemeReader(const YamlDoc& doc, Scheme& scheme, Diagnostics& diag) : doc_(doc), s_(scheme), diag_(diag) {}

  /// Reads the whole scheme into the Scheme given, every problem into the Diagnostics.
  void read();

 private:
  // Warns where a node's items, or the areas, do not add up to its points.
  void check_points(const Location& total_at);
  bool claim_id(const std::string& id, const YAML::Node& where);

  // The indicator tree.
  int read_indicator(const YAML::Node& node, int parent, int depth);
  void read_periods(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf);
  std::vector<Label> read_labels(const YAML::Node& map, const std::string& what);
  void read_raters(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf);

  // People (spec 6): ledger items and linked leaves.
  std::optional<LedgerRule> read_ledger(const YAML::Node& node, const std::string& label, bool leaf);
  void read_people_leaf(const YAML::Node& node, Indicator& ind, const std::string& label, bool leaf);

  // How a leaf scores.
  void read_scoring(const YAML::Node& node, Indicator& ind, const std::string& label);
  void check_points(double points, const YAML::Node& where, const Indicator& ind, const std::string& label);
  void read_rank(const YAML::Node& node, Indicator& ind, const std::string& label);
  void read_steps(const YAML::Node& list, Indicator& ind, const std::string& label);

  // Adjustments and vetoes.
  void read_adjustments(const YAML::Node& root);
  void read_vetoes(const YAML::Node& root);

  // Ratings: stars, grades, promotion and the gates their levels require.
  void read_stars(const YAML::Node& root);
  void read_grades(const YAML::Node& root);
  std::vector<StarLevel> read_levels(const YAML::Node& list, bool grades);
  void read_promotion(const YAML::Node& root);
  void resolve_gates();

  // Derived from the rest once it is read.
  void compute_shares();
  void build_items();

  struct PendingGate {
    bool grades = false;
    std::size_t level = 0;  // as read, then as sorted
    std::string id;
    YAML::Node where;
    bool placed = false;
  };

  const YamlDoc& doc_;
  Scheme& s_;
  Diagnostics& diag_;
  std::set<std::string> ids_;
  std::vector<PendingGate> pending_gates_;
  YAML::Node five_areas_;
};

}  // namespace xingji::detail
