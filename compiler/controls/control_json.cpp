// ControlCatalog::fromJson: the strict reader of stdlib/controls.json.
#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "controls/control_catalog.h"
#include "policy/json_reader.h"
#include "policy/read_document.h"

namespace rootpol::controls {
namespace {

// Keeps the file's order of condition operators and keys in the parsed statements.
using Json = nlohmann::ordered_json;

// A malformed catalog stops at its first problem; throwing from the field readers keeps each
// read to one line. Thrown and caught only inside this file.
struct CatalogError {
  std::string message;
};

std::string ticked(std::string_view text) { return "`" + std::string(text) + "`"; }

[[noreturn]] void failAt(const std::string& where, std::string_view message) {
  throw CatalogError{where + ": " + std::string(message)};
}

// One JSON object read strictly: every field it has must be taken by the reader.
class Fields {
 public:
  Fields(const Json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object()) fail("must be an object");
  }

  [[noreturn]] void fail(std::string_view message) const { failAt(where_, message); }

  // Absent and null both read as "not given".
  const Json* optional(const char* name) {
    taken_.insert(name);
    const auto it = object_.find(name);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  const Json& required(const char* name) {
    if (const Json* value = optional(name)) return *value;
    fail("missing field " + ticked(name));
  }

  std::string string(const char* name) { return asString(required(name), name); }

  std::optional<std::string> optionalString(const char* name) {
    const Json* value = optional(name);
    return value ? std::optional(asString(*value, name)) : std::nullopt;
  }

  std::string asString(const Json& value, std::string_view name) const {
    if (!value.is_string()) fail(ticked(name) + " must be a string");
    return value.get<std::string>();
  }

  void finish() const {
    for (const auto& [key, value] : object_.items()) {
      if (!taken_.count(key)) fail("unknown field " + ticked(key));
    }
  }

 private:
  const Json& object_;
  std::string where_;
  std::set<std::string, std::less<>> taken_;
};

template <typename E, std::size_t N>
E enumField(Fields& fields, const char* name, const E (&values)[N], std::string_view (*nameOf)(E)) {
  const std::string text = fields.string(name);
  std::string choices;
  for (E value : values) {
    if (nameOf(value) == text) return value;
    choices += (choices.empty() ? "" : ", ") + std::string(nameOf(value));
  }
  fields.fail(ticked(name) + " must be one of " + choices + ", not " + ticked(text));
}

constexpr Behavior kBehaviors[] = {Behavior::Preventive, Behavior::Detective, Behavior::Proactive};
constexpr Guidance kGuidances[] = {Guidance::Mandatory, Guidance::StronglyRecommended,
                                   Guidance::Elective};
constexpr Implementation kImplementations[] = {Implementation::Scp, Implementation::Rcp,
                                               Implementation::ConfigRule, Implementation::Hook};
constexpr Enablement kEnablements[] = {Enablement::Api, Enablement::LandingZone,
                                       Enablement::Mandatory};

// "arn" or "[arn]", in the language's own spelling.
std::optional<ast::Type> typeFromName(std::string_view text) {
  ast::Type type;
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    type.list = true;
    text = text.substr(1, text.size() - 2);
  }
  const auto scalar = ast::scalarFromName(text);
  if (!scalar) return std::nullopt;
  type.scalar = *scalar;
  return type;
}

Parameter parseParameter(const Json& json, const std::string& where) {
  Fields fields(json, where + ": parameter");
  Parameter p;
  p.name = fields.string("name");
  Fields named(json, where + ": parameter " + ticked(p.name));
  named.optional("name");
  const std::string type = named.string("type");
  const auto parsed = typeFromName(type);
  if (!parsed) named.fail("unknown type " + ticked(type));
  p.type = *parsed;
  if (const Json* required = named.optional("required")) {
    if (!required->is_boolean()) named.fail("`required` must be true or false");
    p.required = required->get<bool>();
  }
  p.description = named.optionalString("description").value_or("");
  named.finish();
  return p;
}

// A control's statement, read by the hub from the catalog's own text (values as written:
// `1.50` stays `1.50`), then held to what the catalog publishes: an SCP statement with
// `Resource` or `NotResource`, and no Sid (the control's artifact names it).
policy::Statement parseStatement(const policy::json::Node& node, std::string_view text,
                                 const std::string& where) {
  const std::string at = where + ": statement";
  DiagnosticSink sink;
  std::optional<policy::Statement> s = policy::readStatement(node, text, sink);
  if (!s) {
    failAt(at, sink.diagnostics().empty() ? std::string("has no `Effect` or no `Action`")
                                          : sink.diagnostics().front().message);
  }
  if (!s->sid.empty()) failAt(at, "unknown field `Sid`");
  if (s->principal) failAt(at, "unknown field " + ticked(s->principal->notPrincipal ? "NotPrincipal" : "Principal"));
  if (s->resources.empty()) failAt(at, "needs exactly one of `Resource` and `NotResource`");
  return std::move(*s);
}

// The statement objects of the catalog as the hub's position-keeping reader has them, by
// control index (nullptr: none).
std::vector<const policy::json::Node*> statementNodes(const policy::json::Node& root) {
  std::vector<const policy::json::Node*> out;
  const policy::json::Member* controls = root.find("controls");
  if (controls == nullptr) return out;
  for (const policy::json::Node& control : controls->value.items) {
    const policy::json::Member* statement = control.find("statement");
    out.push_back(statement ? &statement->value : nullptr);
  }
  return out;
}

Exemption parseExemption(const Json& json, const std::string& where) {
  Fields fields(json, where + ": exemption");
  Exemption e{fields.string("parameter"), fields.string("operator"), fields.string("key")};
  fields.finish();
  return e;
}

void parseKinds(Fields& fields, Control& c) {
  c.behavior = enumField(fields, "behavior", kBehaviors, behaviorName);
  c.guidance = enumField(fields, "guidance", kGuidances, guidanceName);
  c.implementation = enumField(fields, "implementation", kImplementations, implementationName);
  c.enablement = enumField(fields, "enablement", kEnablements, enablementName);
}

void parseBody(Fields& fields, Control& c, const std::string& where,
               const policy::json::Node* statementNode, std::string_view text) {
  if (const Json* parameters = fields.optional("parameters")) {
    if (!parameters->is_array()) fields.fail("`parameters` must be a list");
    for (const Json& p : *parameters) {
      c.parameters.push_back(parseParameter(p, where));
      if (c.parameter(c.parameters.back().name) != &c.parameters.back()) {
        fields.fail("parameter " + ticked(c.parameters.back().name) + " is declared twice");
      }
    }
  }
  if (fields.optional("statement") != nullptr && statementNode != nullptr) {
    c.statement = parseStatement(*statementNode, text, where);
    c.statement->sid = c.artifact.value_or("");
  }
  if (const Json* exemption = fields.optional("exemption")) {
    c.exemption = parseExemption(*exemption, where);
  }
}

Control parseControl(const Json& json, std::size_t index, const policy::json::Node* statementNode,
                     std::string_view text) {
  const std::string at = "controls[" + std::to_string(index) + "]";
  Fields unnamed(json, at);
  Control c;
  c.id = unnamed.string("id");
  if (c.id.empty()) unnamed.fail("`id` is empty");
  const std::string where = "control " + ticked(c.id);
  Fields fields(json, where);
  fields.optional("id");
  c.globalId = fields.optionalString("global_id");
  c.name = fields.optionalString("name").value_or("");
  parseKinds(fields, c);
  c.deployAs = fields.optionalString("deploy_as");
  c.artifact = fields.optionalString("artifact");
  parseBody(fields, c, where, statementNode, text);
  c.note = fields.optionalString("note").value_or("");
  fields.finish();
  return c;
}

// Checks that need the control's other fields (or the other controls).
void checkControl(const Control& c, const std::vector<Control>& all) {
  const std::string where = "control " + ticked(c.id);
  const bool policyBased =
      c.implementation == Implementation::Scp || c.implementation == Implementation::Rcp;
  if (c.statement && !policyBased) failAt(where, "only scp and rcp controls have a `statement`");
  if (c.exemption && !c.statement) failAt(where, "`exemption` needs a `statement`");
  if (c.exemption && !c.parameter(c.exemption->parameter)) {
    failAt(where, "`exemption` names unknown parameter " + ticked(c.exemption->parameter));
  }
  if (!c.deployAs) return;
  const auto target = std::find_if(all.begin(), all.end(),
                                   [&](const Control& other) { return other.id == *c.deployAs; });
  if (target == all.end() || target->id == c.id) {
    failAt(where, "`deploy_as` names unknown control " + ticked(*c.deployAs));
  }
  if (target->enablement != Enablement::Api) {
    failAt(where,
           "`deploy_as` control " + ticked(target->id) + " cannot be enabled through the API");
  }
  for (const Parameter& p : c.parameters) {
    const Parameter* same = target->parameter(p.name);
    if (!same || !(same->type == p.type)) {
      failAt(where, "parameter " + ticked(p.name) + " has no counterpart of type " +
                        ast::typeName(p.type) + " in " + ticked(target->id));
    }
  }
}

std::vector<Control> parseCatalog(std::string_view text) {
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw CatalogError{std::string("not valid JSON: ") + e.what()};
  }
  Fields fields(root, "controls catalog");
  fields.optionalString("source");
  const Json& list = fields.required("controls");
  if (!list.is_array()) fields.fail("`controls` must be a list");
  fields.finish();
  // nlohmann has read the text as valid JSON, so the hub's reader has too.
  policy::json::ParseResult tree = policy::json::parse(text, 0);
  std::vector<const policy::json::Node*> statements;
  if (tree.value) statements = statementNodes(*tree.value);
  std::vector<Control> controls;
  for (std::size_t i = 0; i < list.size(); ++i) {
    controls.push_back(parseControl(list[i], i, i < statements.size() ? statements[i] : nullptr, text));
  }
  std::stable_sort(controls.begin(), controls.end(),
                   [](const Control& a, const Control& b) { return a.id < b.id; });
  const auto duplicate =
      std::adjacent_find(controls.begin(), controls.end(),
                         [](const Control& a, const Control& b) { return a.id == b.id; });
  if (duplicate != controls.end())
    throw CatalogError{"duplicate control id " + ticked(duplicate->id)};
  for (const Control& c : controls) checkControl(c, controls);
  return controls;
}

}  // namespace

std::optional<ControlCatalog> ControlCatalog::fromJson(std::string_view text, std::string& error) {
  try {
    return ControlCatalog(parseCatalog(text));
  } catch (const CatalogError& e) {
    error = e.message;
    return std::nullopt;
  }
}

}  // namespace rootpol::controls
