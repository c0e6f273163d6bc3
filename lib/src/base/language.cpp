#include "xingji/language.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>

#include "base/i18n.hpp"

namespace xingji {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "zh", "zh_CN.UTF-8", "zh_TW": Chinese; our catalog is zh_CN, closer than English for all.
std::optional<Language> language_of_locale(std::string_view name) {
  if (starts_with(name, "zh")) return Language::chinese;
  if (starts_with(name, "en") || name == "C" || starts_with(name, "C.") || name == "POSIX") return Language::english;
  return std::nullopt;
}

// Where zh_CN/LC_MESSAGES/xingji.mo is: beside the program first, so that the build tree,
// an installed prefix and a relocated one each find their own; else where xingji was installed.
std::string find_locale_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto bin = exe.parent_path();
    for (const auto& rel :
         {std::filesystem::path(XINGJI_LOCALEDIR_FROM_BINDIR), std::filesystem::path("../share/locale")}) {
      const auto dir = (bin / rel).lexically_normal();
      if (std::filesystem::exists(dir / "zh_CN/LC_MESSAGES/xingji.mo", ec)) return dir.string();
    }
  }
  return XINGJI_INSTALL_LOCALEDIR;
}

std::once_flag bound;

// LANGUAGE as it was before use_language set it, so that the environment's choice is read
// the same again (a program or a test that runs the command line more than once).
std::optional<std::string> original_language;

void bind_catalog(const std::string& dir) {
  bindtextdomain(kTextDomain, dir.c_str());
  // Messages are UTF-8 whatever the locale's character set (often "C" when zh_CN is missing).
  bind_textdomain_codeset(kTextDomain, "UTF-8");
}

void bind_once() {
  std::call_once(bound, [] { bind_catalog(find_locale_dir()); });
}

}  // namespace

LocaleEnv LocaleEnv::current() {
  return {original_language.value_or(env("LANGUAGE")), env("LC_ALL"), env("LC_MESSAGES"), env("LANG")};
}

Language language_for(const LocaleEnv& e) {
  const std::string& locale = !e.lc_all.empty() ? e.lc_all : !e.lc_messages.empty() ? e.lc_messages : e.lang;
  // gettext ignores LANGUAGE in the C locale: a program that never chose a locale stays English.
  if (locale.empty() || locale == "C" || locale == "POSIX") return Language::english;
  std::string_view list = e.language;
  while (!list.empty()) {
    const auto colon = list.find(':');
    const std::string_view entry = list.substr(0, colon);
    if (const auto l = language_of_locale(entry); l && !entry.empty()) return *l;
    list = colon == std::string_view::npos ? std::string_view() : list.substr(colon + 1);
  }
  return language_of_locale(locale).value_or(Language::english);
}

std::optional<Language> parse_language(std::string_view name) {
  if (name.empty() || name == "C" || name == "POSIX") return std::nullopt;
  return language_of_locale(name);
}

void use_language(Language language, const std::string& locale_dir) {
  if (!locale_dir.empty()) {
    std::call_once(bound, [] {});
    bind_catalog(locale_dir);
  } else {
    bind_once();
  }
  if (language == Language::english) {
    // In the C locale gettext gives every message as written, whatever LANGUAGE says.
    std::setlocale(LC_MESSAGES, "C");
    return;
  }
  // A zh_CN locale may not be installed (glibc then falls back to "C" and translates nothing);
  // C.UTF-8 is built into glibc 2.35+ and, unlike "C", lets LANGUAGE pick the catalog.
  if (std::setlocale(LC_MESSAGES, "zh_CN.UTF-8") == nullptr && std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr) {
    std::setlocale(LC_MESSAGES, "C.utf8");
  }
  if (!original_language) original_language = env("LANGUAGE");
  ::setenv("LANGUAGE", "zh_CN", 1);
}

const char* tr(const char* msgid) {
  bind_once();
  return dgettext(kTextDomain, msgid);
}

namespace detail {
std::string format_message(const char* msgid, fmt::format_args args) {
  const char* text = tr(msgid);
  if (text != msgid) {
    try {
      return fmt::vformat(text, args);
    } catch (const fmt::format_error&) {
      // A translation that does not fit its arguments: the English message says it all.
    }
  }
  return fmt::vformat(msgid, args);
}
}  // namespace detail

}  // namespace xingji
