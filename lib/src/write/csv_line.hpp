#pragma once
// Internal: lines of the score CSV made without a string object per field.

#include <charconv>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "write/table.hpp"
#include "xingji/data.hpp"
#include "xingji/model.hpp"
#include "xingji/rounding.hpp"

namespace xingji::detail {

/// One CSV line made in a scratch buffer and appended to `out` when it goes: room for `most`
/// bytes is made once, so a field costs a copy rather than a checked append (the score CSV
/// has half a million lines), and the room is not filled first, as resizing `out` would.
class CsvLine {
 public:
  CsvLine(std::string& out, std::size_t most) : out_(out) {
    out.reserve(out.size() + most);  // so that the append when the line goes cannot throw
    if (most > kScratch) big_.reset(new char[most]);
    begin_ = p_ = big_ ? big_.get() : scratch_;
  }
  ~CsvLine() { out_.append(begin_, static_cast<std::size_t>(p_ - begin_)); }
  CsvLine(const CsvLine&) = delete;
  CsvLine& operator=(const CsvLine&) = delete;

  /// The room `most` for a line of a few literals and commas, two whole numbers, three
  /// scores and fields of `texts`.
  static constexpr std::size_t kNumber = 24;
  static std::size_t room(std::initializer_list<std::string_view> texts) {
    std::size_t most = 64 + 2 * kNumber + 3 * Rounded::kMaxText;
    for (auto t : texts) most += csv_field_room(t);
    return most;
  }

  CsvLine& raw(std::string_view s) {
    p_ = std::copy(s.begin(), s.end(), p_);
    return *this;
  }
  CsvLine& ch(char c) {
    *p_++ = c;
    return *this;
  }
  CsvLine& field(std::string_view text) {
    p_ = write_csv_field(p_, text);
    return *this;
  }
  CsvLine& number(long n) {
    p_ = std::to_chars(p_, p_ + kNumber, n).ptr;
    return *this;
  }
  CsvLine& score(const Rounded& r) {
    p_ = r.write(p_);
    return *this;
  }

 private:
  static constexpr std::size_t kScratch = 1024;  // a line of long texts takes the heap
  std::string& out_;
  std::unique_ptr<char[]> big_;
  char* begin_;
  char* p_;
  char scratch_[kScratch];
};

/// A scheme's leaves as (item, id), in scheme order: a row's missing leaves are listed
/// without walking the scheme's nodes (a national score table lists them for one unit in five).
class MissingLeaves {
 public:
  explicit MissingLeaves(const Scheme& s);
  /// Appends the ids of the leaves without a value in `unit`'s row of `table`, separated by
  /// `sep`. Reads the cells as they are kept: only whether each is missing.
  void append(std::string& out, const Table& table, std::size_t unit, char sep) const;

 private:
  std::vector<std::pair<std::size_t, std::string_view>> leaves_;
};

}  // namespace xingji::detail
