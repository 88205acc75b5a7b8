#include "stdlib_files.h"

namespace rootpol::stdlib {

std::optional<std::string_view> embeddedFile(std::string_view name) {
  for (const EmbeddedFile& file : embeddedFiles()) {
    if (file.name == name) return file.text;
  }
  return std::nullopt;
}

}  // namespace rootpol::stdlib
