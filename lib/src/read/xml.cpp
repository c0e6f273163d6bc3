#include "read/xml.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <new>

#include "base/files.hpp"

namespace xingji::detail {

const char* attribute(const char** atts, std::string_view name) {
  for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
    if (local_name(atts[i]) == name) return atts[i + 1];
  }
  return nullptr;
}

// ---- QuickXml --------------------------------------------------------------------------

namespace {

constexpr std::size_t kMostPending = std::size_t{1} << 20;  // bytes of one unfinished token
constexpr std::size_t kMostDepth = 256;
constexpr std::size_t kMostAttributes = 64;

// XML's white space (Excel ends its declaration with CR LF).
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

// The end of the (ASCII) name at p, or nullptr when none begins there.
const char* name_end(const char* p, const char* end) {
  if (p == end || !name_start(*p)) return nullptr;
  ++p;
  while (p != end && name_char(*p)) ++p;
  return p;
}

const char* skip_space(const char* p, const char* end) {
  while (p != end && space(*p)) ++p;
  return p;
}

// The '>' ending the tag that begins before p (outside quoted values), or nullptr when it is
// not in [p, end) yet.
const char* tag_end(const char* p, const char* end) {
  while (p != end) {
    const char c = *p;
    if (c == '>') return p;
    if (c == '"' || c == '\'') {
      const void* close = std::memchr(p + 1, c, static_cast<std::size_t>(end - p - 1));
      if (close == nullptr) return nullptr;
      p = static_cast<const char*>(close);
    }
    ++p;
  }
  return nullptr;
}

// A character XML 1.0 allows.
bool xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// The length of the UTF-8 sequence at p (a first byte of 0x80 or more) when it is one
// character XML allows, else 0.
std::size_t utf8_char(const char* p, const char* end) {
  const auto b0 = static_cast<unsigned char>(*p);
  std::size_t n = 0;
  std::uint32_t c = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    c = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    c = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    c = b0 & 0x07u;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    if ((b & 0xC0u) != 0x80u) return 0;
    c = (c << 6) | (b & 0x3Fu);
  }
  if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000)) return 0;  // overlong
  return xml_char(c) ? n : 0;
}

void put_utf8(std::uint32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The character a reference (what is between '&' and ';') stands for, appended to `out`.
bool reference(std::string_view ref, std::string& out) {
  if (ref == "lt") {
    out += '<';
  } else if (ref == "gt") {
    out += '>';
  } else if (ref == "amp") {
    out += '&';
  } else if (ref == "quot") {
    out += '"';
  } else if (ref == "apos") {
    out += '\'';
  } else if (ref.size() > 1 && ref[0] == '#') {
    const bool hex = ref[1] == 'x';
    const std::string_view digits = ref.substr(hex ? 2 : 1);
    std::uint32_t c = 0;
    if (digits.empty() || digits.size() > 8) return false;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), c, hex ? 16 : 10);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || !xml_char(c)) return false;
    put_utf8(c, out);
  } else {
    return false;  // a named entity needs a document type, which the scanner leaves to expat
  }
  return true;
}

// Where the text in [p, end), which goes on after `end`, may be cut: before a reference or a
// character not whole at the end, before up to two ']' (which "]]>" must not follow), and
// before a CR (which a LF may follow).
const char* whole_text_end(const char* p, const char* end) {
  const char* cut = end != p && end[-1] == '\r' ? end - 1 : end;
  const char* q = end;
  while (q != p && end - q < 3 && (static_cast<unsigned char>(q[-1]) & 0xC0u) == 0x80u) --q;
  if (q != p && static_cast<unsigned char>(q[-1]) >= 0xC0u) {
    const auto lead = static_cast<unsigned char>(q[-1]);
    const std::ptrdiff_t length = lead >= 0xF0u ? 4 : lead >= 0xE0u ? 3 : 2;
    if (end - (q - 1) < length) cut = q - 1;
  }
  for (int i = 0; i < 2 && cut != p && cut[-1] == ']'; ++i) --cut;
  // A reference is at most 11 characters here ("&#x10FFFF;", "&#12345678;"): a longer one is
  // given up on as the text is read.
  for (const char* a = end; a != p && end - a < 12; --a) {
    if (a[-1] == ';') break;
    if (a[-1] == '&') {
      cut = std::min(cut, a - 1);
      break;
    }
  }
  return cut;
}

}  // namespace

bool QuickXml::characters(const char* p, const char* end, bool in_value, std::string& out, bool& copied) {
  copied = false;
  const char* run = p;  // the first byte not yet copied to `out`, once copying
  auto copy = [&](const char* upto) {
    if (!copied) out.clear();
    copied = true;
    out.append(run, upto);
  };
  while (p != end) {
    const char c = *p;
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x80) {  // ASCII that is no control character (DEL is allowed)
      if (c == '&') {
        copy(p);
        const void* semi = std::memchr(p, ';', static_cast<std::size_t>(end - p));
        if (semi == nullptr) return false;
        const auto* s = static_cast<const char*>(semi);
        if (!reference(std::string_view(p + 1, static_cast<std::size_t>(s - p - 1)), out)) return false;
        p = run = s + 1;
        continue;
      }
      if (c == '<') return false;
      if (c == ']' && !in_value && end - p >= 3 && p[1] == ']' && p[2] == '>') return false;
      ++p;
    } else if (c == '\t' || c == '\n') {
      if (in_value) {  // attribute-value normalisation: a space
        copy(p);
        out += ' ';
        run = p + 1;
      }
      ++p;
    } else if (c == '\r') {
      // A line ends in LF, however it ended (CR LF, CR); in a value it is a space.
      copy(p);
      out += in_value ? ' ' : '\n';
      p += p + 1 != end && p[1] == '\n' ? 2 : 1;
      run = p;
    } else if (byte >= 0x80) {
      const std::size_t n = utf8_char(p, end);
      if (n == 0) return false;
      p += n;
    } else {
      return false;  // a control character
    }
  }
  if (copied) out.append(run, end);
  return true;
}

bool QuickXml::text(const char* p, const char* end) {
  if (!rooted_ || closed_) {  // outside the root element: white space only, and not reported
    return skip_space(p, end) == end;
  }
  bool copied = false;
  if (!characters(p, end, false, scratch_, copied)) return false;
  if (copied) {
    if (!scratch_.empty()) h_.text(scratch_.data(), scratch_.size());
  } else if (p != end) {
    h_.text(p, static_cast<std::size_t>(end - p));
  }
  return true;
}

// <?xml version="1.0" encoding="UTF-8" standalone="yes"?>, the only declaration taken.
bool QuickXml::declaration(const char* p, const char* gt) {
  const char* s = p + 5;  // after "<?xml"
  const char* e = gt - 1;
  if (e - p < 5 || std::string_view(p, 5) != "<?xml" || *e != '?') return false;
  auto pseudo = [&](std::string_view name, std::string_view& value) {
    const char* q = skip_space(s, e);
    if (q == s || static_cast<std::size_t>(e - q) < name.size() || std::string_view(q, name.size()) != name) {
      return false;
    }
    q = skip_space(q + name.size(), e);
    if (q == e || *q != '=') return false;
    q = skip_space(q + 1, e);
    if (q == e || (*q != '"' && *q != '\'')) return false;
    const char quote = *q++;
    const void* close = std::memchr(q, quote, static_cast<std::size_t>(e - q));
    if (close == nullptr) return false;
    value = std::string_view(q, static_cast<std::size_t>(static_cast<const char*>(close) - q));
    s = static_cast<const char*>(close) + 1;
    return true;
  };
  std::string_view value;
  if (!pseudo("version", value) || value != "1.0") return false;
  const char* before = s;
  if (pseudo("encoding", value)) {
    if (value.size() != 5 || !ends_with_ignoring_case(value, "utf-8")) return false;
  } else {
    s = before;
  }
  before = s;
  if (pseudo("standalone", value)) {
    if (value != "yes" && value != "no") return false;
  } else {
    s = before;
  }
  return skip_space(s, e) == e;
}

bool QuickXml::start_tag(const char* p, const char* gt) {
  if (closed_ || open_.size() >= kMostDepth || p == gt) return false;
  const bool empty = gt[-1] == '/';
  const char* limit = empty ? gt - 1 : gt;
  const char* q = name_end(p, limit);
  if (q == nullptr) return false;
  const std::string_view name(p, static_cast<std::size_t>(q - p));
  values_.clear();
  offsets_.clear();
  for (;;) {
    const char* before = q;
    q = skip_space(q, limit);
    if (q == limit) break;
    if (q == before || offsets_.size() >= 2 * kMostAttributes) return false;  // attributes are parted by spaces
    const char* name_stop = name_end(q, limit);
    if (name_stop == nullptr) return false;
    const std::string_view attr(q, static_cast<std::size_t>(name_stop - q));
    q = skip_space(name_stop, limit);
    if (q == limit || *q != '=') return false;
    q = skip_space(q + 1, limit);
    if (q == limit || (*q != '"' && *q != '\'')) return false;
    const char quote = *q++;
    const void* found = std::memchr(q, quote, static_cast<std::size_t>(limit - q));
    if (found == nullptr) return false;
    const auto* close = static_cast<const char*>(found);
    for (std::size_t i = 0; i < offsets_.size(); i += 2) {
      if (std::string_view(values_.data() + offsets_[i]) == attr) return false;  // twice
    }
    offsets_.push_back(values_.size());
    values_.append(attr);
    values_ += '\0';
    offsets_.push_back(values_.size());
    bool copied = false;
    if (!characters(q, close, true, scratch_, copied)) return false;
    if (copied) {
      values_ += scratch_;
    } else {
      values_.append(q, close);
    }
    values_ += '\0';
    q = close + 1;
  }
  atts_.clear();
  for (const std::size_t at : offsets_) atts_.push_back(values_.data() + at);
  atts_.push_back(nullptr);
  open_.emplace_back(name);
  rooted_ = true;
  h_.start(local_name(name), atts_.data());
  if (empty) {
    open_.pop_back();
    closed_ = open_.empty();
    h_.end(local_name(name));
  }
  return true;
}

bool QuickXml::end_tag(const char* p, const char* gt) {
  const char* q = name_end(p, gt);
  if (q == nullptr || skip_space(q, gt) != gt) return false;
  const std::string_view name(p, static_cast<std::size_t>(q - p));
  if (open_.empty() || open_.back() != name) return false;
  open_.pop_back();
  closed_ = open_.empty();
  h_.end(local_name(name));
  return true;
}

const char* QuickXml::scan(const char* p, const char* end) {
  while (p != end) {
    if (*p != '<') {
      const void* lt = std::memchr(p, '<', static_cast<std::size_t>(end - p));
      // A document begins with '<' (a byte-order mark or anything else is expat's).
      if (!started_) return nullptr;
      if (lt == nullptr) {
        // Text going on in the next bytes: what of it is whole is read now, so that a long
        // text is never kept.
        const char* cut = whole_text_end(p, end);
        if (cut != p && !text(p, cut)) return nullptr;
        return cut;
      }
      if (!text(p, static_cast<const char*>(lt))) return nullptr;
      p = static_cast<const char*>(lt);
      continue;
    }
    if (end - p < 2) return p;
    const char c = p[1];
    const char* gt = tag_end(p + 1, end);
    if (gt == nullptr) {
      return (c == '!' || (c == '?' && started_)) ? nullptr : p;
    }
    if (c == '?') {
      if (started_ || !declaration(p, gt)) return nullptr;
    } else if (c == '!') {
      return nullptr;  // a comment, CDATA or a document type
    } else if (c == '/' ? !end_tag(p + 2, gt) : !start_tag(p + 1, gt)) {
      return nullptr;
    }
    started_ = true;
    p = gt + 1;
  }
  return p;
}

bool QuickXml::feed(const char* data, std::size_t n) {
  if (quit_) return false;
  const bool carried = !pending_.empty();
  if (carried) pending_.append(data, n);
  const char* begin = carried ? pending_.data() : data;
  const char* end = carried ? begin + pending_.size() : data + n;
  const char* got = scan(begin, end);
  if (got == nullptr) {
    quit_ = true;
    return false;
  }
  if (carried) {
    pending_.erase(0, static_cast<std::size_t>(got - begin));
  } else {
    pending_.assign(got, end);
  }
  if (pending_.size() > kMostPending) quit_ = true;
  return !quit_;
}

bool QuickXml::finish() {
  // All that may be left is white space after the root element (a tag would have ended it).
  if (quit_ || !closed_ ||
      skip_space(pending_.data(), pending_.data() + pending_.size()) != pending_.data() + pending_.size()) {
    quit_ = true;
  }
  return !quit_;
}

// ---- ExpatXml --------------------------------------------------------------------------

ExpatXml::ExpatXml(XmlHandler& h) : parser_(XML_ParserCreate(nullptr)), h_(h) {
  if (parser_ == nullptr) throw std::bad_alloc();
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(
      parser_,
      [](void* u, const XML_Char* name, const XML_Char** atts) {
        auto* x = static_cast<ExpatXml*>(u);
        try {
          x->h_.start(local_name(name), atts);
        } catch (...) {
          x->failure_ = std::current_exception();
          XML_StopParser(x->parser_, XML_FALSE);
        }
      },
      [](void* u, const XML_Char* name) {
        auto* x = static_cast<ExpatXml*>(u);
        try {
          x->h_.end(local_name(name));
        } catch (...) {
          x->failure_ = std::current_exception();
          XML_StopParser(x->parser_, XML_FALSE);
        }
      });
  XML_SetCharacterDataHandler(parser_, [](void* u, const XML_Char* text, int n) {
    auto* x = static_cast<ExpatXml*>(u);
    try {
      x->h_.text(text, static_cast<std::size_t>(n));
    } catch (...) {
      x->failure_ = std::current_exception();
      XML_StopParser(x->parser_, XML_FALSE);
    }
  });
  XML_SetStartDoctypeDeclHandler(parser_, [](void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* x = static_cast<ExpatXml*>(u);
    x->doctype_ = true;
    XML_StopParser(x->parser_, XML_FALSE);
  });
}

ExpatXml::~ExpatXml() { XML_ParserFree(parser_); }

void ExpatXml::check(int status) {
  if (status != XML_STATUS_ERROR || !problem_.empty()) return;
  problem_ = fmt::format("{}, line {}", XML_ErrorString(XML_GetErrorCode(parser_)), XML_GetCurrentLineNumber(parser_));
}

void ExpatXml::feed(const char* data, std::size_t n) {
  if (problem_.empty()) check(XML_Parse(parser_, data, static_cast<int>(n), XML_FALSE));
}

void ExpatXml::finish() {
  if (problem_.empty()) check(XML_Parse(parser_, nullptr, 0, XML_TRUE));
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace xingji::detail
