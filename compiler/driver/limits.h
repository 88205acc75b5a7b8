#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rootpol::driver {

// One dated row of stdlib/limits.json.
struct Limits {
  std::string name;       // "2026-05-15"
  std::size_t scpMaxSize = 0;
  std::size_t scpsPerTarget = 0;
  std::size_t rcpMaxSize = 0;
  std::size_t rcpsPerTarget = 0;  // counting AWS's RCPFullAWSAccess
  std::size_t ouMaxDepth = 0;
};

// Selects limits from the table text: `spec` is empty (the table's default), a table name,
// or `key=value[,key=value...]` overriding the default (keys as in limits.json, e.g.
// `scp_max_size=5120`), or `NAME:key=value,...` overriding a named table. Returns nullopt
// and sets `error` on a bad spec.
std::optional<Limits> selectLimits(std::string_view tableJson, std::string_view spec, std::string& error);

}  // namespace rootpol::driver
