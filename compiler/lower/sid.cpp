#include "lower/sid.h"

#include <cctype>

namespace rootpol::lower {

std::string pascalCase(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string statementSid(std::string_view base, std::size_t part, std::size_t parts) {
  std::string sid(base);
  if (parts > 1) sid += "P" + std::to_string(part);
  return sid;
}

}  // namespace rootpol::lower
