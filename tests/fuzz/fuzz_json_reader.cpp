// libFuzzer target: the bytes are one JSON policy file (see README.md here). The lint JSON
// reader must never throw, crash or recurse without bound, every span must lie in the text,
// minifiedSize() must not exceed the value's bytes, and the blanks the reader counts (lint's
// minified size) must be exactly those minifiedSize() drops, and parseOnTwoThreads with its
// strings as views of the text must give parse()'s result to the byte; then the bytes are read as an SCP and
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
  // Read on two threads (lint's large files, whose strings view the text), the result must be
  // parse()'s to the byte.
  const policy::json::ParseResult two =
      policy::json::parseOnTwoThreads(text, 1, /*fromBytes=*/0, policy::json::Strings::ViewsOfText);
  if (two.value.has_value() != parsed.value.has_value() || two.trailing != parsed.trailing ||
      two.blanks != parsed.blanks || two.mayHoldPlaceholders != parsed.mayHoldPlaceholders ||
      two.mayHaveDuplicateKeys != parsed.mayHaveDuplicateKeys)
    std::abort();
  if (parsed.value && !policy::json::sameTree(*parsed.value, *two.value)) std::abort();
  if (parsed.error && (two.error->offset != parsed.error->offset || two.error->message != parsed.error->message ||
                       two.error->help != parsed.error->help))
    std::abort();
  fuzz::readAsPolicy(text, ".json");
  fuzz::readAsPolicy(text, ".json.tftpl");
  return 0;
}
