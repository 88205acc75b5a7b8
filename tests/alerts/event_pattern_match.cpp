#include "event_pattern_match.h"

namespace rootpol::testing {
namespace {

using nlohmann::json;

bool scalar(const json& v) {
  return v.is_string() || v.is_number() || v.is_boolean() || v.is_null();
}

// One matcher of a leaf's list against one present scalar value.
bool matchesValue(const json& matcher, const json& value) {
  if (scalar(matcher)) return matcher == value;
  if (!matcher.is_object() || matcher.size() != 1)
    throw UnsupportedPattern("leaf matcher: " + matcher.dump());
  const std::string& op = matcher.begin().key();
  const json& arg = matcher.begin().value();
  if (op == "exists") throw std::logic_error("exists is decided on presence");
  if (op == "prefix") {
    if (!arg.is_string()) throw UnsupportedPattern("prefix takes a string: " + matcher.dump());
    return value.is_string() &&
           value.get_ref<const std::string&>().rfind(arg.get_ref<const std::string&>(), 0) == 0;
  }
  if (op == "anything-but") {
    if (scalar(arg)) return value != arg;
    if (arg.is_array() && !arg.empty()) {
      for (const json& excluded : arg) {
        if (!scalar(excluded))
          throw UnsupportedPattern("anything-but list of scalars: " + matcher.dump());
        if (value == excluded) return false;
      }
      return true;
    }
    throw UnsupportedPattern("anything-but form: " + matcher.dump());
  }
  throw UnsupportedPattern("operator " + op);
}

bool matchesLeaf(const json& matchers, const json* field) {
  if (matchers.empty()) throw UnsupportedPattern("an empty list of values");
  const bool present = field != nullptr && !field->is_object();
  for (const json& m : matchers) {
    if (m.is_object() && m.size() == 1 && m.contains("exists")) {
      if (!m["exists"].is_boolean()) throw UnsupportedPattern("exists takes true or false");
      if (m["exists"].get<bool>() == present) return true;
      continue;
    }
    if (!present) continue;
    if (field->is_array()) {
      for (const json& element : *field) {
        if (scalar(element) && matchesValue(m, element)) return true;
      }
    } else if (matchesValue(m, *field)) {
      return true;
    }
  }
  return false;
}

// `event` is the object at this level, or nullptr when the event has none here.
bool matchesObject(const json& pattern, const json* event) {
  if (!pattern.is_object() || pattern.empty())
    throw UnsupportedPattern("a pattern level must be a non-empty object");
  for (const auto& [key, sub] : pattern.items()) {
    if (key == "$or") {
      if (!sub.is_array() || sub.size() < 2)
        throw UnsupportedPattern("$or takes two or more objects");
      bool any = false;
      for (const json& alternative : sub) any = matchesObject(alternative, event) || any;
      if (!any) return false;
      continue;
    }
    const json* field =
        event != nullptr && event->is_object() && event->contains(key) ? &(*event)[key] : nullptr;
    if (sub.is_object()) {
      if (!matchesObject(sub, field != nullptr && field->is_object() ? field : nullptr))
        return false;
    } else if (sub.is_array()) {
      if (!matchesLeaf(sub, field)) return false;
    } else {
      throw UnsupportedPattern("field `" + key + "` must be an object or a list");
    }
  }
  return true;
}

}  // namespace

bool matchesPattern(const json& pattern, const json& event) {
  return matchesObject(pattern, &event);
}

}  // namespace rootpol::testing
