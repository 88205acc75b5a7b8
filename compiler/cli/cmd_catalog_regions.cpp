// `rootpol catalog regions [GLOB]`: the dated region list that `region` literals are checked
// against (stdlib/regions.json, see sema/regions.h).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "cli/commands.h"
#include "sema/regions.h"
#include "sema/suggest.h"

namespace rootpol::cli {

int runCatalogRegions(const CatalogFlags& flags) {
  const sema::RegionTable& table = sema::knownRegions();
  const std::string glob = flags.argument.empty() ? "*" : flags.argument;
  std::vector<const sema::Region*> found;
  for (const sema::Region& region : table.regions) {
    if (catalog::globMatch(glob, region.name)) found.push_back(&region);
  }
  if (found.empty()) {
    auto close = sema::closestMatch(glob, table.names);
    std::cerr << fmt::format("rootpol: no AWS region matches `{}` (the list of {}){}\n", glob, table.generated,
                             close ? fmt::format("; did you mean `{}`?", *close) : "");
    return kExitInputErrors;
  }
  if (flags.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto* r : found) {
      list.push_back({{"name", r->name}, {"partition", r->partition}, {"description", r->description}});
    }
    nlohmann::ordered_json doc = {{"source", table.source}, {"generated", table.generated}, {"regions", list}};
    std::cout << doc.dump(2) << "\n";
    return kExitOk;
  }
  std::size_t width = 0;
  for (const auto* r : found) width = std::max(width, r->name.size());
  std::string out;
  for (const auto* r : found) out += fmt::format("{:<{}}  {}  ({})\n", r->name, width, r->description, r->partition);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace rootpol::cli
