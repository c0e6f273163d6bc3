#pragma once
// Translated messages (gettext, domain "xingji"): every sentence a user reads is written
// once in English in the source and marked, so xgettext finds it and po/zh_CN.po gives it in
// Chinese. One format string per whole sentence: a translator must see the whole sentence,
// and may reorder its arguments with {0}, {1}, ...
//   _("text")              the translation of a message without arguments
//   _f("text {}", args...) the translation formatted with fmt
//   N_("text")             marks a message that is translated later, where it is used (tr)
// po/CMakeLists.txt gives xgettext these keywords; a new marker must be added there too.

#include <fmt/format.h>

#include <string>
#include <utility>

namespace xingji {

/// The text domain of xingji's messages.
inline constexpr const char* kTextDomain = "xingji";

/// The translation of `msgid` into the language in use (English: `msgid` itself).
[[nodiscard]] const char* tr(const char* msgid);
[[nodiscard]] inline const char* tr(const std::string& msgid) { return tr(msgid.c_str()); }

/// Marks a literal for xgettext without translating it here.
constexpr const char* N_(const char* msgid) { return msgid; }

/// The translation of `msgid`.
[[nodiscard]] inline const char* _(const char* msgid) { return tr(msgid); }

namespace detail {
/// `text` formatted with `args`; a translation whose placeholders do not fit the arguments
/// (a translator's slip) falls back to the English message rather than failing the run.
std::string format_message(const char* msgid, fmt::format_args args);
}  // namespace detail

/// The translation of `msgid` formatted with `args` by fmt.
template <typename... T>
[[nodiscard]] std::string _f(const char* msgid, const T&... args) {
  return detail::format_message(msgid, fmt::make_format_args(args...));
}

}  // namespace xingji
