#include "read/csv.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "base/text.hpp"

namespace xingji {

namespace {
// A block is one huge page (see BigAllocator): reading a large file touches one page, not 512.
constexpr std::size_t kBlock = BigAllocator<char>::kHuge;
}  // namespace

bool known_encoding(const std::string& e) { return e.empty() || e == "utf-8" || e == "gbk" || e == "gb18030"; }

bool converts(const std::string& encoding) { return encoding == "gbk" || encoding == "gb18030"; }

namespace {

// Whether the file is UTF-8 throughout: read a block at a time, a sequence cut by the end of
// a block carried to the next. NUL bytes pass: the reader reports them as what they are.
// Unreadable files pass too, for the reader to report.
bool utf8_file(const std::string& path) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return true;
  constexpr std::size_t chunk = std::size_t{1} << 20;
  std::string buf(chunk + 4, '\0');
  std::size_t kept = 0;
  bool valid = true;
  for (;;) {
    const std::size_t got = std::fread(buf.data() + kept, 1, chunk, in);
    const bool last = got < chunk;
    const std::string_view s(buf.data(), kept + got);
    kept = 0;
    for (std::size_t from = 0;;) {
      std::size_t bad = invalid_text_at(s.substr(from));
      if (bad == std::string_view::npos) break;
      bad += from;
      if (s[bad] == '\0') {
        from = bad + 1;
        continue;
      }
      if (!last && s.size() - bad < 4) {  // perhaps a character cut by the block's end
        kept = s.size() - bad;
        std::memmove(buf.data(), s.data() + bad, kept);
        break;
      }
      valid = false;
      break;
    }
    if (!valid || last) break;
  }
  std::fclose(in);
  return valid;
}

}  // namespace

std::string csv_encoding(const std::string& path, const std::string& forced) {
  if (!forced.empty()) return forced;
  return utf8_file(path) ? "utf-8" : "gb18030";
}

CsvReader::CsvReader(std::string path, const std::string& encoding) : file_(std::move(path)) {
  if (detail::is_folder(file_)) throw Error(Location{file_, 0, 0}, _("is a folder; give a file"));
  in_ = std::fopen(file_.c_str(), "rb");
  if (in_ == nullptr)
    throw Error(Location{file_, 0, 0}, _("cannot open file; check that the path is right and readable"));
  buf_.resize(detail::read_block_for(in_, kBlock));
  if (encoding == "gbk" || encoding == "gb18030") {
    // GB18030 contains GBK, so one converter reads both.
    const iconv_t cd = ::iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1))
      throw Error(Location{file_, 0, 0}, _("this system cannot convert GB18030"));
    iconv_ = cd;
  }
}

CsvReader::CsvReader(std::string path, std::size_t begin, std::size_t end, int first_line, const std::string& encoding)
    : CsvReader(std::move(path), encoding) {
  if (std::fseek(in_, static_cast<long>(begin), SEEK_SET) != 0)
    throw Error(Location{file_, 0, 0}, _("cannot read the file"));
  remaining_ = end - begin;
  base_ = begin;
  line_ = first_line;
  started_ = begin > 0;  // only the file's start may hold a byte-order mark
}

CsvReader::CsvReader(InMemory, std::string file, std::string text)
    : file_(std::move(file)), eof_(true), buf_(text.begin(), text.end()), size_(buf_.size()) {}

CsvReader::CsvReader(InSheet, std::string place, std::string text)
    : CsvReader(in_memory, std::move(place), std::move(text)) {
  cells_ = true;
}

CsvReader::~CsvReader() {
  if (in_ != nullptr) std::fclose(in_);
  if (iconv_ != nullptr) ::iconv_close(static_cast<iconv_t>(iconv_));
}

// Reads up to `room` bytes of UTF-8 into `into`: straight from the file, or converted.
std::size_t CsvReader::read_more(char* into, std::size_t room) {
  if (iconv_ == nullptr) {
    const std::size_t want = std::min(room, remaining_);
    const std::size_t got = want == 0 ? 0 : std::fread(into, 1, want, in_);
    remaining_ -= got;
    return got;
  }
  // Converted text is at most twice as long as GB18030 (two bytes become three, four
  // become four): read half the room, keeping a character cut at the block's edge.
  // A block may convert to nothing (only the start of a character): read on until it does.
  for (;;) {
    const std::size_t want = std::min(room / 2, remaining_);
    const std::size_t had = raw_.size();
    raw_.resize(had + want);
    const std::size_t got = want == 0 ? 0 : std::fread(raw_.data() + had, 1, want, in_);
    remaining_ -= got;
    raw_.resize(had + got);
    char* in = raw_.data();
    std::size_t in_left = raw_.size();
    char* out = into;
    std::size_t out_left = room;
    const std::size_t rc = ::iconv(static_cast<iconv_t>(iconv_), &in, &in_left, &out, &out_left);
    if (rc == static_cast<std::size_t>(-1) && errno == EILSEQ) {
      throw Error(Location{file_, line_, 0},
                  _("the file is not valid GBK/GB18030 either (near this line); check its encoding"));
    }
    raw_.erase(0, raw_.size() - in_left);
    if (out != into) return static_cast<std::size_t>(out - into);
    if (got == 0) {
      if (!raw_.empty()) throw Error(Location{file_, line_, 0}, _("the file ends inside a GBK character"));
      return 0;
    }
  }
}

CsvReader::FieldPos CsvReader::field_pos(std::size_t i) const {
  if (record_quoted_) return positions_[i];
  // A record without quotes is one line, and its fields are views of the buffer.
  return FieldPos{static_cast<std::size_t>(fields_[i].data() - buf_.data()), record_line_start_, record_line_};
}

bool CsvReader::has_field(std::size_t i) const { return i < (record_quoted_ ? positions_.size() : fields_.size()); }

Location CsvReader::location(std::size_t i) const {
  if (!has_field(i)) return record_location();
  const auto p = field_pos(i);
  if (cells_) return Location{file_, p.line, static_cast<int>(i) + 1};
  const std::string_view line(buf_.data() + p.line_start, size_ - p.line_start);
  return Location{file_, p.line, char_column_in_line(line, p.offset - p.line_start)};
}

Position CsvReader::position(std::size_t i) const {
  if (!has_field(i)) return Position{record_line_, 1, -1};
  const auto p = field_pos(i);
  if (cells_) return Position{p.line, static_cast<int>(i) + 1, -1};
  return Position{p.line, 0, static_cast<long>(base_ + p.offset)};
}

// Moves the unread part to the front and reads more after it; false when nothing more came.
bool CsvReader::refill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, size_ - pos_);
    size_ -= pos_;
    base_ += pos_;
    line_start_ = line_start_ >= pos_ ? line_start_ - pos_ : 0;
    pos_ = 0;
  }
  // Grow when under half the buffer (or half a block) is free: a long record, or a file
  // larger than its size said.
  if (buf_.size() - size_ < std::min(kBlock, buf_.size()) / 2) {
    buf_.resize(std::max(buf_.size() * 2, size_ + std::min(kBlock, buf_.size())));
  }
  const std::size_t got = read_more(buf_.data() + size_, buf_.size() - size_);
  if (got == 0) {
    if (std::ferror(in_) != 0) throw Error(Location{file_, line_, 0}, _("cannot read the file"));
    eof_ = true;
    return false;
  }
  size_ += got;
  return true;
}

// End of a record that contains quotes: the first line break outside quoted fields, or npos.
// As parse_record reads them, a quote opens a quoted field only as the field's first
// character; one inside an unquoted field (5" pipe) is a character of it, and a line break
// after it ends the record.
std::size_t CsvReader::quoted_record_end(std::size_t from) const {
  bool quoted = false, field_start = true;
  for (std::size_t i = from; i < size_; ++i) {
    const char c = buf_[i];
    if (quoted) {
      if (c == '"') quoted = false;  // a doubled quote closes and opens again
      continue;
    }
    if (c == '"' && field_start) {
      quoted = true;
      continue;
    }
    if (c == '\n' || c == '\r') return i;
    field_start = c == ',';
  }
  return std::string::npos;
}

std::size_t CsvReader::complete_record() {
  for (;;) {
    const char* start = buf_.data() + pos_;
    const std::size_t avail = size_ - pos_;
    const void* nl = std::memchr(start, '\n', avail);
    std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data()) : std::string::npos;
    // Only a line holding a quote can continue past its line break.
    const std::size_t scan = end == std::string::npos ? avail : end - pos_;
    record_quoted_ = std::memchr(start, '"', scan) != nullptr;
    if (record_quoted_) {
      end = quoted_record_end(pos_);
    } else if (const void* cr = std::memchr(start, '\r', scan)) {
      // \r\n, or a lone \r as old spreadsheets on the Mac wrote it.
      const auto at = static_cast<std::size_t>(static_cast<const char*>(cr) - buf_.data());
      if (at + 1 < size_ || eof_)
        end = at;
      else
        end = std::string::npos;  // a \r at the block's edge: see what follows first
    }
    if (end != std::string::npos) return end;
    if (!refill()) return size_;
  }
}

bool CsvReader::next() {
  if (!next_unsplit()) return false;
  split();
  return true;
}

void CsvReader::split() {
  if (!unsplit_) return;
  unsplit_ = false;
  // Fields are the text between commas (the hot path of a national roster: a byte loop
  // beats a library call on short fields).
  const char* const e = buf_.data() + record_end_;
  for (const char* p = buf_.data() + record_begin_;; ++p) {
    const char* f = p;
    while (p < e && *p != ',') ++p;
    fields_.emplace_back(f, static_cast<std::size_t>(p - f));
    if (p == e) break;
  }
}

bool CsvReader::next_unsplit() {
  unsplit_ = false;
  fields_.clear();
  positions_.clear();
  if (!started_) {
    started_ = true;
    if (size_ < 3 && !eof_) refill();
    if (size_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = line_start_ = 3;
  }
  for (;;) {
    if (pos_ >= size_ && !refill()) return false;
    // Skip blank lines: a record needs at least one character.
    while (pos_ < size_ && (buf_[pos_] == '\n' || buf_[pos_] == '\r')) {
      if (buf_[pos_] == '\r' && pos_ + 1 < size_ && buf_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      line_start_ = pos_;
    }
    if (pos_ < size_) break;
  }
  const std::size_t end = complete_record();
  const std::string_view text(buf_.data() + pos_, end - pos_);
  if (auto bad = invalid_text_at(text); bad != std::string_view::npos) {
    const auto extra = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    const std::string_view tail(buf_.data() + line_start_, size_ - line_start_);
    Location at{file_, line_ + static_cast<int>(extra),
                extra == 0 ? char_column_in_line(tail, pos_ + bad - line_start_) : 1};
    if (text[bad] == '\0') throw Error(std::move(at), not_text_message(text, bad, {}));
    throw NotUtf8(std::move(at), _("the file is not valid UTF-8, which --encoding utf-8 or the manifest's `encoding: "
                                   "utf-8` requires (Excel in China often saves GBK); leave the encoding out to read "
                                   "each file in its own, or save it as \"CSV UTF-8\""));
  }
  parse_record(end);
  return true;
}

void CsvReader::parse_record(std::size_t end) {
  record_line_ = line_;
  record_line_start_ = line_start_;
  char* const base = buf_.data();
  // Most records have no quote: they are split into fields when asked (split()).
  if (!record_quoted_) {
    unsplit_ = true;
    record_begin_ = pos_;
    record_end_ = end;
  }
  while (record_quoted_) {
    positions_.push_back(FieldPos{pos_, line_start_, line_});
    if (pos_ < end && base[pos_] == '"') {
      const Location open = location(positions_.size() - 1);
      std::size_t out = pos_;
      const std::size_t start = pos_;
      ++pos_;
      bool closed = false;
      while (pos_ < end) {
        const char c = base[pos_++];
        if (c == '"') {
          if (pos_ < end && base[pos_] == '"') {
            base[out++] = '"';
            ++pos_;
            continue;
          }
          closed = true;
          break;
        }
        if (c == '\n') {
          ++line_;
          line_start_ = pos_;
        }
        base[out++] = c;
      }
      if (!closed) throw Error(open, _("a quoted field is never closed; add the closing '\"'"));
      fields_.emplace_back(base + start, out - start);
      if (pos_ < end && base[pos_] != ',' && base[pos_] != '\r') {
        const std::string_view line(base + line_start_, size_ - line_start_);
        throw Error(Location{file_, line_, char_column_in_line(line, pos_ - line_start_)},
                    _("text after a closing quote; quote the whole field, writing a quote inside it as \"\""));
      }
    } else {
      const std::size_t start = pos_;
      const void* comma = std::memchr(base + pos_, ',', end - pos_);
      pos_ = comma ? static_cast<std::size_t>(static_cast<const char*>(comma) - base) : end;
      fields_.emplace_back(base + start, pos_ - start);
    }
    if (pos_ < end && base[pos_] == ',') {
      ++pos_;
      continue;
    }
    break;
  }
  // Past the line break: \n, \r\n or a lone \r.
  pos_ = end;
  if (pos_ < size_ && base[pos_] == '\r') ++pos_;
  if (pos_ < size_ && base[pos_] == '\n') ++pos_;
  if (end < size_) {
    ++line_;
    line_start_ = pos_;
  }
}

std::optional<CsvSplit> split_csv(const std::string& path, std::size_t min_size) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  const std::size_t size = detail::regular_file_size(f).value_or(0);
  std::optional<CsvSplit> split;
  if (size >= min_size && std::fseek(f, static_cast<long>(size / 2), SEEK_SET) == 0) {
    // The first line break from the middle on; a line is rarely longer than a few hundred bytes.
    char block[4096];
    std::size_t at = size / 2;
    while (std::size_t n = std::fread(block, 1, sizeof block, f)) {
      if (const void* nl = std::memchr(block, '\n', n)) {
        const std::size_t offset = at + static_cast<std::size_t>(static_cast<const char*>(nl) - block) + 1;
        if (offset < size) split = CsvSplit{offset, size};
        break;
      }
      at += n;
    }
  }
  std::fclose(f);
  return split;
}

}  // namespace xingji
