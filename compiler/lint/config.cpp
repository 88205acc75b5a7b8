#include "lint/config.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "policy/glob.h"

namespace rootpol::lint {
namespace {

// In the order written: the first `kinds` glob that matches decides.
using Json = nlohmann::ordered_json;

std::optional<DiagCode> codeFromName(std::string_view name) {
  for (DiagCode code : allDiagCodes()) {
    if (diagInfo(code).code == name) return code;
  }
  return std::nullopt;
}

bool readSeverities(const Json& object, LintConfig& config, std::string& error) {
  if (!object.is_object()) {
    error = "`severity` must be an object of code -> \"error\" | \"warning\" | \"note\" | \"off\"";
    return false;
  }
  for (const auto& [name, value] : object.items()) {
    std::optional<DiagCode> code = codeFromName(name);
    if (!code) {
      error = fmt::format("`severity`: no diagnostic code `{}`", name);
      return false;
    }
    if (diagInfo(*code).severity == Severity::Error && name.rfind("RP4", 0) != 0) {
      error = fmt::format("`severity`: `{}` is a compile error and cannot be changed", name);
      return false;
    }
    std::string text = value.is_string() ? value.get<std::string>() : "";
    std::optional<Severity> severity = severityFromName(text);
    if (!severity && text != "off") {
      error =
          fmt::format("`severity`: `{}` must be \"error\", \"warning\", \"note\" or \"off\"", name);
      return false;
    }
    config.severity[*code] = severity;
  }
  return true;
}

bool readIgnores(const Json& list, LintConfig& config, std::string& error) {
  if (!list.is_array()) {
    error = "`ignore` must be an array of path globs";
    return false;
  }
  for (const auto& item : list) {
    if (!item.is_string()) {
      error = "`ignore` must be an array of path globs";
      return false;
    }
    config.ignore.push_back(item.get<std::string>());
  }
  return true;
}

bool readKinds(const Json& object, LintConfig& config, std::string& error) {
  if (!object.is_object()) {
    error = "`kinds` must be an object of path glob -> \"scp\" | \"rcp\" | \"identity\" | "
            "\"resource\" | \"auto\"";
    return false;
  }
  for (const auto& [glob, value] : object.items()) {
    std::optional<DeclaredKind> kind =
        value.is_string() ? declaredKindFromName(value.get<std::string>()) : std::nullopt;
    if (!kind) {
      error = fmt::format(
          "`kinds`: `{}` must be \"scp\", \"rcp\", \"identity\", \"resource\" or \"auto\"", glob);
      return false;
    }
    config.kinds.emplace_back(glob, *kind);
  }
  return true;
}

}  // namespace

std::optional<DeclaredKind> declaredKindFromName(std::string_view name) {
  if (name == "auto") return DeclaredKind::Auto;
  if (name == "scp") return DeclaredKind::Scp;
  if (name == "rcp") return DeclaredKind::Rcp;
  if (name == "identity") return DeclaredKind::Identity;
  if (name == "resource") return DeclaredKind::Resource;
  return std::nullopt;
}

DeclaredKind LintConfig::kindOf(std::string_view path) const {
  for (const auto& [glob, kind] : kinds) {
    if (policy::globMatch(glob, path)) return kind;
  }
  return DeclaredKind::Auto;
}

std::optional<Severity> severityFromName(std::string_view name) {
  if (name == "error") return Severity::Error;
  if (name == "warning") return Severity::Warning;
  if (name == "note") return Severity::Note;
  return std::nullopt;
}

std::optional<LintConfig> parseLintConfig(std::string_view text, std::string& error,
                                          std::size_t& offset) {
  offset = 0;
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    error = "not valid JSON";
    offset = e.byte > 0 ? e.byte - 1 : 0;
    return std::nullopt;
  }
  if (!json.is_object()) {
    error = "the configuration must be a JSON object";
    return std::nullopt;
  }
  LintConfig config;
  for (const auto& [key, value] : json.items()) {
    if (key == "severity") {
      if (!readSeverities(value, config, error)) return std::nullopt;
    } else if (key == "ignore") {
      if (!readIgnores(value, config, error)) return std::nullopt;
    } else if (key == "fail_on") {
      config.failOn = value.is_string() ? severityFromName(value.get<std::string>()) : std::nullopt;
      if (!config.failOn) {
        error = "`fail_on` must be \"error\", \"warning\" or \"note\"";
        return std::nullopt;
      }
    } else if (key == "kinds") {
      if (!readKinds(value, config, error)) return std::nullopt;
    } else {
      error = fmt::format("unknown setting `{}` (known: severity, ignore, fail_on, kinds)", key);
      return std::nullopt;
    }
  }
  return config;
}

}  // namespace rootpol::lint
