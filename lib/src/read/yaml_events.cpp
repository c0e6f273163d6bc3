#include "read/yaml_events.hpp"

#include "read/yaml_doc.hpp"

#include <fmt/format.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "base/text.hpp"

namespace xingji::detail {

namespace {

// The character column of byte `pos`, for messages only: files are streamed and not kept,
// so the line is read again from disk (a few kilobytes before `pos` at most).
int column_at(const Source& src, std::size_t pos) {
  if (src.text) return char_column(*src.text, std::min(pos, src.text->size()));
  std::FILE* f = std::fopen(src.file.c_str(), "rb");
  if (f == nullptr) return 1;
  const std::size_t from = pos > 4096 ? pos - 4096 : 0;
  std::string piece(pos - from, '\0');
  std::fseek(f, static_cast<long>(from), SEEK_SET);
  piece.resize(std::fread(piece.data(), 1, piece.size(), f));
  std::fclose(f);
  return char_column(piece, piece.size());
}

// The offset of the first NUL byte of a file, read in blocks: yaml-cpp misreads a NUL (a
// baffling message at another place), so a file is checked before it is parsed. (Stopping
// the parse at the NUL instead would throw through yaml-cpp, which then leaks its buffer.)
std::optional<std::size_t> first_nul(std::FILE* f, std::size_t block_size) {
  std::vector<char> block(block_size);
  std::size_t before = 0;
  while (const std::size_t n = std::fread(block.data(), 1, block.size(), f)) {
    if (const void* z = std::memchr(block.data(), 0, n)) {
      return before + static_cast<std::size_t>(static_cast<const char*>(z) - block.data());
    }
    before += n;
  }
  return std::nullopt;
}

// Feeds yaml-cpp a file in blocks (it reads a character at a time, so the blocks keep
// that off the system calls). Given byte ranges of the file, it reads those one after the
// other instead.
class FileBuf : public std::streambuf {
 public:
  FileBuf(std::FILE* f, std::size_t block_size, std::vector<std::pair<std::size_t, std::size_t>> pieces)
      : f_(f), block_(block_size), pieces_(std::move(pieces)) {
    if (!pieces_.empty()) seek_piece();
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    std::size_t want = block_.size();
    if (!pieces_.empty()) {
      while (piece_ < pieces_.size() && left_ == 0) {
        if (++piece_ < pieces_.size()) seek_piece();
      }
      if (piece_ >= pieces_.size()) return traits_type::eof();
      want = std::min(want, left_);
    }
    const std::size_t n = std::fread(block_.data(), 1, want, f_);
    if (!pieces_.empty()) left_ -= n;
    if (n == 0) {
      if (std::ferror(f_) != 0 || !pieces_.empty()) throw std::ios_base::failure("read error");
      return traits_type::eof();
    }
    setg(block_.data(), block_.data(), block_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  void seek_piece() {
    const auto [from, to] = pieces_[piece_];
    if (std::fseek(f_, static_cast<long>(from), SEEK_SET) != 0) throw std::ios_base::failure("seek error");
    left_ = to > from ? to - from : 0;
  }

  std::FILE* f_;
  std::vector<char> block_;
  std::vector<std::pair<std::size_t, std::size_t>> pieces_;
  std::size_t piece_ = 0;  // the piece being read
  std::size_t left_ = 0;   // its bytes not read yet
};

// A read-only stream over text already in memory, so yaml-cpp reads it without a copy.
class MemoryBuf : public std::streambuf {
 public:
  explicit MemoryBuf(const std::string& text) {
    char* p = const_cast<char*>(text.data());  // streambuf's API is not const; it is only read
    setg(p, p, p + text.size());
  }
};

// The location of byte `pos`, counting lines from the start (an error path: the file is
// read again up to `pos`).
Location byte_location(const Source& src, std::size_t pos) {
  int line = 1;
  if (src.text) {
    line += static_cast<int>(std::count(src.text->begin(), src.text->begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
  } else if (std::FILE* f = std::fopen(src.file.c_str(), "rb")) {
    std::vector<char> block(1 << 16);
    for (std::size_t left = pos; left > 0;) {
      const std::size_t n = std::fread(block.data(), 1, std::min(left, block.size()), f);
      if (n == 0) break;
      line += static_cast<int>(std::count(block.data(), block.data() + n, '\n'));
      left -= n;
    }
    std::fclose(f);
  }
  return Location{src.file, line, column_at(src, pos)};
}

}  // namespace

std::optional<std::string> scalar_problem(std::optional<std::string_view> text) {
  const auto bad = text ? invalid_text_at(*text) : std::string_view::npos;
  if (bad == std::string_view::npos) return std::nullopt;
  return not_text_message(*text, bad, _("this text is not valid UTF-8 (saved as GBK?); save the file as UTF-8"));
}

std::string yaml_error(const YAML::Exception& e) {
  // Debian's yaml-cpp refuses nesting deeper than 500 levels with this bare message.
  if (e.msg == YAML::ErrorMsg::BAD_FILE) {
    return _(
        "invalid YAML: lists or mappings nested too deeply (yaml-cpp stops at 500 levels); "
        "xingji files need only a few");
  }
  // yaml-cpp's descriptions of the syntax errors a file typed by hand has (its ErrorMsg texts),
  // shown translated; any other is shown as yaml-cpp gives it.
  // TRANSLATORS: yaml-cpp's description of a YAML syntax error, the {} of "invalid YAML: {}; ...".
  static constexpr const char* kSyntax[] = {
      N_("end of map not found"),
      N_("end of map flow not found"),
      N_("end of sequence not found"),
      N_("end of sequence flow not found"),
      N_("cannot assign multiple tags to the same node"),
      N_("cannot assign multiple anchors to the same node"),
      N_("cannot assign multiple aliases to the same node"),
      N_("unknown token"),
      N_("illegal document indicator in scalar"),
      N_("illegal EOF in scalar"),
      N_("illegal character in scalar"),
      N_("illegal tab when looking for indentation"),
      N_("illegal flow end"),
      N_("illegal block entry"),
      N_("illegal map key"),
      N_("illegal map value"),
      N_("alias not found after *"),
      N_("anchor not found after &"),
      N_("unexpected character in block scalar"),
      N_("the referenced anchor is not defined"),
      N_("invalid character in single-quoted string"),
  };
  const char* what = e.msg.c_str();
  for (const char* known : kSyntax) {
    if (e.msg == known) what = tr(known);
  }
  // TRANSLATORS: {} is yaml-cpp's description of the error (translated when it is one of those above).
  return _f("invalid YAML: {}; check brackets, quotes and indentation here and just above", what);
}

Location Source::at(const YAML::Mark& m) const {
  if (m.is_null() || m.line < 0) return Location{file, 0, 0};
  return Location{file, m.line + 1, column_at(*this, static_cast<std::size_t>(std::max(0, m.pos)))};
}

void parse_events(const Source& src, YAML::EventHandler& handler, Diagnostics& diag, std::string_view what) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  std::optional<FileBuf> buffer;
  std::optional<MemoryBuf> memory;
  std::istream in(nullptr);
  if (src.text) {
    if (const void* z = std::memchr(src.text->data(), 0, src.text->size())) {
      diag.add(byte_location(src, static_cast<std::size_t>(static_cast<const char*>(z) - src.text->data())),
               std::string(tr(kNulByteMessage)));
      return;
    }
    memory.emplace(*src.text);
    in.rdbuf(&*memory);
  } else {
    if (is_folder(src.file)) {
      diag.add(Location{src.file, 0, 0}, _("is a folder; give a file"));
      return;
    }
    file.reset(std::fopen(src.file.c_str(), "rb"));
    if (!file) {
      diag.add(Location{src.file, 0, 0}, _("cannot open file; check that the path is right and readable"));
      return;
    }
    const std::size_t block = read_block_for(file.get());
    // The halves of a split file have no NUL: split_yaml refuses a file with one.
    if (src.pieces.empty()) {
      if (const auto nul = first_nul(file.get(), block)) {
        diag.add(byte_location(src, *nul), std::string(tr(kNulByteMessage)));
        return;
      }
      std::rewind(file.get());
    }
    buffer.emplace(file.get(), block, src.pieces);
    in.rdbuf(&*buffer);
  }
  // The stream rethrows what the buffer throws (a read error) instead of quietly ending,
  // which yaml-cpp would take for the end of the file.
  in.exceptions(std::ios_base::badbit);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(handler)) {
      diag.add(Location{src.file, 0, 0}, _f("the file is empty; it must hold {}", what));
    }
  } catch (const YAML::Exception& e) {
    // A typing slip yaml-cpp reports as something else is named as what it is (spec 5).
    if (src.pieces.empty()) {
      try {
        const std::string text = src.text ? *src.text : read_file(src.file);
        if (const auto problem = hand_typed_problem(text)) {
          diag.add(byte_location(src, problem->first), problem->second);
          return;
        }
      } catch (const Error&) {
        // reported as yaml-cpp has it, below
      }
    }
    diag.add(src.at(e.mark), yaml_error(e));
  } catch (const std::ios_base::failure& e) {
    // yaml-cpp turns read errors of the stream into exceptions.
    diag.add(Location{src.file, 0, 0}, _f("cannot read the file: {}", e.what()));
  }
}

const Field* Record::find(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

namespace {

// Events of `- {key: value, key: [a, b]}` records; depth counts nesting below the top list.
class RecordReader : public YAML::EventHandler {
 public:
  RecordReader(const Source& src, const std::function<void(const Record&)>& each, Diagnostics& diag,
               std::string_view what, std::string_view key)
      : src_(src), each_(each), diag_(diag), what_(what), key_(key) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { scalar(mark, std::nullopt); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    if (skip_ > 0) return;
    diag_.add(src_.at(mark), _("aliases (*name) are not allowed here; write the value out"));
    if (state_ == State::value) state_ = State::key;
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    scalar(mark, std::string_view(value));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    if (skip_ > 0) {
      ++skip_;
    } else if (skip_value_) {  // the value of a key already reported
      skip_value_ = false;
      skip_ = 1;
    } else if (state_ == State::start || state_ == State::wrapped) {
      state_ = State::list;
    } else if (state_ == State::value) {
      record_.fields.back().is_list = true;
      state_ = State::items;
    } else {
      diag_.add(src_.at(mark), _("a list is not expected here"));
      skip_ = 1;
    }
  }
  void OnSequenceEnd() override {
    if (skip_ > 0) {
      --skip_;
      if (skip_ == 0 && state_ == State::value) state_ = State::key;
    } else if (state_ == State::items) {
      state_ = State::key;
    } else if (state_ == State::list) {
      state_ = wrapper_ ? State::after : State::done;
    }
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    if (skip_ > 0) {
      ++skip_;
    } else if (skip_value_) {
      skip_value_ = false;
      skip_ = 1;
    } else if (state_ == State::list) {
      record_ = Record{};
      record_.mark = mark;
      state_ = State::key;
    } else if (state_ == State::start) {
      // The other shape: a mapping whose one key (`villages:`) holds the list.
      wrapper_ = true;
      start_mark_ = mark;
      state_ = State::wrapper;
    } else {
      diag_.add(src_.at(mark), _("a mapping is not expected here; give a single value"));
      skip_ = 1;
    }
  }
  void OnMapEnd() override {
    if (skip_ > 0) {
      --skip_;
      if (skip_ == 0 && state_ == State::value) {
        record_.fields.pop_back();
        state_ = State::key;
      }
      return;
    }
    if (state_ == State::wrapper || state_ == State::after) {
      if (state_ == State::wrapper && !wrong_key_) {
        diag_.add(src_.at(start_mark_), _f("{} is empty; list its entries under `{}:`", what_, key_));
      }
      state_ = State::done;
      return;
    }
    if (state_ == State::key) {
      each_(record_);
      state_ = State::list;
    }
  }

 private:
  // wrapper: in the mapping of the other shape, before its key; wrapped: after the key, before
  // the list; after: past the list, where the mapping must end.
  enum class State { start, wrapper, wrapped, list, key, value, items, after, done };

  void scalar(const YAML::Mark& mark, std::optional<std::string_view> text) {
    if (skip_ > 0) return;
    if (auto problem = scalar_problem(text)) {
      diag_.add(src_.at(mark), *problem);
      text = std::string_view{};
    }
    switch (state_) {
      case State::key:
        record_.fields.push_back(Field{});
        record_.fields.back().key = text ? std::string(*text) : std::string();
        record_.fields.back().key_mark = mark;
        state_ = State::value;
        break;
      case State::value:
        record_.fields.back().value = text ? std::string(*text) : std::string();
        record_.fields.back().value_mark = mark;
        state_ = State::key;
        break;
      case State::items:
        if (text) record_.fields.back().items.emplace_back(std::string(*text), mark);
        break;
      case State::list:
        diag_.add(src_.at(mark), _f("each entry of {} must be a mapping such as {{id: ..., name: ...}}", what_));
        break;
      case State::start:
        diag_.add(src_.at(mark), _f("{} must be a list (lines starting with '- ')", what_));
        state_ = State::done;
        break;
      case State::wrapper:
        if (text == key_) {
          state_ = State::wrapped;
          break;
        }
        diag_.add(src_.at(mark), _f("'{}' is not a key of {}: the file holds a list (lines starting with "
                                    "'- '), or `{}:` with the list under it",
                                    text.value_or(""), what_, key_));
        wrong_key_ = true;
        skip_value_ = true;
        state_ = State::after;
        break;
      case State::wrapped:
        diag_.add(src_.at(mark), _f("`{}:` must hold the list of {} (lines starting with '- ')", key_, what_));
        state_ = State::after;
        break;
      case State::after:
        if (skip_value_) {  // the value of a key already reported
          skip_value_ = false;
          break;
        }
        diag_.add(src_.at(mark), _f("'{}' is not a key of {}; it holds only `{}:`", text.value_or(""), what_, key_));
        skip_value_ = true;
        break;
      case State::done:
        break;
    }
  }

  const Source& src_;
  const std::function<void(const Record&)>& each_;
  Diagnostics& diag_;
  std::string_view what_;
  std::string_view key_;
  State state_ = State::start;
  bool wrapper_ = false;     // the file is the mapping shape
  bool wrong_key_ = false;   // its key was reported
  bool skip_value_ = false;  // the next scalar is the value of a reported key
  YAML::Mark start_mark_;
  int skip_ = 0;
  Record record_;
};

}  // namespace

bool each_line(const Source& src, const std::function<bool(std::string_view, std::size_t, int)>& line) {
  int number = 0;
  if (src.text) {
    if (!src.pieces.empty()) return false;
    const std::string_view t = *src.text;
    for (std::size_t from = 0; from < t.size();) {
      std::size_t end = t.find('\n', from);
      if (end == std::string_view::npos) end = t.size();
      if (!line(t.substr(from, end - from), from, number++)) return false;
      from = end + 1;
    }
    return true;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(src.file.c_str(), "rb"), &std::fclose);
  if (!file) return false;
  std::vector<std::pair<std::size_t, std::size_t>> pieces = src.pieces;
  if (pieces.empty()) pieces.emplace_back(0, static_cast<std::size_t>(-1));
  // The block starts small (kept in cache; each page first touched costs a fault) and
  // grows only for a long line, up to the limit of a mebibyte.
  constexpr std::size_t kMostBlock = std::size_t{1} << 20;
  std::string block(std::size_t{64} << 10, '\0');
  std::size_t carry = 0;  // bytes of an unfinished line at the start of `block`
  std::size_t at = 0;     // position of block[0] in the joined text
  for (const auto& [first, last] : pieces) {
    if (std::fseek(file.get(), static_cast<long>(first), SEEK_SET) != 0) return false;
    for (std::size_t left = last - first; left > 0;) {
      const std::size_t n = std::fread(block.data() + carry, 1, std::min(left, block.size() - carry), file.get());
      if (n == 0) break;
      left -= n;
      const std::size_t have = carry + n;
      std::size_t from = 0;
      for (const char* nl; (nl = static_cast<const char*>(std::memchr(block.data() + from, '\n', have - from)));) {
        const auto end = static_cast<std::size_t>(nl - block.data());
        if (!line(std::string_view(block.data() + from, end - from), at + from, number++)) return false;
        from = end + 1;
      }
      if (from == 0 && have == block.size()) {
        if (block.size() == kMostBlock) return false;  // a line of a mebibyte
        block.resize(std::min(kMostBlock, 2 * block.size()));
      }
      std::memmove(block.data(), block.data() + from, have - from);
      carry = have - from;
      at += from;
    }
    if (std::ferror(file.get()) != 0) return false;
  }
  return carry == 0 || line(std::string_view(block.data(), carry), at, number);
}

std::optional<std::size_t> each_plain_line(
    const std::string& path, std::size_t min_size, std::string_view unsafe_bytes,
    const std::function<bool(std::string_view, std::size_t, std::size_t)>& line) {
  std::size_t size = 0;
  {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return std::nullopt;
    size = regular_file_size(file.get()).value_or(0);
  }
  if (size < min_size) return std::nullopt;
  std::array<bool, 256> unsafe{};
  for (const char c : unsafe_bytes) unsafe[static_cast<unsigned char>(c)] = true;
  unsafe[0] = true;  // a NUL: the halves are not checked for one again
  const bool read = each_line(Source{path}, [&](std::string_view l, std::size_t start, int) {
    for (const char c : l) {
      if (unsafe[static_cast<unsigned char>(c)]) return false;
    }
    if (start == 0 && l.starts_with("\xEF\xBB\xBF")) {  // a byte-order mark
      l.remove_prefix(3);
      start = 3;
    }
    return line(l, start, size);
  });
  if (!read) return std::nullopt;
  return size;
}

void read_yaml_records(const Source& src, const std::function<void(const Record&)>& each, Diagnostics& diag,
                       std::string_view what, std::string_view key) {
  RecordReader reader(src, each, diag, what, key);
  parse_events(src, reader, diag, what);
}

void read_records(const Source& src, const std::function<void(const Record&)>& each, Diagnostics& diag,
                  std::string_view what, std::string_view key) {
  switch (read_flow_records(src, each)) {
    case FlowRead::done:
      return;
    case FlowRead::changed:
      diag.add(Location{src.file, 0, 0}, _("the file changed while it was read; run again when nothing writes to it"));
      return;
    case FlowRead::not_plain:
      break;
  }
  read_yaml_records(src, each, diag, what, key);
}

}  // namespace xingji::detail
