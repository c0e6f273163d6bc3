#include "notice.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/explain.hpp"
#include "xingji/ledger.hpp"
#include "xingji/run.hpp"

namespace xingji::cli {

namespace {
struct NoticeArgs {
  CommonOptions common;
  std::vector<std::string> words;  // [PATH] UNIT...
  std::string level = "village";
};

// Whether a word on the command line names the assessment rather than a unit.
bool names_assessment(const std::string& word) {
  return detail::is_folder(word) || detail::ends_with_ignoring_case(word, ".yaml") ||
         detail::ends_with_ignoring_case(word, ".yml");
}
}  // namespace

void setup_notice(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<NoticeArgs>();
  auto* cmd = app.add_subcommand("notice", _("Write the results notice (考评结果告知单) of each unit, a page each"));
  cmd->add_option("PATH UNIT", opts->words,
                  _("Assessment folder or its manifest (default: the current folder), then ids or names of the units "
                    "(default: every unit of --level)"));
  cmd->add_option("--level", opts->level, _("The kind of unit, when no unit is named"))->capture_default_str();
  cmd->add_option("--year", opts->common.year, _("Year to evaluate (default: the latest year in the data)"));
  cmd->add_option("--format", opts->common.format, _("html or md (default: from the ending of -o, else html)"))
      ->check(CLI::IsMember({"html", "md"}));
  cmd->add_option("-o,--output", opts->common.output,
                  _("FILE.html or FILE.md: one file, a page per unit; any other name: a folder (made when missing) "
                    "with a file per unit, named by its id, and an index"));
  add_encoding(*cmd, opts->common);
  cmd->callback([opts, &out] {
    std::vector<std::string> words = opts->words;
    if (!words.empty() && names_assessment(words.front())) {
      opts->common.path = words.front();
      words.erase(words.begin());
    }
    const std::string& output = opts->common.output;
    const bool one_file = output.empty() || detail::ends_with_ignoring_case(output, ".html") ||
                          detail::ends_with_ignoring_case(output, ".htm") ||
                          detail::ends_with_ignoring_case(output, ".md");
    std::string& format = opts->common.format;
    const std::string implied = detail::ends_with_ignoring_case(output, ".md") ? "md" : "html";
    if (format.empty()) format = one_file ? implied : "html";
    if (one_file && !output.empty() && format != implied) {
      throw CLI::ValidationError("--format", _f("-o {} is not a file of {}; end it in .{} or leave out --format",
                                                output, format, format == "md" ? "md" : "html"));
    }
    const Run run = run_assessment(opts->common.path, opts->common.year, false, opts->common.encoding);
    print_diagnostics(run.assessment.warnings());
    const Assessment& a = run.assessment;
    std::vector<UnitRef> units;
    if (words.empty()) {
      const Kind* kind = &level_kind(a, opts->level);
      if (!run.eval.of(kind->id).scored) {
        throw CLI::ValidationError("--level", _f("the {} are not rated in this assessment", opts->level));
      }
      for (const auto& p : run.eval.of(kind->id).ranking) units.push_back(UnitRef{kind->id, p.unit});
    }
    for (const auto& word : words) {
      const UnitRef u = *find_unit(a, word);
      // A unit of a kind not scored is refused (by explain) before anything is written.
      if (!run.eval.of(u.kind).scored) (void)explain(run, word);
      // A unit named twice (by id and by name) gets one page.
      const auto same = [&](const UnitRef& v) { return v.kind == u.kind && v.index == u.index; };
      if (std::none_of(units.begin(), units.end(), same)) units.push_back(u);
    }
    // Each unit's ledger events, read in one pass for all of them.
    const UnitEvents events(a, units, run.eval.year);
    const auto explain_unit = [&](const UnitRef& u) { return explain(run, a.roster.id_of(u), &events); };
    std::vector<Explanation> explained;
    const auto explained_all = [&] {
      for (const UnitRef& u : units) explained.push_back(explain_unit(u));
    };
    const Format f = format_of(format);
    if (one_file) {
      explained_all();
      emit(
          opts->common, a, [&](std::ostream& os) { render_notices(run, explained, f, os); }, out);
      return;
    }
    // A folder: a file per unit named by its id, and the index, each written whole.
    const std::string ext = format == "md" ? ".md" : ".html";
    std::vector<std::string> ids;
    for (const UnitRef& u : units) ids.emplace_back(a.roster.id_of(u));
    // A unit whose id is "index", or two whose ids make one file name, still get a file each.
    const std::vector<std::string> files = distinct_file_names(ids, ext, {"index" + ext});
    std::vector<std::string> paths;
    for (const auto& file : files) paths.push_back((std::filesystem::path(output) / file).string());
    const std::string index = (std::filesystem::path(output) / ("index" + ext)).string();
    paths.push_back(index);
    make_output_folder(a, output, paths,
                       _("-o names a folder for the notices (or FILE.html, FILE.md); this is no folder"));
    paths.pop_back();
    FileBatch batch;
    for (std::size_t i = 0; i < units.size(); ++i) {
      const Explanation e = explain_unit(units[i]);
      render_notices(run, {e}, f, batch.add(paths[i]));
    }
    render_notice_index(run, units, files, f, batch.add(index));
    batch.commit();
  });
}

}  // namespace xingji::cli
