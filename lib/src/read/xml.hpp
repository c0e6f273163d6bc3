#pragma once
// Internal: the two XML parsers a workbook's parts are read with. `QuickXml` is a scanner for
// the plain XML spreadsheet programs write (elements, attributes, text, the five named
// entities and character references), several times faster than expat on a worksheet; it
// gives up on anything else (a comment, CDATA, a document type, a name
// that is not ASCII, anything not well-formed, ...). `ExpatXml` parses any XML with expat.
// A part is read with QuickXml first and, when it gives up, again from its start with expat,
// so what a reader of a part sees is always what expat makes of it: when QuickXml finishes,
// the document is well-formed and its handler was called exactly as expat calls it; when it
// gives up, the calls made so far are the first ones expat makes, but for the text it reported
// last (long text is reported as it comes, and expat may refuse what it is part of). The
// reader's handler is then reset and sees expat's calls only. fuzz_xml checks all of this.

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

struct XML_ParserStruct;

namespace xingji::detail {

/// What a part's reader does with its elements and text. `name` is an element's local name
/// ("x:c" is "c"); `atts` are attribute names and values in turn, ended by nullptr, names as
/// written (find one with `attribute`). Text comes in pieces, entities replaced.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** atts) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(const char* s, std::size_t n) = 0;
  /// Back to the state before the first call: the part is read again from its start.
  virtual void reset() = 0;
};

/// The local part of a name ("x:c" is "c").
[[nodiscard]] inline std::string_view local_name(std::string_view name) {
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// The value of attribute `name` (by local part) among `atts`, or nullptr.
[[nodiscard]] const char* attribute(const char** atts, std::string_view name);

/// The fast scanner. An exception thrown by the handler leaves feed() as it is.
class QuickXml {
 public:
  explicit QuickXml(XmlHandler& h) : h_(h) {}
  /// The next bytes of the document; false once the scanner has given up.
  bool feed(const char* data, std::size_t n);
  /// The end of the document; false when the scanner gave up or the document is not whole.
  bool finish();

 private:
  enum class Step : unsigned char { done, more, quit };
  // Scans [p, end): how far it got, or nullptr when it gives up.
  const char* scan(const char* p, const char* end);
  Step markup(const char*& p, const char* end);
  bool start_tag(const char* p, const char* gt);
  bool end_tag(const char* p, const char* gt);
  bool declaration(const char* p, const char* gt);
  bool text(const char* p, const char* end);
  // Appends the characters of [p, end) to `out` with references replaced (and, in an
  // attribute's value, tabs and line feeds as spaces); false when they are not plain text.
  static bool characters(const char* p, const char* end, bool in_value, std::string& out, bool& copied);

  XmlHandler& h_;
  std::string pending_;            // bytes of an unfinished token
  std::vector<std::string> open_;  // elements open, outermost first
  std::string scratch_;            // text with references replaced
  std::string values_;             // attribute names and values, each ended by '\0'
  std::vector<std::size_t> offsets_;
  std::vector<const char*> atts_;
  bool started_ = false;  // past the first byte (a declaration may come only before it)
  bool rooted_ = false;   // the root element has begun
  bool closed_ = false;   // and ended
  bool quit_ = false;
};

/// Expat, with the same handler. A document type declaration stops it (entities are how XML
/// bombs are made); so does an exception from the handler, which finish() rethrows.
class ExpatXml {
 public:
  explicit ExpatXml(XmlHandler& h);
  ~ExpatXml();
  ExpatXml(const ExpatXml&) = delete;
  ExpatXml& operator=(const ExpatXml&) = delete;
  void feed(const char* data, std::size_t n);
  /// The end of the document. Rethrows what the handler threw; then, with doctype() or a
  /// problem(), the document was not read.
  void finish();
  [[nodiscard]] bool doctype() const { return doctype_; }
  /// What is wrong with the XML ("mismatched tag, line 3"), or empty.
  [[nodiscard]] const std::string& problem() const { return problem_; }

 private:
  void check(int status);
  XML_ParserStruct* parser_;
  XmlHandler& h_;
  std::exception_ptr failure_;
  bool doctype_ = false;
  std::string problem_;
};

}  // namespace xingji::detail
