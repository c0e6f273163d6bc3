#include "yaml_events.hpp"

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "xingji/text.hpp"

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

// A read-only stream over text already in memory, so yaml-cpp reads it without a copy.
class MemoryBuf : public std::streambuf {
 public:
  explicit MemoryBuf(const std::string& text) {
    char* p = const_cast<char*>(text.data());  // streambuf's API is not const; it is only read
    setg(p, p, p + text.size());
  }
};

}  // namespace

std::string yaml_error(const YAML::Exception& e) {
  // Debian's yaml-cpp refuses nesting deeper than 500 levels with this bare message.
  if (e.msg == YAML::ErrorMsg::BAD_FILE) {
    return "invalid YAML: lists or mappings nested too deeply (yaml-cpp stops at 500 levels); "
           "xingji files need only a few";
  }
  return "invalid YAML: " + e.msg + "; check brackets, quotes and indentation here and just above";
}

Location Source::at(const YAML::Mark& m) const {
  if (m.is_null() || m.line < 0) return Location{file, 0, 0};
  return Location{file, m.line + 1, column_at(*this, static_cast<std::size_t>(std::max(0, m.pos)))};
}

void parse_events(const Source& src, YAML::EventHandler& handler, Diagnostics& diag, std::string_view what) {
  std::ifstream file;
  std::vector<char> block;
  std::optional<MemoryBuf> memory;
  std::istream in(nullptr);
  if (src.text) {
    memory.emplace(*src.text);
    in.rdbuf(&*memory);
  } else {
    // yaml-cpp reads a character at a time; a large buffer keeps that off the system calls.
    if (std::filesystem::is_directory(src.file)) {
      diag.add(Location{src.file, 0, 0}, "is a folder; give a file");
      return;
    }
    block.resize(1 << 20);
    file.rdbuf()->pubsetbuf(block.data(), static_cast<std::streamsize>(block.size()));
    file.open(src.file, std::ios::binary);
    if (!file) {
      diag.add(Location{src.file, 0, 0}, "cannot open file; check that the path is right and readable");
      return;
    }
    in.rdbuf(file.rdbuf());
  }
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(handler)) {
      diag.add(Location{src.file, 0, 0}, "the file is empty; it must hold " + std::string(what));
    }
  } catch (const YAML::Exception& e) {
    diag.add(src.at(e.mark), yaml_error(e));
  } catch (const std::ios_base::failure& e) {
    // yaml-cpp turns read errors of the stream into exceptions.
    diag.add(Location{src.file, 0, 0}, std::string("cannot read the file: ") + e.what());
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
               std::string_view what)
      : src_(src), each_(each), diag_(diag), what_(what) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { scalar(mark, std::nullopt); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    if (skip_ > 0) return;
    diag_.add(src_.at(mark), "aliases (*name) are not allowed here; write the value out");
    if (state_ == State::value) state_ = State::key;
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    scalar(mark, std::string_view(value));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    if (skip_ > 0) {
      ++skip_;
    } else if (state_ == State::start) {
      state_ = State::list;
    } else if (state_ == State::value) {
      record_.fields.back().is_list = true;
      state_ = State::items;
    } else {
      diag_.add(src_.at(mark), "a list is not expected here");
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
      state_ = State::done;
    }
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    if (skip_ > 0) {
      ++skip_;
    } else if (state_ == State::list) {
      record_ = Record{};
      record_.mark = mark;
      state_ = State::key;
    } else if (state_ == State::start) {
      diag_.add(src_.at(mark), std::string(what_) + " must be a list (lines starting with '- ')");
      skip_ = 1;
    } else {
      diag_.add(src_.at(mark), "a mapping is not expected here; give a single value");
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
    if (state_ == State::key) {
      each_(record_);
      state_ = State::list;
    }
  }

 private:
  enum class State { start, list, key, value, items, done };

  void scalar(const YAML::Mark& mark, std::optional<std::string_view> text) {
    if (skip_ > 0) return;
    if (text && invalid_utf8_at(*text) != std::string_view::npos) {
      diag_.add(src_.at(mark), "this text is not valid UTF-8 (saved as GBK?); save the file as UTF-8");
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
        diag_.add(src_.at(mark),
                  "each entry of " + std::string(what_) + " must be a mapping such as {id: ..., name: ...}");
        break;
      case State::start:
        diag_.add(src_.at(mark), std::string(what_) + " must be a list (lines starting with '- ')");
        state_ = State::done;
        break;
      case State::done:
        break;
    }
  }

  const Source& src_;
  const std::function<void(const Record&)>& each_;
  Diagnostics& diag_;
  std::string_view what_;
  State state_ = State::start;
  int skip_ = 0;
  Record record_;
};

}  // namespace

void read_records(const Source& src, const std::function<void(const Record&)>& each, Diagnostics& diag,
                  std::string_view what) {
  RecordReader reader(src, each, diag, what);
  parse_events(src, reader, diag, what);
}

}  // namespace xingji::detail
