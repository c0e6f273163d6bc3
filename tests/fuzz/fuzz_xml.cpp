// Fuzz target: the quick XML scanner against expat, on arbitrary bytes as one part of a
// workbook (read/xml.hpp). When the scanner finishes, expat must have read the same
// document and made the same calls; when the scanner gives up, the calls it made must be the
// first ones expat made (but for text at the end). Anything else aborts. The first byte chooses how the rest is cut
// into the pieces the scanner is fed (as a zip entry comes, in pieces).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "read/xml.hpp"

namespace {

using xingji::detail::XmlHandler;

// Every call as a line of text; consecutive text merged (each parser cuts it its own way).
class Recorder : public XmlHandler {
 public:
  std::vector<std::string> calls;
  void start(std::string_view name, const char** atts) override {
    std::string call = "<" + std::string(name);
    for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
      call += std::string(" ") + atts[i] + "=\"" + atts[i + 1] + '"';
    }
    calls.push_back(call);
  }
  void end(std::string_view name) override { calls.push_back("/" + std::string(name)); }
  void text(const char* s, std::size_t n) override {
    if (calls.empty() || calls.back().front() != 'T') calls.emplace_back("T");
    calls.back().append(s, n);
  }
  void reset() override { calls.clear(); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64u;
  const std::string_view xml(reinterpret_cast<const char*>(data) + 1, size - 1);

  Recorder quick_calls;
  xingji::detail::QuickXml quick(quick_calls);
  bool finished = true;
  for (std::size_t at = 0; at < xml.size() && finished; at += piece) {
    const std::string_view part = xml.substr(at, piece);
    finished = quick.feed(part.data(), part.size());
  }
  finished = finished && quick.finish();

  Recorder expat_calls;
  xingji::detail::ExpatXml expat(expat_calls);
  expat.feed(xml.data(), xml.size());
  expat.finish();
  const bool read = !expat.doctype() && expat.problem().empty();

  if (finished && (!read || quick_calls.calls != expat_calls.calls)) std::abort();
  // Given up: the calls made are expat's first ones, but for the text last reported: the
  // scanner reports text up to the markup it gives up at, which expat may continue (CDATA, a
  // comment), and long text as it comes, part of which expat may not report before the
  // error it finds in the rest ("]]>", a control character).
  const auto& q = quick_calls.calls;
  const auto& e = expat_calls.calls;
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (i + 1 == q.size() && q[i].front() == 'T') {
      if (i < e.size() && !e[i].starts_with(q[i]) && !q[i].starts_with(e[i])) std::abort();
    } else if (i >= e.size() || q[i] != e[i]) {
      std::abort();
    }
  }
  return 0;
}
