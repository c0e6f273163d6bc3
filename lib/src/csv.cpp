#include "xingji/csv.hpp"

#include <algorithm>
#include <cstring>

#include "xingji/text.hpp"

namespace xingji {

CsvReader::CsvReader(std::string file, std::string& data)
    : file_(std::move(file)), begin_(data.data()), pos_(data.data()), end_(data.data() + data.size()) {
  if (data.size() >= 3 && std::memcmp(begin_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
  const std::string_view text(pos_, static_cast<std::size_t>(end_ - pos_));
  if (auto bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    throw Error(Location{file_, static_cast<int>(line), char_column(text, bad)},
                "the file is not valid UTF-8 (Excel in China often saves GBK); save it as \"CSV UTF-8\"");
  }
  line_start_ = static_cast<std::size_t>(pos_ - begin_);
}

Location CsvReader::location(std::size_t i) const {
  if (i >= positions_.size()) return record_location();
  const auto& p = positions_[i];
  const std::string_view line(begin_ + p.line_start, static_cast<std::size_t>(end_ - begin_) - p.line_start);
  return Location{file_, p.line, char_column_in_line(line, p.offset - p.line_start)};
}

bool CsvReader::next() {
  fields_.clear();
  positions_.clear();
  // Skip blank lines: a record needs at least one character.
  while (pos_ < end_ && (*pos_ == '\n' || *pos_ == '\r')) {
    if (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = static_cast<std::size_t>(pos_ - begin_);
  }
  if (pos_ >= end_) return false;
  record_line_ = line_;
  for (;;) {
    const auto offset = static_cast<std::size_t>(pos_ - begin_);
    positions_.push_back(FieldPos{offset, line_start_, line_});
    if (pos_ < end_ && *pos_ == '"') {
      const Location open = location(positions_.size() - 1);
      char* out = pos_;
      char* start = pos_;
      ++pos_;
      bool closed = false;
      while (pos_ < end_) {
        char c = *pos_++;
        if (c == '"') {
          if (pos_ < end_ && *pos_ == '"') {
            *out++ = '"';
            ++pos_;
            continue;
          }
          closed = true;
          break;
        }
        if (c == '\n') {
          ++line_;
          line_start_ = static_cast<std::size_t>(pos_ - begin_);
        }
        *out++ = c;
      }
      if (!closed) throw Error(open, "a quoted field is never closed; add the closing '\"'");
      fields_.emplace_back(start, static_cast<std::size_t>(out - start));
      if (pos_ < end_ && *pos_ != ',' && *pos_ != '\n' && *pos_ != '\r') {
        const std::string_view line(begin_ + line_start_, static_cast<std::size_t>(end_ - begin_) - line_start_);
        throw Error(
            Location{file_, line_, char_column_in_line(line, static_cast<std::size_t>(pos_ - begin_) - line_start_)},
            "text after a closing quote; quote the whole field, writing a quote inside it as \"\"");
      }
    } else {
      char* start = pos_;
      while (pos_ < end_ && *pos_ != ',' && *pos_ != '\n' && *pos_ != '\r') ++pos_;
      fields_.emplace_back(start, static_cast<std::size_t>(pos_ - start));
    }
    if (pos_ >= end_) return true;
    if (*pos_ == ',') {
      ++pos_;
      continue;
    }
    // End of record: \n, \r\n or a lone \r.
    if (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = static_cast<std::size_t>(pos_ - begin_);
    return true;
  }
}

}  // namespace xingji
