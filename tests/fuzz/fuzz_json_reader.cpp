// libFuzzer target: the bytes are one JSON policy file (see README.md here). The lint JSON
// reader must never throw, crash or recurse without bound, every span must lie in the text,
// minifiedSize() must not exceed the value's bytes, and the blanks the reader counts (lint's
// minified size) must be exactly those minifiedSize() drops; then the bytes are read as an SCP and
// as a Terraform template, with every diagnostic rendered.
#include "fuzz_lint_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rootpol;
  const std::string text(reinterpret_cast<const char*>(data), size);
  policy::json::ParseResult parsed = policy::json::parse(text, 1);
  if (parsed.value.has_value() == parsed.error.has_value()) std::abort();
  if (parsed.value) {
    fuzz::checkSpans(*parsed.value, size);
    const Span span = parsed.value->span;
    const std::size_t minified = policy::json::minifiedSize(text, span.begin, span.end);
    if (minified > span.end - span.begin) std::abort();
    if (span.end - span.begin - parsed.blanks != minified) std::abort();
  } else if (parsed.error->offset > size) {
    std::abort();
  }
  fuzz::readAsPolicy(text, ".json");
  fuzz::readAsPolicy(text, ".json.tftpl");
  return 0;
}
