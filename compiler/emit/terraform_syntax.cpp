#include "emit/terraform_syntax.h"

#include <fmt/format.h>

namespace rootpol::emit::detail {

std::string escapeTemplate(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{') out += c;
    out += c;
  }
  return out;
}

// HCL's escapes are not quite JSON's (no \b, \f, \/).
std::string hclString(std::string_view text) {
  static constexpr std::string_view kPlain = "\"\\\n\r\t",
                                    kEscaped[] = {"\\\"", "\\\\", "\\n", "\\r", "\\t"};
  std::string out = "\"";
  for (char c : escapeTemplate(text)) {
    const std::size_t special = kPlain.find(c);
    if (special != std::string_view::npos)
      out += kEscaped[special];
    else if (static_cast<unsigned char>(c) < 0x20)
      out += fmt::format("\\u{:04x}", int(c));
    else
      out += c;
  }
  return out + "\"";
}

// Written out rather than pasted so that strings inside are escaped as HCL reads them.
std::string hclLiteral(const nlohmann::json& value) {
  if (value.is_string()) return hclString(value.get_ref<const std::string&>());
  std::string out;
  if (value.is_array()) {
    for (const nlohmann::json& item : value) out += (out.empty() ? "" : ",") + hclLiteral(item);
    return "[" + out + "]";
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      out += (out.empty() ? "" : ",") + hclString(key) + "=" + hclLiteral(item);
    }
    return "{" + out + "}";
  }
  return value.dump();
}

}  // namespace rootpol::emit::detail
