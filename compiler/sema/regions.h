#pragma once

#include <string>
#include <string_view>
#include <vector>

// The AWS regions that `region` literals are checked against: stdlib/regions.json, generated
// by tools/update-catalog from the AWS SDK's partition table and embedded in the binary.
namespace rootpol::sema {

struct Region {
  std::string name;         // "eu-west-1"
  std::string partition;    // "aws", "aws-cn", "aws-us-gov", ...
  std::string description;  // "Europe (Ireland)"
};

struct RegionTable {
  std::string source;     // "@aws-sdk/core@3.981.2"
  std::string generated;  // "2026-11-24": the date of the list, named in diagnostics
  std::vector<Region> regions;     // by partition, then name, as in the file
  std::vector<std::string> names;  // every partition's region names, sorted
};

// Loaded once, on first use.
const RegionTable& knownRegions();

bool isKnownRegion(std::string_view name);

// Whether an IAM glob (`*`, `?`) matches at least one known region.
bool anyKnownRegionMatches(std::string_view pattern);

}  // namespace rootpol::sema
