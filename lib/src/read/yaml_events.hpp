#pragma once
// Internal: reading YAML files as a stream of events (yaml-cpp's Parser + EventHandler), for
// the files that grow with the country: data and rosters. No node tree is built, and a file
// is never held whole; positions become character columns only when a message needs one.

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>

#include <array>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xingji/error.hpp"

namespace xingji::detail {

/// What is wrong with a scalar's text (a NUL, or not UTF-8), or nullopt when it is text.
std::optional<std::string> scalar_problem(std::optional<std::string_view> text);

/// The message for a YAML syntax error, with a hint at what to check.
std::string yaml_error(const YAML::Exception& e);

/// A file to read: from disk, or a text already in memory (tests, in-memory pipelines).
struct Source {
  std::string file;
  const std::string* text = nullptr;
  /// Byte ranges [from, to) of the file read one after the other as if they were the file
  /// (half of a split data file); empty for the whole file. Positions in messages then
  /// count from the start of the joined text.
  std::vector<std::pair<std::size_t, std::size_t>> pieces = {};

  /// The 1-based location of a yaml-cpp mark, with the column counted in characters.
  [[nodiscard]] Location at(const YAML::Mark& mark) const;
};

/// Streams `src` through `handler`. Syntax errors, an empty file and an unreadable file are
/// added to `diag` (with `what` describing what the file should hold).
void parse_events(const Source& src, YAML::EventHandler& handler, Diagnostics& diag, std::string_view what);

/// One `key: value` of a flat record; `items` holds a list value (e.g. alliance members).
struct Field {
  std::string key;
  std::string value;
  bool is_list = false;
  std::vector<std::pair<std::string, YAML::Mark>> items;
  YAML::Mark key_mark;
  YAML::Mark value_mark;
};

/// A mapping of scalars (or lists of scalars) in a top-level list.
struct Record {
  YAML::Mark mark;
  std::vector<Field> fields;
  [[nodiscard]] const Field* find(std::string_view key) const;
};

/// Calls `line(text, pos, number)` for each line of the text `src` stands for (its pieces
/// joined; without the line break; `pos` where it starts in that text, `number` from 0), reading
/// a file in blocks. False when `line` returns false, a line is longer than a mebibyte, or
/// the file cannot be read.
bool each_line(const Source& src, const std::function<bool(std::string_view, std::size_t, int)>& line);

/// Calls `line(text, offset, size)` for each line of the file at `path` (without its line
/// break; `offset` where it starts in the file, `size` the file's) when the file has at least
/// `min_size` bytes; a byte-order mark is not part of the first line. Returns the file's
/// size when every line was read and accepted; nullopt when the file cannot be read or is
/// smaller, as soon as one of `unsafe_bytes` or a NUL appears, `line` returns false, or a
/// line is longer than a mebibyte.
std::optional<std::size_t> each_plain_line(const std::string& path, std::size_t min_size, std::string_view unsafe_bytes,
                                           const std::function<bool(std::string_view, std::size_t, std::size_t)>& line);

/// What read_flow_records did.
enum class FlowRead {
  not_plain,  ///< nothing: the text is not all one-line flow records; read it with yaml-cpp
  done,       ///< every record was passed on
  changed,    ///< the file changed between its check and its reading (some records were passed on)
};

/// Reads `src` when every line is a record on one line in the plain flow style a program
/// writes (`- {id: v1, name: 塘下村, alliance: a1}`), a comment or blank, calling `each` per
/// record with the fields and marks yaml-cpp gives. Anything else (quotes, nulls, lists,
/// tabs, a byte-order mark, a record over two lines, a value with ':' or '#') is not_plain,
/// and nothing is passed on. Used by read_records; public for tests.
FlowRead read_flow_records(const Source& src, const std::function<void(const Record&)>& each);

/// Reads a file holding a list of flat mappings (a roster), calling `each` per record: the
/// bare list, or a mapping whose one key `key` (`villages`) holds it. Anything else
/// (nesting, aliases, invalid UTF-8, another key) is reported to `diag`. One-line flow
/// records are read by read_flow_records, the rest by read_yaml_records (yaml-cpp).
void read_records(const Source& src, const std::function<void(const Record&)>& each, Diagnostics& diag,
                  std::string_view what, std::string_view key);
/// The same, always through yaml-cpp's events.
void read_yaml_records(const Source& src, const std::function<void(const Record&)>& each, Diagnostics& diag,
                       std::string_view what, std::string_view key);

}  // namespace xingji::detail
