#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The event classes an `alert` can name (`on root_activity`): data in stdlib/alert_classes.json,
// each an EventBridge event pattern over CloudTrail events with where those events arrive.
namespace rootpol::alerts {

struct EventClass {
  std::string name;         // `root_activity`
  std::string description;  // one line, for docs and the generated rule's description
  std::string arrivesIn;    // the Region whose event bus receives the events, in words
  // The class includes read-only management events, which EventBridge delivers only to rules in
  // state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.
  bool allManagementEvents = false;
  std::string pattern;  // the event pattern, minified JSON, keys in the order the table writes them

  // The EventBridge rule state the class needs.
  const char* ruleState() const {
    return allManagementEvents ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" : "ENABLED";
  }
};

class ClassTable {
 public:
  // The table embedded from stdlib/alert_classes.json.
  static const ClassTable& builtin();
  // Parses a table in the stdlib format; nullopt with `error` set when it is malformed.
  static std::optional<ClassTable> fromJson(std::string_view text, std::string& error);

  const EventClass* find(std::string_view name) const;
  const std::vector<EventClass>& classes() const { return classes_; }  // in table order

 private:
  std::vector<EventClass> classes_;
};

}  // namespace rootpol::alerts
