#include "alerts/event_classes.h"

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "stdlib_files.h"

namespace rootpol::alerts {

const ClassTable& ClassTable::builtin() {
  static const ClassTable table = [] {
    auto text = stdlib::embeddedFile("alert_classes.json");
    std::string error;
    auto parsed = text ? fromJson(*text, error) : std::nullopt;
    // The file is embedded at build time and parsed by the unit tests: a failure here is a
    // build defect, not bad input.
    if (!parsed)
      throw std::logic_error("stdlib/alert_classes.json: " + (text ? error : "not embedded"));
    return *parsed;
  }();
  return table;
}

std::optional<ClassTable> ClassTable::fromJson(std::string_view text, std::string& error) {
  // ordered_json keeps the pattern's keys as the table writes them, so outputs read like it.
  auto json = nlohmann::ordered_json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("classes") ||
      !json["classes"].is_array()) {
    error = "expected an object with a `classes` array";
    return std::nullopt;
  }
  ClassTable table;
  std::set<std::string> seen;
  for (const auto& entry : json["classes"]) {
    auto text = [&](const char* key) -> std::optional<std::string> {
      if (!entry.is_object() || !entry.contains(key) || !entry[key].is_string())
        return std::nullopt;
      return entry[key].get<std::string>();
    };
    auto name = text("name"), description = text("description"), arrivesIn = text("arrives_in");
    if (!name || !description || !arrivesIn || !entry.contains("all_management_events") ||
        !entry["all_management_events"].is_boolean() || !entry.contains("pattern") ||
        !entry["pattern"].is_object()) {
      error =
          "a class needs name, description, arrives_in (strings), all_management_events (bool) and "
          "pattern (object)";
      return std::nullopt;
    }
    if (!seen.insert(*name).second) {
      error = "class `" + *name + "` is listed twice";
      return std::nullopt;
    }
    table.classes_.push_back(EventClass{*name, *description, *arrivesIn,
                                        entry["all_management_events"].get<bool>(),
                                        entry["pattern"].dump()});
  }
  return table;
}

const EventClass* ClassTable::find(std::string_view name) const {
  for (const EventClass& c : classes_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace rootpol::alerts
