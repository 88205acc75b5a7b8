#include "sema/regions.h"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "stdlib_files.h"

namespace rootpol::sema {

namespace {

RegionTable load() {
  auto text = stdlib::embeddedFile("regions.json");
  // The file is generated and embedded at build time: its absence is a build defect.
  if (!text) throw std::logic_error("stdlib/regions.json is not embedded");
  auto json = nlohmann::json::parse(*text);
  RegionTable table;
  table.source = json.at("source").get<std::string>();
  table.generated = json.at("generated").get<std::string>();
  for (const auto& partition : json.at("partitions")) {
    for (const auto& region : partition.at("regions")) {
      table.regions.push_back(Region{region.at("name").get<std::string>(), partition.at("id").get<std::string>(),
                                     region.value("description", "")});
      table.names.push_back(table.regions.back().name);
    }
  }
  std::sort(table.names.begin(), table.names.end());
  return table;
}

}  // namespace

const RegionTable& knownRegions() {
  static const RegionTable table = load();
  return table;
}

bool isKnownRegion(std::string_view name) {
  const auto& names = knownRegions().names;
  return std::binary_search(names.begin(), names.end(), name);
}

bool anyKnownRegionMatches(std::string_view pattern) {
  const auto& names = knownRegions().names;
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& name) { return catalog::globMatch(pattern, name); });
}

}  // namespace rootpol::sema
