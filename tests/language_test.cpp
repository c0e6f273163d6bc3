// How the language of messages is chosen (spec 3), the command line's --lang, CLI11's errors
// in Chinese, and that every Chinese translation fits its message's arguments.
#include <doctest/doctest.h>
#include <fmt/args.h>
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "cli_text.hpp"
#include "xingji/language.hpp"

using xingji::Language;
using xingji::language_for;
using xingji::LocaleEnv;

namespace {
LocaleEnv env(std::string language, std::string lc_all, std::string lc_messages, std::string lang) {
  return LocaleEnv{std::move(language), std::move(lc_all), std::move(lc_messages), std::move(lang)};
}

std::optional<Language> lang_of(std::vector<const char*> args) {
  args.insert(args.begin(), "xingji");
  return xingji::cli::lang_in_args(static_cast<int>(args.size()), args.data());
}
}  // namespace

TEST_CASE("a Chinese locale gives Chinese, whether or not it is installed") {
  CHECK(language_for(env("", "", "", "zh_CN.UTF-8")) == Language::chinese);
  CHECK(language_for(env("", "", "", "zh_CN.GB18030")) == Language::chinese);
  CHECK(language_for(env("", "", "zh_CN.UTF-8", "en_US.UTF-8")) == Language::chinese);
  CHECK(language_for(env("", "zh_CN.UTF-8", "en_US.UTF-8", "en_US.UTF-8")) == Language::chinese);
}

TEST_CASE("any other locale, or none, gives English") {
  CHECK(language_for(env("", "", "", "")) == Language::english);
  CHECK(language_for(env("", "", "", "C")) == Language::english);
  CHECK(language_for(env("", "", "", "C.UTF-8")) == Language::english);
  CHECK(language_for(env("", "", "", "en_US.UTF-8")) == Language::english);
  CHECK(language_for(env("", "", "", "fr_FR.UTF-8")) == Language::english);
}

TEST_CASE("LC_ALL overrides LC_MESSAGES, which overrides LANG") {
  CHECK(language_for(env("", "C", "zh_CN.UTF-8", "zh_CN.UTF-8")) == Language::english);
  CHECK(language_for(env("", "", "en_US.UTF-8", "zh_CN.UTF-8")) == Language::english);
  CHECK(language_for(env("", "", "zh_CN.UTF-8", "C")) == Language::chinese);
}

TEST_CASE("LANGUAGE comes first, but not in the C locale, as in gettext") {
  CHECK(language_for(env("zh_CN:en", "", "", "en_US.UTF-8")) == Language::chinese);
  CHECK(language_for(env("zh_CN:en", "", "", "C.UTF-8")) == Language::chinese);
  CHECK(language_for(env("en:zh_CN", "", "", "zh_CN.UTF-8")) == Language::english);
  CHECK(language_for(env("zh_CN", "", "", "")) == Language::english);
  CHECK(language_for(env("zh_CN", "C", "", "zh_CN.UTF-8")) == Language::english);
  CHECK(language_for(env("zh_CN", "POSIX", "", "")) == Language::english);
  // Languages without a catalog are skipped, as gettext skips them.
  CHECK(language_for(env("fr:de:zh", "", "", "en_US.UTF-8")) == Language::chinese);
  CHECK(language_for(env("fr", "", "", "zh_CN.UTF-8")) == Language::chinese);
  CHECK(language_for(env(":", "", "", "zh_CN.UTF-8")) == Language::chinese);
}

TEST_CASE("--lang is found before or after the subcommand, in either spelling") {
  CHECK(lang_of({"--lang", "zh", "score"}) == Language::chinese);
  CHECK(lang_of({"score", ".", "--lang", "zh"}) == Language::chinese);
  CHECK(lang_of({"score", "--lang=en"}) == Language::english);
  CHECK(lang_of({"--lang=zh", "score", "--lang", "en"}) == Language::english);
  CHECK_FALSE(lang_of({"score"}).has_value());
  CHECK_FALSE(lang_of({"score", "--lang"}).has_value());
  CHECK_FALSE(lang_of({"score", "--lang", "fr"}).has_value());
  CHECK_FALSE(lang_of({"score", "--", "--lang", "zh"}).has_value());
}

TEST_CASE("--lang zh gives CLI11's usage errors in Chinese, and --lang en in English") {
  const auto run = [](std::vector<const char*> args) {
    args.insert(args.begin(), "xingji");
    std::ostringstream out, err;
    const int rc = xingji::cli::run(static_cast<int>(args.size()), args.data(), out, err);
    CHECK(rc == 2);
    return err.str();
  };
  CHECK(run({"score", "--colour", "--lang", "zh"}) == "多余的参数：--colour\n加 --help 运行可查看帮助。\n");
  CHECK(run({"--lang", "zh", "rank", "--top", "1", "--bottom", "1"}) ==
        "--top 与 --bottom 不能同时使用\n加 --help 运行可查看帮助。\n");
  CHECK(run({"--lang", "zh", "score", "--format", "xml"}) ==
        "--format: xml 不是可选值 {table,csv,md,json,xlsx} 之一\n加 --help 运行可查看帮助。\n");
  CHECK(run({"--lang", "en", "score", "--colour"}) ==
        "The following argument was not expected: --colour\nRun with --help for more information.\n");
  // After a run in Chinese, the locale (English here) decides again.
  CHECK(run({"score", "--lang", "fr"}) == "--lang: fr not in {zh,en}\nRun with --help for more information.\n");
  // A message CLI11 words in a way not known here stays as CLI11 wrote it.
  CHECK(xingji::cli::translate_cli_error("something new") == "something new");
  xingji::use_language(Language::english);
}

namespace {
// The entries of a PO file: msgid -> msgstr, both unescaped; obsolete and header entries left out.
std::map<std::string, std::string> read_po(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::map<std::string, std::string> out;
  std::string line, id, str, *into = nullptr;
  const auto flush = [&] {
    if (!id.empty()) out[id] = str;
    id.clear();
    str.clear();
    into = nullptr;
  };
  const auto unquote = [](std::string_view q) {
    std::string s;
    for (std::size_t i = q.find('"') + 1; i + 1 < q.size(); ++i) {
      if (q[i] == '\\' && i + 2 < q.size()) {
        const char c = q[++i];
        s += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        s += q[i];
      }
    }
    return s;
  };
  while (std::getline(in, line)) {
    if (line.rfind("msgid ", 0) == 0) {
      flush();
      id = unquote(line);
      into = &id;
    } else if (line.rfind("msgstr ", 0) == 0) {
      str = unquote(line);
      into = &str;
    } else if (!line.empty() && line[0] == '"' && into != nullptr) {
      *into += unquote(line);
    } else if (line.empty() || line[0] == '#') {
      if (into == &str) flush();
    }
  }
  flush();
  return out;
}

// `format` filled with distinct markers, or the error fmt gives.
std::string fill(const std::string& format, int args) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (int i = 0; i < args; ++i) store.push_back(fmt::format("<{}>", i));
  try {
    return fmt::vformat(format, store);
  } catch (const fmt::format_error& e) {
    return std::string("format error: ") + e.what();
  }
}

int placeholders(const std::string& format) {
  int n = 0;
  for (std::size_t at = format.find("{}"); at != std::string::npos; at = format.find("{}", at + 2)) ++n;
  return n;
}
}  // namespace

TEST_CASE("every Chinese translation uses each argument of its message, and only those") {
  const auto po = read_po("po/zh_CN.po");
  REQUIRE(po.size() > 20);  // the file was read
  for (const auto& entry : po) {
    // Named, not a structured binding: clang 14 cannot capture one in INFO (the fuzz preset).
    const std::string& id = entry.first;
    const std::string& str = entry.second;
    // Only fmt formats: the starter's files are YAML, whose braces are text.
    const int n = placeholders(id);
    if (str.empty() || n == 0) continue;
    const std::string english = fill(id, n), chinese = fill(str, n);
    INFO("msgid: " << id << "\nmsgstr: " << str);
    REQUIRE(english.find("format error") == std::string::npos);
    REQUIRE(chinese.find("format error") == std::string::npos);
    for (int i = 0; i < n; ++i) {
      const std::string marker = fmt::format("<{}>", i);
      CHECK(chinese.find(marker) != std::string::npos);
    }
  }
}
