#include "emit/yaml_writer.h"

#include <fmt/format.h>

namespace rootpol::emit {

void YamlWriter::line(int indent, std::string_view text) {
  out_.append(static_cast<std::size_t>(2 * indent), ' ');
  out_.append(text);
  out_ += '\n';
}

void YamlWriter::comment(int indent, std::string_view text) {
  std::string flat = "# ";
  for (char c : text) flat += (c == '\n' || c == '\r') ? ' ' : c;
  line(indent, flat);
}

std::string yamlQuoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool c1 = byte == 0xC2 && i + 1 < text.size() &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c1) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(text[++i]));
    } else if (byte == '"' || byte == '\\') {
      out += '\\';
      out += text[i];
    } else if (byte < 0x20 || byte == 0x7F) {
      out += fmt::format("\\u{:04X}", byte);
    } else {
      out += text[i];
    }
  }
  return out + "\"";
}

}  // namespace rootpol::emit
