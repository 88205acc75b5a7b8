#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rootpol::syntax {

struct DecodedString {
  std::string value;
  // Offset (within the token text, quotes included) of the first bad escape, if any.
  std::optional<std::size_t> badEscape;
};

// Decodes a quoted string token: `\"` and `\\` are the only escapes.
DecodedString decodeString(std::string_view token);

}  // namespace rootpol::syntax
