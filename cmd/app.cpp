#include "app.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "allocate.hpp"
#include "base/i18n.hpp"
#include "cli_text.hpp"
#include "common.hpp"
#include "explain.hpp"
#include "history.hpp"
#include "init.hpp"
#include "ledger.hpp"
#include "notice.hpp"
#include "rank.hpp"
#include "report.hpp"
#include "score.hpp"
#include "template.hpp"
#include "validate.hpp"
#include "xingji/error.hpp"
#include "xingji/language.hpp"
#include "xingji/version.hpp"

namespace xingji::cli {

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  // The language first: CLI11 keeps option descriptions as they are when added.
  use_language(lang_in_args(argc, argv).value_or(language_for(LocaleEnv::current())));
  CLI::App app{_("xingji (星级): scores, star ratings, rankings and reports for villages and Party-building alliances"),
               "xingji"};
  set_diagnostics(err);
  translate_cli(app);
  app.set_version_flag("--version", fmt::format("xingji {}", version()),
                       _("Display program version information and exit"));
  add_lang(app);
  app.require_subcommand(1);
  app.fallthrough(false);
  setup_init(app, out);
  setup_validate(app, out);
  setup_score(app, out);
  setup_rank(app, out);
  setup_report(app, out);
  setup_explain(app, out);
  setup_notice(app, out);
  setup_allocate(app, out);
  setup_history(app, out);
  setup_ledger(app, out);
  setup_template(app, out);
  for (CLI::App* sub : app.get_subcommands({})) finish_subcommand(*sub);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with status 0; every real usage error is status 2.
    return app.exit(e, out, err) == 0 ? 0 : 2;
  } catch (const Error& e) {
    for (const auto& d : e.diagnostics()) err << d.str() << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    err << _("xingji: error: out of memory") << '\n';
    return 1;
  } catch (const std::exception& e) {
    // The library reports every input problem as an Error; anything else is a bug in xingji,
    // but it must still end as a message, never as an abort.
    err << _f("xingji: internal error: {} (please report this with the input)", e.what()) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace xingji::cli
