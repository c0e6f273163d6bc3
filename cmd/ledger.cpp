#include "ledger.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/i18n.hpp"
#include "common.hpp"
#include "xingji/explain.hpp"
#include "xingji/ledger.hpp"
#include "xingji/manifest.hpp"

namespace xingji::cli {

namespace {
struct LedgerArgs {
  CommonOptions common;
  std::string first;   // PATH, or UNIT when it is the only word and names no file or folder
  std::string second;  // UNIT
  std::string level;
  std::string until;
  std::string by;
};

// The kind the standings are of: --level's, else the first whose scheme has ledger items.
const Kind& kind_of(const Assessment& a, const std::string& level) {
  if (!level.empty()) {
    return level_kind(a, level);
  }
  for (const Kind& k : a.kinds) {
    if (k.rated() && k.scheme->has_ledger()) return k;
  }
  throw Error(Location{a.manifest, 0, 0},
              _("no scheme of this assessment has a ledger item; add `ledger: {per: ...}` to an item of a scheme"));
}
}  // namespace

void setup_ledger(CLI::App& app, std::ostream& out) {
  auto opts = std::make_shared<LedgerArgs>();
  auto* cmd = app.add_subcommand(
      "ledger", _("The points of the ledgers to a date (积分公示): the standings per ledger item, or one unit's events "
                  "and what each cap took away"));
  // As for `history`: one word that names a file or folder is the assessment, any other the unit.
  cmd->add_option("PATH", opts->first, _("Assessment folder or its manifest (default: the current folder)"));
  cmd->add_option("UNIT", opts->second,
                  _("Id or name of one unit: its events with their points and what each cap took away"));
  cmd->add_option("--level", opts->level,
                  _("The kind of unit: village, alliance or a kind of people (e.g. cadre) (default: the first kind "
                    "whose scheme has ledger items)"));
  cmd->add_option("--until", opts->until,
                  _("The standings on this day, counted from 1 January of its year (default: the day of the last "
                    "event)"))
      ->type_name("DATE");
  cmd->add_option("--by", opts->by,
                  _("Rank within each group of a roster field: township, county, category, alliance; for people "
                    "also village and role"))
      ->check(CLI::IsMember({"township", "county", "category", "alliance", "village", "role"}));
  add_encoding(*cmd, opts->common);
  opts->common.format = "table";
  cmd->add_option("--format", opts->common.format, _("Output format"))
      ->check(CLI::IsMember({"table", "csv", "md", "json", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opts->common.output, _("Write to FILE (all or nothing) instead of standard output"));
  cmd->add_flag("--bom", opts->common.bom,
                _("Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese text right"));
  cmd->callback([opts, &out] {
    check_workbook_output(opts->common);
    std::optional<Date> until;
    if (!opts->until.empty()) {
      until = parse_date(opts->until);
      if (!until) {
        throw CLI::ValidationError("--until",
                                   _f("'{}' is not a day of the calendar; write it as 2024-06-30", opts->until));
      }
    }
    std::string path = ".", unit;
    std::error_code ec;
    if (!opts->second.empty()) {
      path = opts->first;
      unit = opts->second;
    } else if (!opts->first.empty()) {
      (std::filesystem::exists(opts->first, ec) ? path : unit) = opts->first;
    }
    if (!unit.empty() && !opts->by.empty()) {
      throw CLI::ValidationError("--by", _("groups the standings of every unit; leave it out when you name a UNIT"));
    }
    const Assessment a = load_assessment(path, opts->common.encoding);
    print_diagnostics(a.warnings());
    std::optional<UnitRef> ref;
    if (!unit.empty()) {
      ref = find_unit(a, unit, opts->level.empty() ? std::nullopt : std::optional(level_kind(a, opts->level).id));
    }
    const Kind& kind = ref && opts->level.empty() ? a.kind(ref->kind) : kind_of(a, opts->level);
    if (ref && ref->kind != kind.id) {
      throw CLI::ValidationError("--level", _f("'{}' is {}; leave out --level, or give --level {}", unit,
                                               tr(a.kind(ref->kind).words.article), a.kind(ref->kind).words.id));
    }
    if (!kind.rated()) {
      throw Error(Location{a.manifest, 0, 0},
                  _f("{} are not scored: the manifest names no {} scheme", tr(kind.words.plural), tr(kind.words.noun)));
    }
    if (!opts->by.empty() && std::find(kind.fields.begin(), kind.fields.end(), opts->by) == kind.fields.end()) {
      throw CLI::ValidationError(
          "--by", kind.fields.empty()
                      ? _f("{} are ranked as one list: they have no roster field to group by", tr(kind.words.plural))
                      : _f("{} are grouped by one of their roster fields: {}", tr(kind.words.plural),
                           fmt::join(kind.fields, ", ")));
    }
    const Format format = format_of(opts->common.format);
    // Standings dated by their latest event when that is after today: a mistyped year, most likely.
    const auto check_date = [&](const Date& to) {
      if (until || !(today() < to)) return;
      print_diagnostics({Diagnostic{Location{a.manifest, 0, 0},
                                    _f("the standings run to {}, the date of the latest event, which is after today: "
                                       "a mistyped year? `xingji validate` names such events; --until sets the date",
                                       to.str()),
                                    Severity::warning}});
    };
    if (ref) {
      const LedgerAccount account = ledger_account(a, *ref, until);
      check_date(account.until);
      if (is_workbook(opts->common)) {
        return emit_workbook(opts->common, a, [&](AtomicFile& f) { write_ledger_account_xlsx(a, account, f); });
      }
      return emit(
          opts->common, a,
          [&](std::ostream& os) { render_ledger_account(a, account, format, os, table_width(opts->common, out)); },
          out);
    }
    const LedgerStandings standings = ledger_standings(a, kind.id, until);
    check_date(standings.until);
    if (is_workbook(opts->common)) {
      return emit_workbook(opts->common, a, [&](AtomicFile& f) { write_ledger_xlsx(a, standings, opts->by, f); });
    }
    emit(
        opts->common, a,
        [&](std::ostream& os) { render_ledger(a, standings, opts->by, format, os, table_width(opts->common, out)); },
        out);
  });
}

}  // namespace xingji::cli
