#include "sema/rcp_services.h"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "stdlib_files.h"

namespace rootpol::sema {

const RcpServices& rcpServices() {
  static const RcpServices table = [] {
    auto text = stdlib::embeddedFile("rcp_services.json");
    // The file is generated and embedded at build time: its absence is a build defect.
    if (!text) throw std::logic_error("stdlib/rcp_services.json is not embedded");
    auto json = nlohmann::json::parse(*text);
    RcpServices out{json.at("source").get<std::string>(), json.at("services").get<std::vector<std::string>>()};
    std::sort(out.services.begin(), out.services.end());
    return out;
  }();
  return table;
}

bool RcpServices::supports(std::string_view prefix) const {
  return std::binary_search(services.begin(), services.end(), servicePrefix(prefix));
}

std::string servicePrefix(std::string_view action) {
  std::string prefix(action.substr(0, action.find(':')));
  for (char& c : prefix) c = asciiLower(c);
  return prefix;
}

}  // namespace rootpol::sema
