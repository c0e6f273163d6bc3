#include "cli_text.hpp"

#include <memory>
#include <string_view>
#include <vector>

#include <fmt/args.h>

#include "base/i18n.hpp"
#include "base/text.hpp"

namespace xingji::cli {

std::optional<Language> lang_in_args(int argc, const char* const* argv) {
  std::optional<Language> found;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    std::string_view value;
    if (arg == "--lang" && i + 1 < argc) {
      value = argv[++i];
    } else if (arg.substr(0, 7) == "--lang=") {
      value = arg.substr(7);
    } else {
      continue;
    }
    if (value == "zh" || value == "en") found = parse_language(value);
  }
  return found;
}

namespace {

// CLI11 2.1's usage errors, as it writes them: each {} stands for what it fills in. The first
// pattern a message fits is used, so a longer one comes before one it contains.
const char* const kCliErrors[] = {
    N_("The following argument was not expected: {}"),
    N_("The following arguments were not expected: {}"),
    N_("A subcommand is required"),
    N_("{} is required"),
    N_("{} excludes {}"),
    N_("{} requires {}"),
    N_("{}: Value {} not in range {} to {}"),
    N_("{}: Value {} could not be converted"),
    N_("{}: {} not in {}"),
    N_("Could not convert: {} = {}"),
    N_("{}: {} required {} missing"),
    N_("Expected exactly {} arguments to {}, got {}"),
    N_("Run with {} for more information."),
};

// The parts of `text` that fill the {} of `pattern`, if it fits: each literal part is found
// left to right, the last one at the end.
std::optional<std::vector<std::string>> fit(std::string_view pattern, std::string_view text) {
  std::vector<std::string_view> literals;
  for (std::size_t at = 0;;) {
    const auto hole = pattern.find("{}", at);
    literals.push_back(pattern.substr(at, hole == std::string_view::npos ? std::string_view::npos : hole - at));
    if (hole == std::string_view::npos) break;
    at = hole + 2;
  }
  if (text.substr(0, literals.front().size()) != literals.front()) return std::nullopt;
  std::size_t at = literals.front().size();
  std::vector<std::string> parts;
  for (std::size_t k = 1; k < literals.size(); ++k) {
    const auto lit = literals[k];
    std::size_t found;
    if (k + 1 == literals.size()) {
      if (text.size() < at + lit.size() || text.substr(text.size() - lit.size()) != lit) return std::nullopt;
      found = text.size() - lit.size();
    } else {
      found = text.find(lit, at + 1);
      if (found == std::string_view::npos) return std::nullopt;
    }
    if (found <= at) return std::nullopt;  // every {} stands for something
    parts.emplace_back(text.substr(at, found - at));
    at = found + lit.size();
  }
  if (literals.size() == 1 && text.size() != at) return std::nullopt;
  return parts;
}

std::string fill(const char* msgid, const std::vector<std::string>& parts) {
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const auto& p : parts) args.push_back(p);
  const char* text = tr(msgid);
  try {
    return fmt::vformat(text, args);
  } catch (const fmt::format_error&) {
    return fmt::vformat(msgid, args);
  }
}

// CLI11's formatter, with the left column measured in terminal cells rather than bytes, so
// that a Chinese word there ("必需", three bytes a character, two cells) keeps the
// descriptions in line.
class Formatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    const std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    const std::string desc = make_option_desc(opt);
    const std::size_t width = get_column_width(), cells = display_width(name);
    std::string out = name;
    if (!desc.empty()) {
      out += cells >= width ? "\n" + std::string(width, ' ') : std::string(width - cells, ' ');
      for (const char c : desc) {
        out += c;
        if (c == '\n') out += std::string(width, ' ');
      }
    } else if (cells < width) {
      out += std::string(width - cells, ' ');
    }
    return out + "\n";
  }
};

}  // namespace

std::string translate_cli_error(const std::string& what) {
  for (const char* pattern : kCliErrors) {
    if (const auto parts = fit(pattern, what)) return fill(pattern, *parts);
  }
  return what;
}

void translate_cli(CLI::App& app) {
  auto formatter = std::make_shared<Formatter>();
  // TRANSLATORS: CLI11's words in --help: "Usage: xingji score [OPTIONS] [PATH]".
  formatter->label("Usage", _("Usage"));
  formatter->label("OPTIONS", _("OPTIONS"));
  formatter->label("SUBCOMMAND", _("SUBCOMMAND"));
  formatter->label("SUBCOMMANDS", _("SUBCOMMANDS"));
  formatter->label("Positionals", _("Positionals"));
  formatter->label("REQUIRED", _("REQUIRED"));
  formatter->label("Needs", _("Needs"));
  formatter->label("Excludes", _("Excludes"));
  app.formatter(formatter);
  // Subcommands take the groups and the help flag from the program when they are added.
  app.option_defaults()->group(_("Options"));
  app.set_help_flag("-h,--help", _("Print this help message and exit"));
  app.failure_message([](const CLI::App* a, const CLI::Error& e) {
    std::string out = translate_cli_error(e.what()) + "\n";
    if (a->get_help_ptr() != nullptr) {
      out += _f("Run with {} for more information.", a->get_help_ptr()->get_name()) + "\n";
    }
    return out;
  });
}

void add_lang(CLI::App& cmd) {
  // Already chosen by lang_in_args before the descriptions were made; here it is checked and
  // shown in --help.
  const auto checked = [](const CLI::results_t&) { return true; };
  cmd.add_option("--lang", checked,
                 _("Language of messages and help: zh (Chinese) or en (English); default: the locale"))
      ->check(CLI::IsMember({"zh", "en"}))
      ->type_name("LANG");
}

void finish_subcommand(CLI::App& sub) {
  sub.get_help_ptr()->group(_("Options"));
  sub.group(_("Subcommands"));
  add_lang(sub);
}

}  // namespace xingji::cli
