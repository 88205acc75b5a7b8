#include "policy/document.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string_view>

namespace rootpol::policy {
namespace {

// A JSON string literal exactly as nlohmann writes one (so that compiled output stays
// byte-identical), invalid UTF-8 replaced.
void appendString(std::string& out, std::string_view text) {
  out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void appendKey(std::string& out, std::string_view key) {
  appendString(out, key);
  out += ':';
}

// One value, or an array of them.
template <typename F>
void appendOneOrMany(std::string& out, std::size_t count, F&& append) {
  if (count == 1) return append(0);
  out += '[';
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ',';
    append(i);
  }
  out += ']';
}

void appendStrings(std::string& out, const std::vector<std::string>& values) {
  appendOneOrMany(out, values.size(), [&](std::size_t i) { appendString(out, values[i]); });
}

void appendValues(std::string& out, const ConditionEntry& entry) {
  appendOneOrMany(out, entry.values.size(), [&](std::size_t i) {
    if (entry.literal(i)) {
      out += entry.values[i];
    } else {
      appendString(out, entry.values[i]);
    }
  });
}

// Entries grouped by operator in first-appearance order, keys in order within one; a key
// given twice under one operator keeps its first place and its last values (as a JSON object
// would). Lowering never emits such a pair.
void appendConditions(std::string& out, const std::vector<ConditionEntry>& entries) {
  std::vector<std::pair<std::string_view, std::vector<const ConditionEntry*>>> groups;
  std::map<std::string_view, std::size_t> groupOf;
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> placeOf;
  for (const ConditionEntry& entry : entries) {
    auto [it, added] = groupOf.emplace(entry.op, groups.size());
    if (added) groups.emplace_back(entry.op, std::vector<const ConditionEntry*>{});
    auto& members = groups[it->second].second;
    auto [place, fresh] = placeOf.emplace(
        std::pair{std::string_view(entry.op), std::string_view(entry.key)}, members.size());
    if (fresh) {
      members.push_back(&entry);
    } else {
      members[place->second] = &entry;
    }
  }
  out += '{';
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) out += ',';
    appendKey(out, groups[g].first);
    out += '{';
    const auto& members = groups[g].second;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (m > 0) out += ',';
      appendKey(out, members[m]->key);
      appendValues(out, *members[m]);
    }
    out += '}';
  }
  out += '}';
}

void appendStatement(std::string& out, const Statement& s) {
  out += '{';
  if (!s.sid.empty()) {
    appendKey(out, "Sid");
    appendString(out, s.sid);
    out += ',';
  }
  appendKey(out, "Effect");
  appendString(out, s.deny ? "Deny" : "Allow");
  if (s.principal) {
    out += ',';
    appendKey(out, s.principal->notPrincipal ? "NotPrincipal" : "Principal");
    out += s.principal->json;
  }
  out += ',';
  appendKey(out, s.notAction ? "NotAction" : "Action");
  appendStrings(out, s.actions);
  if (s.notResource || !s.resources.empty()) {
    out += ',';
    appendKey(out, s.notResource ? "NotResource" : "Resource");
    appendStrings(out, s.resources);
  }
  if (!s.conditions.empty()) {
    out += ',';
    appendKey(out, "Condition");
    appendConditions(out, s.conditions);
  }
  out += '}';
}

}  // namespace

bool variablesApply(const Document& document) { return document.version == kVariablesVersion; }

std::string toJson(const Document& document) {
  std::string out = "{";
  if (!document.version.empty()) {  // absent stays absent
    appendKey(out, "Version");
    appendString(out, document.version);
    out += ',';
  }
  if (document.id) {
    appendKey(out, "Id");
    appendString(out, *document.id);
    out += ',';
  }
  appendKey(out, "Statement");
  out += '[';
  for (std::size_t i = 0; i < document.statements.size(); ++i) {
    if (i > 0) out += ',';
    appendStatement(out, document.statements[i]);
  }
  out += "]}";
  return out;
}

std::size_t jsonSize(const Document& document) { return toJson(document).size(); }

}  // namespace rootpol::policy
