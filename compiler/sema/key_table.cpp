#include "sema/key_table.h"
#include "base/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "stdlib_files.h"

namespace rootpol::sema {
namespace {

std::optional<ast::Type> parseType(std::string text) {
  bool list = text.size() > 2 && text.front() == '[' && text.back() == ']';
  if (list) text = text.substr(1, text.size() - 2);
  auto scalar = ast::scalarFromName(text);
  if (!scalar) return std::nullopt;
  return ast::Type{*scalar, list};
}

std::optional<KeyEntry> parseEntry(const nlohmann::json& j, std::string& error) {
  KeyEntry e;
  e.name = j.value("name", "");
  e.awsKey = j.at("aws").get<std::string>();
  auto type = parseType(j.at("type").get<std::string>());
  if (!type) {
    error = "key `" + e.awsKey + "` has an unknown type";
    return std::nullopt;
  }
  e.type = *type;
  e.network = j.value("network", false);
  e.alwaysPresent = j.value("always_present", false);
  e.parameter = j.value("parameter", "");
  return e;
}

}  // namespace

std::optional<KeyTable> KeyTable::fromJson(std::string_view text, std::string& error) {
  KeyTable table;
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    for (const auto& item : j.at("friendly")) {
      auto entry = parseEntry(item, error);
      if (!entry) return std::nullopt;
      table.friendly_.push_back(*entry);
    }
    for (const auto& item : j.at("global")) {
      auto entry = parseEntry(item, error);
      if (!entry) return std::nullopt;
      table.global_.push_back(*entry);
    }
  } catch (const nlohmann::json::exception& e) {
    error = std::string("malformed key table: ") + e.what();
    return std::nullopt;
  }
  return table;
}

const KeyTable& KeyTable::builtin() {
  static const KeyTable table = [] {
    std::optional<std::string_view> text = stdlib::embeddedFile("keys.json");
    if (!text) throw std::logic_error("stdlib/keys.json is not embedded");
    std::string error;
    std::optional<KeyTable> parsed = fromJson(*text, error);
    if (!parsed) throw std::logic_error("the embedded key table is broken: " + error);
    return std::move(*parsed);
  }();
  return table;
}

const KeyEntry* KeyTable::friendly(std::string_view name) const {
  for (const KeyEntry& e : friendly_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::optional<KeyEntry> KeyTable::global(std::string_view awsKey) const {
  for (const KeyEntry& e : global_) {
    if (e.parameter.empty() && equalsIgnoreCase(e.awsKey, awsKey)) return e;
    if (!e.parameter.empty() && awsKey.size() > e.awsKey.size() &&
        equalsIgnoreCase(awsKey.substr(0, e.awsKey.size()), e.awsKey)) {
      KeyEntry full = e;
      // Keep the table's spelling of the prefix and the user's tag key.
      full.awsKey = e.awsKey + std::string(awsKey.substr(e.awsKey.size()));
      full.parameter.clear();
      return full;
    }
  }
  return std::nullopt;
}

std::vector<std::string> KeyTable::friendlyNames() const {
  std::vector<std::string> names;
  for (const KeyEntry& e : friendly_) names.push_back(e.name);
  return names;
}

std::vector<std::string> KeyTable::globalNames() const {
  std::vector<std::string> names;
  for (const KeyEntry& e : global_) names.push_back(e.awsKey);
  return names;
}

std::optional<ast::Type> catalogKeyType(catalog::KeyType type) {
  using B = catalog::BaseType;
  ast::Scalar scalar = ast::Scalar::String;
  switch (type.base) {
    case B::String:
      scalar = ast::Scalar::String;
      break;
    case B::Arn:
      scalar = ast::Scalar::Arn;
      break;
    case B::Bool:
      scalar = ast::Scalar::Bool;
      break;
    case B::Numeric:
      scalar = ast::Scalar::Int;
      break;
    case B::Date:
      scalar = ast::Scalar::Date;
      break;
    case B::IpAddress:
      scalar = ast::Scalar::Cidr;
      break;
    case B::Binary:
      return std::nullopt;
  }
  return ast::Type{scalar, type.array};
}

}  // namespace rootpol::sema
