#pragma once
/// The language of messages: the library's error messages (and a program's own, in the
/// "xingji" gettext domain) are in English or Chinese. Outputs (reports, tables) are Chinese
/// either way.

#include <optional>
#include <string>
#include <string_view>

namespace xingji {

/// A language messages can be in. English is the messages as written in the source.
enum class Language { english, chinese };

/// The locale variables gettext reads, as set in an environment ("" when unset).
struct LocaleEnv {
  std::string language;     ///< LANGUAGE: a priority list, "zh_CN:en"
  std::string lc_all;       ///< LC_ALL
  std::string lc_messages;  ///< LC_MESSAGES
  std::string lang;         ///< LANG

  /// The variables of this process (LANGUAGE as it was before use_language set it).
  [[nodiscard]] static LocaleEnv current();
};

/// The language an environment asks for, as GNU gettext decides it: the locale is the first
/// set of LC_ALL, LC_MESSAGES and LANG; "C", "POSIX" or none gives English, and LANGUAGE is
/// then ignored. Otherwise the first entry of LANGUAGE that is zh* (Chinese) or en*/C
/// (English) decides; entries of other languages are skipped, as gettext skips languages it
/// has no catalog for. Without one, a zh* locale gives Chinese and any other English.
/// Whether the locale is installed on the machine does not matter.
[[nodiscard]] Language language_for(const LocaleEnv& env);

/// The language a `--lang` value names: "zh" or "en" (also "zh_CN", "en_US", ...).
[[nodiscard]] std::optional<Language> parse_language(std::string_view name);

/// Makes messages use `language` from now on, in the whole process: it sets LC_MESSAGES
/// (and LANGUAGE), so call it at start, before other threads run. Chinese works whether or
/// not a zh_CN locale is installed. The catalog is looked for next to the program
/// (`../share/locale` from its folder, so an installed or relocated prefix works), then where
/// xingji was installed; `locale_dir` overrides both.
void use_language(Language language, const std::string& locale_dir = {});

}  // namespace xingji
