// Statements: their elements and conditions, read with lint's texts.
#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"
#include "policy/operators.h"
#include "policy/read_context.h"

namespace rootpol::policy::detail {
namespace {

using json::Kind;
using json::kindName;
using json::Member;
using json::Node;

// `"Principal": "*"` or `{"AWS": "*"}`: every principal, as an RCP must say.
bool anyonePrincipal(const Node& value) {
  if (value.kind == Kind::String) return value.text == "*";
  if (value.kind != Kind::Object || value.members.size() != 1) return false;
  const Member* aws = value.find("AWS");
  return aws != nullptr && aws->value.kind == Kind::String && aws->value.text == "*";
}

// Every operator name IAM accepts, for suggestions.
const std::vector<std::string>& operatorNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (auto q : {SetQualifier::None, SetQualifier::ForAnyValue, SetQualifier::ForAllValues}) {
      for (BaseOperator base : allBaseOperators()) {
        out.push_back(operatorName({q, base, false}));
        if (allowsIfExists(base)) out.push_back(operatorName({q, base, true}));
      }
    }
    return out;
  }();
  return names;
}

// Operator names are matched as IAM spells them (policy/operators.h).
void checkOperator(const Member& op, Reader& r) {
  if (parseOperator(op.key)) return;
  Diagnostic& d =
      r.error(DiagCode::RP4012, op.keySpan, fmt::format("unknown condition operator `{}`", op.key));
  if (op.key.ends_with("NullIfExists")) {
    d.help = "`Null` takes no `IfExists`: it already tests whether the key exists";
  } else if (r.options.budget && !r.options.budget()) {
    return;
  } else if (auto best = r.suggest(op.key, operatorNames())) {
    d.help = fmt::format("did you mean `{}`?", *best);
  }
}

// The values of one key: a scalar or an array of scalars. A bad value is reported and left
// out; an object or null in place of the values leaves the entry out.
bool readValues(const Member& key, Reader& r, ConditionEntry& entry) {
  auto badValue = [&](const Node& v) {
    r.error(DiagCode::RP4006, v.span,
            fmt::format("a value of `{}` is {}, not a string, number or boolean", key.key,
                        kindName(v.kind)));
  };
  // `written` stays empty while every value is a string (as ConditionEntry allows): most
  // entries then allocate nothing for it.
  auto add = [&](const Node& v) {
    entry.values.emplace_back(r.valueText(v));
    entry.valueSpans.push_back(v.span);
    if (v.kind != Kind::String) {
      entry.written.resize(entry.values.size() - 1, Written::String);
      entry.written.push_back(Written::Literal);
    } else if (!entry.written.empty()) {
      entry.written.push_back(Written::String);
    }
  };
  const Node& values = key.value;
  if (values.kind == Kind::Object || values.kind == Kind::Null) {
    badValue(values);
    return false;
  }
  if (values.kind != Kind::Array) {
    add(values);
    return true;
  }
  entry.values.reserve(values.items.size());
  entry.valueSpans.reserve(values.items.size());
  for (const Node& v : values.items) {
    if (v.isScalar() && v.kind != Kind::Null) {
      add(v);
    } else {
      badValue(v);
    }
  }
  return true;
}

void readCondition(const Node& value, Reader& r, Statement& s) {
  if (value.kind != Kind::Object) {
    r.error(DiagCode::RP4006, value.span,
            fmt::format("`Condition` is {}, not an object of condition operators",
                        kindName(value.kind)));
    return;
  }
  const auto counts = json::lastOfTheirKey(value);
  std::size_t keys = s.conditions.size();
  for (const Member& op : value.members) keys += op.value.members.size();
  s.conditions.reserve(keys);  // entries are large: growing the vector moved each of them
  for (std::size_t i = 0; i < value.members.size(); ++i) {
    if (!counts[i]) continue;
    const Member& op = value.members[i];
    checkOperator(op, r);
    if (op.value.kind != Kind::Object) {
      r.error(DiagCode::RP4006, op.value.span,
              fmt::format("the value of `{}` is {}, not an object of condition keys", op.key,
                          kindName(op.value.kind)));
      continue;
    }
    if (r.options.onOperator) r.options.onOperator(op);
    const auto keyCounts = json::lastOfTheirKey(op.value);
    for (std::size_t k = 0; k < op.value.members.size(); ++k) {
      if (!keyCounts[k]) continue;
      const Member& key = op.value.members[k];
      // Made in place (the vector has room for every key), and taken back if its values
      // cannot be read: an entry is large, and moving each in cost more than the odd removal.
      ConditionEntry& entry = s.conditions.emplace_back(std::string(op.key), std::string(key.key),
                                                        std::vector<std::string>{});
      entry.span = cover(key.keySpan, key.value.span);
      entry.opSpan = op.keySpan;
      entry.keySpan = key.keySpan;
      if (r.options.onConditionKey) r.options.onConditionKey(op, key);
      if (!readValues(key, r, entry)) s.conditions.pop_back();
    }
  }
}

// The strings of `Action`, `Resource` and their Not- twins, seen where the tree keeps them: a
// string is a run of one node, an array its items (a non-string item was reported and is
// skipped). Reading a statement made a vector of node pointers per list before.
class StringList {
 public:
  explicit StringList(json::Slice<Node> nodes) : nodes_(nodes) {}
  template <typename Visit>
  void forEach(Visit visit) const {
    for (const Node& node : nodes_) {
      if (node.kind == Kind::String) visit(node);
    }
  }
  std::size_t sizeAtMost() const { return nodes_.size(); }

 private:
  json::Slice<Node> nodes_;
};

// A string or a non-empty array of strings; a non-string item is reported and left out.
std::optional<StringList> readStringList(const Member& m, Reader& r) {
  const Node& value = m.value;
  if (value.kind == Kind::String) return StringList(json::Slice<Node>(&value, 1));
  if (value.kind != Kind::Array) {
    r.error(DiagCode::RP4006, value.span,
            fmt::format("`{}` is {}, not a string or an array of strings", m.key,
                        kindName(value.kind)));
    return std::nullopt;
  }
  if (value.items.empty()) {
    r.error(DiagCode::RP4006, value.span, fmt::format("`{}` is an empty array", m.key)).help =
        "list at least one value, or remove the statement";
    return std::nullopt;
  }
  bool any = false;
  for (const Node& item : value.items) {
    if (item.kind == Kind::String) {
      any = true;
    } else {
      r.error(DiagCode::RP4006, item.span,
              fmt::format("a value of `{}` is {}, not a string", m.key, kindName(item.kind)));
    }
  }
  if (!any) return std::nullopt;
  return StringList(value.items);
}

// The elements of one statement as they are met; the checks that need all of them run after.
struct Elements {
  const Member* effect = nullptr;
  const Member* action = nullptr;
  const Member* notAction = nullptr;
  const Member* resource = nullptr;
  const Member* notResource = nullptr;
  std::optional<StringList> actions, notActions, resources, notResources;
};

void readEffect(const Member& m, Reader& r, ReadStatement& out) {
  if (m.value.kind != Kind::String) {
    r.error(DiagCode::RP4006, m.value.span,
            fmt::format("`{}` is {}, not a string", m.key, kindName(m.value.kind)));
    return;
  }
  Statement& s = *out.statement;
  s.effectSpan = m.value.span;
  s.deny = m.value.text == "Deny";
  out.facts.allow = m.value.text == "Allow";
  out.facts.deny = s.deny;
  if (out.facts.allow || out.facts.deny) return;
  Diagnostic& d =
      r.error(DiagCode::RP4011, m.value.span, fmt::format("`{}` is not an effect", m.value.text));
  if (equalsIgnoreCase(m.value.text, "allow") || equalsIgnoreCase(m.value.text, "deny")) {
    d.help = fmt::format("write `{}`: the effect is case-sensitive",
                         equalsIgnoreCase(m.value.text, "allow") ? "Allow" : "Deny");
  } else {
    d.help = "the effect is `Allow` or `Deny`";
  }
}

void readList(const Member& m, Reader& r, Elements& seen, KindFacts& facts) {
  auto list = readStringList(m, r);
  if (list && r.options.onAction && (m.key == "Action" || m.key == "NotAction")) {
    list->forEach([&](const Node& v) { r.options.onAction(v); });
  }
  if (list && m.key == "Resource") {
    list->forEach([&](const Node& v) {
      facts.specificResource = facts.specificResource || r.valueText(v) != "*";
    });
  }
  if (m.key == "Action") {
    seen.action = &m;
    seen.actions = std::move(list);
  } else if (m.key == "NotAction") {
    seen.notAction = &m;
    seen.notActions = std::move(list);
  } else if (m.key == "Resource") {
    seen.resource = &m;
    seen.resources = std::move(list);
  } else {
    seen.notResource = &m;
    seen.notResources = std::move(list);
  }
}

const std::vector<std::string>& principalTypes() {
  static const std::vector<std::string> names = {"AWS", "Service", "Federated", "CanonicalUser"};
  return names;
}

void addPrincipal(std::string_view type, const Node& v, std::string_view element, Reader& r,
                  Principal& p) {
  if (v.kind == Kind::String) {
    p.values.push_back(PrincipalValue{std::string(type), std::string(r.valueText(v)), v.span});
    return;
  }
  r.error(DiagCode::RP4006, v.span,
          fmt::format("a principal of `{}` is {}, not a string", element, kindName(v.kind)));
}

// One type of principal: `"AWS": "arn:..."` or `"Service": [...]`.
void readPrincipalType(const Member& type, std::string_view element, Reader& r, Principal& p) {
  if (std::find(principalTypes().begin(), principalTypes().end(), type.key) == principalTypes().end()) {
    Diagnostic& d = r.error(DiagCode::RP4005, type.keySpan,
                            fmt::format("unknown principal type `{}` in `{}`", type.key, element));
    auto best = r.suggest(type.key, principalTypes());
    d.help = best ? fmt::format("did you mean `{}`?", *best)
                  : std::string("a principal is `AWS`, `Service`, `Federated` or `CanonicalUser`");
  }
  if (type.value.kind != Kind::Array) return addPrincipal(type.key, type.value, element, r, p);
  if (type.value.items.empty()) {
    r.error(DiagCode::RP4006, type.value.span,
            fmt::format("`{}` of `{}` is an empty array", type.key, element))
        .help = "name at least one principal, or remove the type";
  }
  for (const Node& item : type.value.items) addPrincipal(type.key, item, element, r, p);
}

// `"*"`, or an object of principal types, each a string or an array of strings. Each string
// keeps its span: a finding about one principal points at it, not at the key.
Principal readPrincipal(const Member& m, Reader& r) {
  Principal p{m.key == "NotPrincipal", json::minified(r.text, m.value.span.begin, m.value.span.end),
              m.keySpan, m.value.span, {}};
  const Node& value = m.value;
  if (value.kind == Kind::String) {
    addPrincipal("", value, m.key, r, p);
  } else if (value.kind != Kind::Object) {
    r.error(DiagCode::RP4006, value.span,
            fmt::format("`{}` is {}, not \"*\" or an object of principals", m.key, kindName(value.kind)));
  } else if (value.members.empty()) {
    r.error(DiagCode::RP4006, value.span, fmt::format("`{}` is an empty object", m.key)).help =
        "write `\"*\"`, or name principals: `{\"AWS\": \"arn:aws:iam::111122223333:root\"}`";
  }
  const auto counts = json::lastOfTheirKey(value);
  for (std::size_t i = 0; i < value.members.size(); ++i) {
    if (counts[i]) readPrincipalType(value.members[i], m.key, r, p);
  }
  return p;
}

const std::vector<std::string>& elementNames() {
  static const std::vector<std::string> names = {
      "Sid",         "Effect",    "Action",    "NotAction",   "Resource",
      "NotResource", "Condition", "Principal", "NotPrincipal"};
  return names;
}

void reportUnknownElement(const Member& m, Reader& r) {
  Diagnostic& d = r.error(DiagCode::RP4005, m.keySpan,
                          fmt::format("unknown statement element `{}`", m.key));
  if (auto best = r.suggest(m.key, elementNames())) {
    d.help = fmt::format("did you mean `{}`?", *best);
  } else {
    d.help =
        "a statement has `Sid`, `Effect`, `Action` or `NotAction`, `Resource` or "
        "`NotResource`, and `Condition`";
  }
}

void readElement(const Member& m, Reader& r, Elements& seen, ReadStatement& out) {
  Statement& s = *out.statement;
  if (m.key == "Sid") {
    if (m.value.kind != Kind::String) {
      r.error(DiagCode::RP4006, m.value.span,
              fmt::format("`{}` is {}, not a string", m.key, kindName(m.value.kind)));
      return;
    }
    s.sid = r.valueText(m.value);
    s.sidSpan = m.value.span;
    if (r.options.onSid) r.options.onSid(m.value);
  } else if (m.key == "Effect") {
    seen.effect = &m;
    readEffect(m, r, out);
  } else if (m.key == "Condition") {
    readCondition(m.value, r, s);
  } else if (m.key == "Principal" || m.key == "NotPrincipal") {
    s.principal = readPrincipal(m, r);
    out.principalKey = m.keySpan;
    out.principalName = m.key;
    out.facts.principal = true;
    out.facts.anyonePrincipal = m.key == "Principal" && anyonePrincipal(m.value);
  } else if (m.key == "Action" || m.key == "NotAction" || m.key == "Resource" ||
             m.key == "NotResource") {
    readList(m, r, seen, out.facts);
  } else {
    reportUnknownElement(m, r);
  }
}

// `Action` and `NotAction` (or `Resource` and `NotResource`) in one statement.
void reportBoth(const Member& a, const Member& b, Reader& r) {
  const Member& later = a.keySpan.begin < b.keySpan.begin ? b : a;
  const Member& earlier = &later == &a ? b : a;
  Diagnostic& d =
      r.error(DiagCode::RP4006, later.keySpan,
              fmt::format("a statement has `{}` or `{}`, not both", earlier.key, later.key));
  d.labels.push_back(Label{earlier.keySpan, fmt::format("`{}` is here", earlier.key)});
  d.help = "split it into two statements";
}

// The chosen list's values, spans and key span.
void take(const Member* key, const std::optional<StringList>& list, const Reader& r,
          std::vector<std::string>& values, std::vector<Span>& spans, Span& keySpan) {
  if (key != nullptr) keySpan = key->keySpan;
  if (!list) return;
  values.reserve(list->sizeAtMost());
  spans.reserve(list->sizeAtMost());
  list->forEach([&](const Node& v) {
    values.emplace_back(r.valueText(v));
    spans.push_back(v.span);
  });
}

void finishStatement(const Node& object, Elements& seen, Reader& r, ReadStatement& out) {
  Statement& s = *out.statement;
  if (seen.effect == nullptr) {
    r.error(DiagCode::RP4017, firstByte(object), "the statement has no `Effect`").help =
        "add `\"Effect\": \"Deny\"` or `\"Effect\": \"Allow\"`";
  }
  if (seen.action && seen.notAction) reportBoth(*seen.action, *seen.notAction, r);
  if (seen.resource && seen.notResource) reportBoth(*seen.resource, *seen.notResource, r);
  if (!seen.action && !seen.notAction) {
    r.error(DiagCode::RP4017, firstByte(object),
            "the statement has neither `Action` nor `NotAction`")
        .help = "add `Action` with the actions the statement is about";
  }
  s.notAction = !seen.action && seen.notAction;
  if (s.notAction) {
    take(seen.notAction, seen.notActions, r, s.actions, s.actionSpans, s.actionSpan);
  } else {
    take(seen.action, seen.actions, r, s.actions, s.actionSpans, s.actionSpan);
  }
  s.notResource = !seen.resource && seen.notResource;
  if (s.notResource) {
    take(seen.notResource, seen.notResources, r, s.resources, s.resourceSpans, s.resourceSpan);
  } else {
    take(seen.resource, seen.resources, r, s.resources, s.resourceSpans, s.resourceSpan);
  }
  bool hasEffect = seen.effect != nullptr && seen.effect->value.kind == Kind::String &&
                   !seen.effect->value.text.empty();
  out.usable = hasEffect && !s.actions.empty();
}

}  // namespace

void readStatement(const Node& object, Reader& r, ReadStatement& out) {
  out.statement->origin = object.span;
  out.statement->deny = false;
  Elements seen;
  const auto counts = json::lastOfTheirKey(object);  // a key given twice: the last counts
  for (std::size_t i = 0; i < object.members.size(); ++i) {
    if (counts[i]) readElement(object.members[i], r, seen, out);
  }
  finishStatement(object, seen, r, out);
}

}  // namespace rootpol::policy::detail
