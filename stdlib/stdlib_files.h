#pragma once

#include <optional>
#include <string_view>
#include <vector>

// The standard library (key table, limits table, .rootpol modules), embedded at build time.
namespace rootpol::stdlib {

struct EmbeddedFile {
  std::string_view name;  // path relative to stdlib/, e.g. "keys.json", "regions.rootpol"
  std::string_view text;
};

const std::vector<EmbeddedFile>& embeddedFiles();

// The embedded text of `name`, if the standard library has such a file.
std::optional<std::string_view> embeddedFile(std::string_view name);

}  // namespace rootpol::stdlib
