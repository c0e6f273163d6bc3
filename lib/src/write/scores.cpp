// `score` for people: a table per kind of unit, for a terminal or as Markdown.
#include <fmt/format.h>

#include <iterator>
#include <sstream>

#include "compute/words.hpp"
#include "write/scores.hpp"
#include "write/xlsx.hpp"
#include "xingji/rounding.hpp"
#include "xingji/views.hpp"

namespace xingji {

namespace {

using detail::Column;

// The columns of a kind's score table beyond rank, id, name, scores and stars: after the
// name, after the own score, and after the spec 4 columns.
struct ScoreColumns {
  std::vector<Column> after_name, after_own, after_extras;
};

ScoreColumns score_columns(const Assessment& a, const Kind& kind) {
  // Without alliances the alliance columns would be empty: leave them out.
  const bool allied = !a.roster.alliances.empty();
  switch (kind.shape) {
    case KindShape::village:
      if (allied) return {{Column::township, Column::alliance}, {Column::alliance_total}, {}};
      return {{Column::township}, {}, {}};
    case KindShape::alliance:
      return {{}, {Column::members}, {Column::member_count}};
    case KindShape::person:
      return {{Column::village, Column::role}, {}, {}};
  }
  return {};
}

// A kind's score table: its columns, and the row of each unit in ranking order made on
// demand (so that a workbook of half a million rows never keeps them all as text).
class UnitRows {
 public:
  UnitRows(const Run& run, const Kind& kind)
      : run_(run),
        kind_(kind),
        columns_(score_columns(run.assessment, kind)),
        extras_(detail::extras_of(run.assessment, kind.id)),
        values_(rated_values(run.data, run.eval, kind.id)) {}

  /// The table's columns, without rows.
  [[nodiscard]] TextTable header() const;
  /// Appends the row of the unit ranked `i`-th to `t`.
  void row(std::size_t i, TextTable& t) const;
  [[nodiscard]] std::size_t size() const { return run_.eval.of(kind_.id).ranking.size(); }

 private:
  const Run& run_;
  const Kind& kind_;
  ScoreColumns columns_;
  detail::Extras extras_;
  const Table& values_;
};

TextTable UnitRows::header() const {
  const auto& a = run_.assessment;
  TextTable t;
  t.column("排名", true);
  t.spare_column(t.whole_column("编号"));
  t.column(kind_.words.title);
  for (Column c : columns_.after_name) t.column(detail::column_title(c));
  t.fixed(t.column(fmt::format("{}得分", kind_.words.self), true), a.precision);
  for (Column c : columns_.after_own) t.fixed(t.column(detail::column_title(c), true), a.precision);
  t.fixed(t.column(kind_.words.final, true), a.precision);
  t.whole_column("星级");
  detail::extra_columns(t, extras_, false);
  for (Column c : columns_.after_extras) t.column(detail::column_title(c), true);
  t.column("否决");
  t.column("缺项");
  detail::mark_optional(t);
  return t;
}

void UnitRows::row(std::size_t i, TextTable& t) const {
  const auto& a = run_.assessment;
  const auto& result = run_.eval.of(kind_.id);
  const Scheme& s = *kind_.scheme;
  const auto& p = result.ranking[i];
  const UnitRef ref{kind_.id, p.unit};
  const UnitScore& r = result.units[static_cast<std::size_t>(p.unit)];
  const std::string_view id = a.roster.id_of(ref);
  const auto values = values_.row(static_cast<std::size_t>(p.unit));
  t.row();
  t.cell(fmt::to_string(r.rank));
  t.cell(id);
  t.cell(detail::display_name(a.roster.name_of(ref), id));
  for (Column c : columns_.after_name) t.cell(detail::column_cell(run_, c, ref));
  t.cell(detail::rounded(r.own, a.precision));
  for (Column c : columns_.after_own) t.cell(detail::column_cell(run_, c, ref));
  t.cell(r.shown.str());
  t.cell(star_text(r.stars, s.max_stars()));
  detail::extra_cells(t, extras_, false, a, s, r);
  for (Column c : columns_.after_extras) t.cell(detail::column_cell(run_, c, ref));
  t.cell(detail::name_list(detail::vetoes_of(s, values, true)));
  t.cell(r.not_submitted ? std::string("未报送") : detail::name_list(detail::missing_of(s, values, true)));
}

TextTable unit_table(const Run& run, const Kind& kind) {
  const UnitRows rows(run, kind);
  TextTable t = rows.header();
  for (std::size_t i = 0; i < rows.size(); ++i) rows.row(i, t);
  return t;
}

}  // namespace

void render_scores(const Run& run, Format format, std::ostream& os, std::size_t width, bool excel_ids,
                   std::optional<UnitKind> only) {
  if (format == Format::json) return detail::scores_json(run, os, only);
  if (format == Format::csv) return detail::scores_csv(run, os, excel_ids, only);
  const auto& a = run.assessment;
  const bool md = format == Format::md;
  std::string out = fmt::format("{}{}\n\n", md ? "# " : "", detail::year_title(a, run.eval.year));
  bool first = true;
  for (const Kind& kind : a.kinds) {
    if (!run.eval.of(kind.id).scored || (only && kind.id != *only)) continue;
    fmt::format_to(std::back_inserter(out), "{}{}{}{}", first ? "" : "\n", md ? "## " : "", kind.words.title,
                   md ? "\n\n" : "\n");
    first = false;
    const TextTable t = unit_table(run, kind);
    md ? render_markdown(t, out) : render_text(t, out, width);
  }
  os << out;
}

void write_scores_xlsx(const Run& run, AtomicFile& file, std::optional<UnitKind> only) {
  const auto& a = run.assessment;
  // The rows are made as the sheet is written (twice: once for the columns' widths), never
  // kept: a national table as strings would take more than the rest of the run.
  std::vector<UnitRows> kinds;
  kinds.reserve(a.kinds.size());
  std::vector<detail::Sheet> sheets;
  for (const Kind& kind : a.kinds) {
    if (!run.eval.of(kind.id).scored || (only && kind.id != *only)) continue;
    const UnitRows& rows = kinds.emplace_back(run, kind);
    TextTable t = rows.header();
    t.lazy_rows = rows.size();
    t.lazy_row = [&rows](std::size_t i, TextTable& into) { rows.row(i, into); };
    sheets.push_back({kind.words.title, {{"", std::move(t), {}}}});
  }
  detail::write_workbook(sheets, detail::year_title(a, run.eval.year), file);
}

std::string render_scores(const Run& run, Format format, std::size_t width) {
  std::ostringstream os;
  render_scores(run, format, os, width);
  return std::move(os).str();
}

}  // namespace xingji
