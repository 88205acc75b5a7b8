// libFuzzer target: the bytes are one YAML statement list (see README.md here). The lint YAML
// reader must never throw, crash or recurse without bound, and every span must lie in the
// text; then the bytes are read as a Terraform/Cloud Posse statement list, with every
// diagnostic rendered.
#include "fuzz_lint_readers.h"
#include "lint/yaml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rootpol;
  const std::string text(reinterpret_cast<const char*>(data), size);
  policy::json::ParseResult parsed = lint::yaml::parse(text, 1);
  if (parsed.value.has_value() == parsed.error.has_value()) std::abort();
  if (parsed.value) fuzz::checkSpans(*parsed.value, size);
  if (parsed.error && parsed.error->offset > size) std::abort();
  fuzz::readAsPolicy(text, ".yaml");
  return 0;
}
