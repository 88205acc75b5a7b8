#pragma once

#include <string>
#include <string_view>

// Just enough YAML for the CfCT manifest: lines at a given indent, double-quoted scalars and
// comments. Every user-written string is quoted so that no name can turn into a number, a
// boolean, a date or a YAML structure.
namespace rootpol::emit {

class YamlWriter {
 public:
  // `text` as is (already valid YAML), indented by `indent` levels of two spaces.
  void line(int indent, std::string_view text);
  // "# text"; line breaks in `text` are flattened so that a comment stays one line.
  void comment(int indent, std::string_view text);
  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

// A JSON-style double-quoted scalar (valid YAML 1.1 and 1.2). Control characters, DEL and the
// C1 range, which YAML does not allow unescaped, are written as \uXXXX.
std::string yamlQuoted(std::string_view text);

}  // namespace rootpol::emit
