#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "eval/condition.h"
#include "eval/evaluator.h"

namespace rootpol::eval {
namespace {

// Ordered, so that statements and condition entries keep the order they were written in (and
// `explain` names the first failing element as the author sees it).
using json = nlohmann::ordered_json;

// Builds the JSON tree like nlohmann's own parser, except that a number with a fraction or an
// exponent is kept as the text it was written in (stored as a binary value, which JSON text
// can never produce): condition values such as 1.50 must reach the evaluator unchanged.
class TextKeepingBuilder : public nlohmann::json_sax<json> {
 public:
  json root;
  std::string error = "invalid JSON";

  bool null() override { return add(nullptr); }
  bool boolean(bool value) override { return add(value); }
  bool number_integer(number_integer_t value) override { return add(value); }
  bool number_unsigned(number_unsigned_t value) override { return add(value); }
  bool number_float(number_float_t, const string_t& text) override {
    return add(json::binary(std::vector<std::uint8_t>(text.begin(), text.end())));
  }
  bool string(string_t& value) override { return add(value); }
  bool binary(binary_t& value) override { return add(json::binary(value)); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& value) override {
    key_ = value;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    error = e.what();
    return false;
  }

 private:
  json* place(json value) {
    if (open_.empty()) {
      root = std::move(value);
      return &root;
    }
    json& top = *open_.back();
    if (top.is_array()) {
      top.push_back(std::move(value));
      return &top.back();
    }
    return &(top[key_] = std::move(value));
  }
  bool add(json value) {
    place(std::move(value));
    return true;
  }
  // Only the innermost open container changes while it is open, so these pointers stay valid.
  bool open(json value) {
    open_.push_back(place(std::move(value)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  std::vector<json*> open_;
  std::string key_;
};

bool fail(std::string& error, std::string message) {
  error = std::move(message);
  return false;
}

bool readStrings(const json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
    return true;
  }
  if (!value.is_array()) return false;
  for (const json& item : value) {
    if (!item.is_string()) return false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

// A condition value as the text IAM compares: strings as they are, numbers and booleans as
// written in the JSON.
bool scalarText(const json& value, std::string& out) {
  if (value.is_string()) {
    out = value.get<std::string>();
  } else if (value.is_boolean()) {
    out = value.get<bool>() ? "true" : "false";
  } else if (value.is_number_integer()) {
    out = value.dump();
  } else if (value.is_binary()) {
    out.assign(value.get_binary().begin(), value.get_binary().end());
  } else {
    return false;
  }
  return true;
}

bool readConditionValues(const json& value, std::vector<std::string>& out) {
  std::string text;
  if (!value.is_array()) {
    if (!scalarText(value, text)) return false;
    out.push_back(std::move(text));
    return true;
  }
  for (const json& item : value) {
    if (!scalarText(item, text)) return false;
    out.push_back(std::move(text));
  }
  return true;
}

bool readCondition(const json& block, std::vector<policy::ConditionEntry>& out,
                   std::string& error) {
  if (!block.is_object()) return fail(error, "Condition must be an object");
  for (const auto& [op, keys] : block.items()) {
    if (!policy::parseOperator(op)) return fail(error, fmt::format("unknown condition operator `{}`", op));
    if (!keys.is_object()) return fail(error, fmt::format("`{}` must map keys to values", op));
    for (const auto& [key, values] : keys.items()) {
      policy::ConditionEntry entry{op, key, {}};
      if (!readConditionValues(values, entry.values)) {
        return fail(
            error,
            fmt::format("values of `{}` under `{}` must be strings, numbers or booleans", key, op));
      }
      out.push_back(std::move(entry));
    }
  }
  return true;
}

bool readEffect(const json& value, policy::Statement& out, std::string& error) {
  if (value == "Allow" || value == "Deny") {
    out.deny = value == "Deny";
    return true;
  }
  return fail(error, "Effect must be \"Allow\" or \"Deny\"");
}

// One element of a statement; `actions` and `resources` count the paired elements seen.
bool readElement(const std::string& name, const json& value, policy::Statement& out, int& actions,
                 int& resources, std::string& error) {
  if (name == "Sid") {
    if (!value.is_string()) return fail(error, "Sid must be a string");
    out.sid = value.get<std::string>();
    return true;
  }
  if (name == "Effect") return readEffect(value, out, error);
  if (name == "Condition") return readCondition(value, out.conditions, error);
  bool isAction = name == "Action" || name == "NotAction";
  bool isResource = name == "Resource" || name == "NotResource";
  if (!isAction && !isResource) return fail(error, fmt::format("unknown element `{}`", name));
  if (isAction) {
    out.notAction = name == "NotAction";
    ++actions;
  } else {
    out.notResource = name == "NotResource";
    ++resources;
  }
  if (!readStrings(value, isAction ? out.actions : out.resources)) {
    return fail(error, fmt::format("{} must be a string or an array of strings", name));
  }
  return true;
}

bool readStatement(const json& value, policy::Statement& out, std::string& error) {
  if (!value.is_object()) return fail(error, "a statement must be an object");
  if (value.contains("Principal") || value.contains("NotPrincipal")) {
    return fail(error, "has Principal: not an SCP");
  }
  int actions = 0;
  int resources = 0;
  for (const auto& [name, element] : value.items()) {
    if (!readElement(name, element, out, actions, resources, error)) return false;
  }
  if (!value.contains("Effect")) return fail(error, "Effect is missing");
  if (actions != 1) return fail(error, "exactly one of Action and NotAction is required");
  if (resources > 1) return fail(error, "Resource and NotResource cannot both appear");
  return true;
}

bool readTopLevel(const json& root, policy::Document& out, std::string& error) {
  if (!root.is_object()) return fail(error, "a policy must be a JSON object");
  for (const auto& [name, value] : root.items()) {
    if (name == "Version") {
      if (value != "2012-10-17" && value != "2008-10-17") return fail(error, "unsupported Version");
    } else if (name == "Id") {
      if (!value.is_string()) return fail(error, "Id must be a string");
    } else if (name != "Statement") {
      return fail(error, fmt::format("unknown element `{}`", name));
    }
  }
  if (!root.contains("Statement")) return fail(error, "Statement is missing");
  const json& statements = root["Statement"];
  const bool many = statements.is_array();
  const std::size_t count = many ? statements.size() : 1;
  for (std::size_t i = 0; i < count; ++i) {
    policy::Statement statement;
    if (!readStatement(many ? statements[i] : statements, statement, error)) {
      error = fmt::format("Statement[{}]: {}", i, error);
      return false;
    }
    out.statements.push_back(std::move(statement));
  }
  return true;
}

}  // namespace

std::optional<policy::Document> parsePolicyJson(std::string_view text, std::string& error) {
  TextKeepingBuilder builder;
  if (!json::sax_parse(text, &builder)) {
    error = builder.error;
    return std::nullopt;
  }
  policy::Document document;
  if (!readTopLevel(builder.root, document, error)) return std::nullopt;
  return document;
}

}  // namespace rootpol::eval
