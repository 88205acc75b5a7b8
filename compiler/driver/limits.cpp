#include "driver/limits.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace rootpol::driver {
namespace {

bool setField(Limits& limits, std::string_view key, std::string_view value, std::string& error) {
  std::size_t n = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc{} || ptr != value.data() + value.size() || n == 0) {
    error = "`" + std::string(value) + "` is not a positive integer";
    return false;
  }
  if (key == "scp_max_size") {
    limits.scpMaxSize = n;
  } else if (key == "scps_per_target") {
    limits.scpsPerTarget = n;
  } else if (key == "rcp_max_size") {
    limits.rcpMaxSize = n;
  } else if (key == "rcps_per_target") {
    limits.rcpsPerTarget = n;
  } else if (key == "ou_max_depth") {
    limits.ouMaxDepth = n;
  } else {
    error = "unknown limit `" + std::string(key) +
            "` (known: scp_max_size, scps_per_target, rcp_max_size, rcps_per_target, ou_max_depth)";
    return false;
  }
  return true;
}

}  // namespace

std::optional<Limits> selectLimits(std::string_view tableJson, std::string_view spec, std::string& error) {
  nlohmann::json table;
  try {
    table = nlohmann::json::parse(tableJson);
  } catch (const nlohmann::json::exception& e) {
    error = std::string("malformed limits table: ") + e.what();
    return std::nullopt;
  }
  std::string name = table.value("default", "");
  std::string_view overrides = spec;
  std::size_t colon = spec.find(':');
  if (spec.find('=') == std::string_view::npos) {
    if (!spec.empty()) name = std::string(spec);
    overrides = {};
  } else if (colon != std::string_view::npos) {
    name = std::string(spec.substr(0, colon));
    overrides = spec.substr(colon + 1);
  }
  std::optional<Limits> chosen;
  std::string known;
  for (const auto& row : table.value("tables", nlohmann::json::array())) {
    std::string rowName = row.value("name", "");
    known += (known.empty() ? "" : ", ") + rowName;
    if (rowName != name) continue;
    chosen = Limits{rowName, row.value("scp_max_size", 0u), row.value("scps_per_target", 0u),
                    row.value("rcp_max_size", 0u), row.value("rcps_per_target", 0u), row.value("ou_max_depth", 0u)};
  }
  if (!chosen) {
    error = "no limits table named `" + name + "` (known: " + known + ")";
    return std::nullopt;
  }
  while (!overrides.empty()) {
    std::size_t comma = overrides.find(',');
    std::string_view item = overrides.substr(0, comma);
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || !setField(*chosen, item.substr(0, eq), item.substr(eq + 1), error)) {
      if (error.empty()) error = "`" + std::string(item) + "` is not `key=value`";
      return std::nullopt;
    }
    chosen->name += "+" + std::string(item);
    overrides = comma == std::string_view::npos ? std::string_view{} : overrides.substr(comma + 1);
  }
  return chosen;
}

}  // namespace rootpol::driver
