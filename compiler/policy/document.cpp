#include "policy/document.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string_view>

namespace rootpol::policy {
namespace {

using Json = nlohmann::ordered_json;

Json oneOrMany(const std::vector<std::string>& values) {
  if (values.size() == 1) return values.front();
  return Json(values);
}

Json conditionBlock(const std::vector<ConditionEntry>& entries) {
  Json block = Json::object();
  // An ordered_json object finds keys by scanning: new keys are appended directly so that a
  // long condition block stays linear.
  std::set<std::pair<std::string_view, std::string_view>> written;
  for (const ConditionEntry& entry : entries) {
    Json& byKey = block[entry.op];
    if (byKey.is_null()) byKey = Json::object();
    // INVARIANT: lowering never emits one operator/key pair twice in a statement.
    if (written.emplace(entry.op, entry.key).second) {
      byKey.get_ref<Json::object_t&>().Container::emplace_back(entry.key, oneOrMany(entry.values));
    } else {
      byKey[entry.key] = oneOrMany(entry.values);
    }
  }
  return block;
}

}  // namespace

std::string toJson(const Document& document) {
  Json statements = Json::array();
  for (const Statement& s : document.statements) {
    Json j = Json::object();
    if (!s.sid.empty()) j["Sid"] = s.sid;
    j["Effect"] = s.deny ? "Deny" : "Allow";
    j[s.notAction ? "NotAction" : "Action"] = oneOrMany(s.actions);
    j[s.notResource ? "NotResource" : "Resource"] = oneOrMany(s.resources);
    if (!s.conditions.empty()) j["Condition"] = conditionBlock(s.conditions);
    statements.push_back(std::move(j));
  }
  Json doc = Json::object();
  doc["Version"] = "2012-10-17";
  doc["Statement"] = std::move(statements);
  // Replace rather than throw on invalid UTF-8: sema has already reported such strings.
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace rootpol::policy
