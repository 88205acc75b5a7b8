// Statements in Terraform's shape (yaml_policy.cpp): their elements, and the checks lint runs
// on every statement, JSON (through the hub reader's hooks) or YAML: Sids and actions.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "policy/json_string.h"
#include "policy/variables.h"
#include "sema/suggest.h"

namespace rootpol::lint::detail {

namespace {

enum class Element { Sid, Effect, Action, NotAction, Resource, NotResource, Condition, Principal };

std::optional<Element> elementOf(std::string_view key, const StatementShape& shape) {
  if (key == shape.sid) return Element::Sid;
  if (key == shape.effect) return Element::Effect;
  if (key == shape.action) return Element::Action;
  if (key == shape.notAction) return Element::NotAction;
  if (key == shape.resource) return Element::Resource;
  if (key == shape.notResource) return Element::NotResource;
  if (key == shape.condition) return Element::Condition;
  if (key == shape.principal || key == shape.notPrincipal) return Element::Principal;
  return std::nullopt;
}

std::vector<std::string> elementNames(const StatementShape& shape) {
  return {
      std::string(shape.sid),       std::string(shape.effect),    std::string(shape.action),
      std::string(shape.notAction), std::string(shape.resource),  std::string(shape.notResource),
      std::string(shape.condition), std::string(shape.principal), std::string(shape.notPrincipal)};
}

bool isAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The elements of one statement as they are met; the checks that need all of them run after.
struct Elements {
  const json::Member* effect = nullptr;
  const json::Member* action = nullptr;
  const json::Member* notAction = nullptr;
  const json::Member* resource = nullptr;
  const json::Member* notResource = nullptr;
  std::optional<std::vector<Located>> actions, notActions, resources, notResources;
};

void readSid(const json::Member& m, ReadContext& ctx, policy::Statement& st) {
  if (m.value.kind != json::Kind::String) {
    ctx.sink.report(DiagCode::RP4006, m.value.span,
                    fmt::format("`{}` is {}, not a string", m.key, kindName(m.value.kind)));
    return;
  }
  st.sid = scalarText(m.value, ctx);
  st.sidSpan = m.value.span;
  checkSid(Located{st.sid, st.sidSpan}, ctx);
}

}  // namespace

void checkSid(const Located& located, ReadContext& ctx) {
  std::string_view sid = located.text;
  if (hasPlaceholder(sid) || std::all_of(sid.begin(), sid.end(), isAlnum)) return;
  Diagnostic& d = ctx.sink.report(
      DiagCode::RP1013, located.span,
      fmt::format("the Sid `{}` has characters other than letters and digits", sid));
  std::string fixed;
  std::copy_if(sid.begin(), sid.end(), std::back_inserter(fixed), isAlnum);
  d.help = fixed.empty() ? std::string("a Sid may only use A-Z, a-z and 0-9")
                         : fmt::format("write `{}`", fixed);
}

namespace {

void readEffect(const json::Member& m, ReadContext& ctx, ReadStatement& out) {
  if (m.value.kind != json::Kind::String) {
    ctx.sink.report(DiagCode::RP4006, m.value.span,
                    fmt::format("`{}` is {}, not a string", m.key, kindName(m.value.kind)));
    return;
  }
  out.statement.effectSpan = m.value.span;
  out.statement.deny = m.value.text == "Deny";
  out.facts.allow = m.value.text == "Allow";
  out.facts.deny = m.value.text == "Deny";
  if (out.facts.allow || out.facts.deny) return;
  Diagnostic& d = ctx.sink.report(DiagCode::RP4011, m.value.span,
                                  fmt::format("`{}` is not an effect", m.value.text));
  if (equalsIgnoreCase(m.value.text, "allow") || equalsIgnoreCase(m.value.text, "deny")) {
    d.help = fmt::format("write `{}`: the effect is case-sensitive",
                         equalsIgnoreCase(m.value.text, "allow") ? "Allow" : "Deny");
  } else {
    d.help = "the effect is `Allow` or `Deny`";
  }
}

void readList(const json::Member& m, Element element, ReadContext& ctx, Elements& seen,
              StatementFacts& facts) {
  auto list = readStringList(m.value, m.key, ctx);
  bool isAction = element == Element::Action || element == Element::NotAction;
  if (list && isAction) {
    for (const Located& action : *list) checkAction(action, ctx);
  }
  if (list && element == Element::Resource) {
    for (const Located& r : *list) facts.specificResource = facts.specificResource || r.text != "*";
  }
  switch (element) {
    case Element::Action:
      seen.action = &m;
      seen.actions = std::move(list);
      break;
    case Element::NotAction:
      seen.notAction = &m;
      seen.notActions = std::move(list);
      break;
    case Element::Resource:
      seen.resource = &m;
      seen.resources = std::move(list);
      break;
    default:
      seen.notResource = &m;
      seen.notResources = std::move(list);
      break;
  }
}

void reportUnknownElement(const json::Member& m, const StatementShape& shape, ReadContext& ctx) {
  Diagnostic& d = ctx.sink.report(DiagCode::RP4005, m.keySpan,
                                  fmt::format("unknown statement element `{}`", m.key));
  if (auto best = sema::closestMatch(m.key, elementNames(shape))) {
    d.help = fmt::format("did you mean `{}`?", *best);
  } else {
    d.help = fmt::format("a statement has `{}`, `{}`, `{}` or `{}`, `{}` or `{}`, and `{}`",
                         shape.sid, shape.effect, shape.action, shape.notAction, shape.resource,
                         shape.notResource, shape.condition);
  }
}

void readElement(const json::Member& m, const StatementShape& shape, ReadContext& ctx,
                 Elements& seen, ReadStatement& out) {
  std::optional<Element> element = elementOf(m.key, shape);
  if (!element) return reportUnknownElement(m, shape, ctx);
  switch (*element) {
    case Element::Sid:
      return readSid(m, ctx, out.statement);
    case Element::Effect:
      seen.effect = &m;
      return readEffect(m, ctx, out);
    case Element::Condition:
      return shape.readConditions(m.value, ctx, out.statement.conditions);
    case Element::Principal:
      out.statement.principal =
          policy::Principal{m.key == shape.notPrincipal, shape.principalJson(m.value), m.keySpan};
      out.facts.principalKey = m.keySpan;
      out.facts.principalName = m.key;
      out.facts.anyonePrincipal = m.key == shape.principal && shape.anyonePrincipal(m.value);
      return;
    default:
      return readList(m, *element, ctx, seen, out.facts);
  }
}

// `Action` and `NotAction` (or `Resource` and `NotResource`) in one statement.
void reportBoth(const json::Member& a, const json::Member& b, ReadContext& ctx) {
  const json::Member& later = a.keySpan.begin < b.keySpan.begin ? b : a;
  const json::Member& earlier = &later == &a ? b : a;
  Diagnostic& d = ctx.sink.report(
      DiagCode::RP4006, later.keySpan,
      fmt::format("a statement has `{}` or `{}`, not both", earlier.key, later.key));
  d.labels.push_back(Label{earlier.keySpan, fmt::format("`{}` is here", earlier.key)});
  d.help = "split it into two statements";
}

void finishStatement(const json::Node& object, const StatementShape& shape, Elements& seen,
                     ReadContext& ctx, ReadStatement& out) {
  policy::Statement& st = out.statement;
  bool hasEffect = seen.effect != nullptr && seen.effect->value.kind == json::Kind::String &&
                   !seen.effect->value.text.empty();
  if (seen.effect == nullptr && shape.effectDefaultsToAllow) {
    st.deny = false;
    st.effectSpan = firstByte(object);
    out.facts.allow = hasEffect = true;
  } else if (seen.effect == nullptr) {
    ctx.sink
        .report(DiagCode::RP4017, firstByte(object),
                fmt::format("the statement has no `{}`", shape.effect))
        .help =
        fmt::format("add `\"{}\": \"Deny\"` or `\"{}\": \"Allow\"`", shape.effect, shape.effect);
  }
  if (seen.action && seen.notAction) reportBoth(*seen.action, *seen.notAction, ctx);
  if (seen.resource && seen.notResource) reportBoth(*seen.resource, *seen.notResource, ctx);
  if (!seen.action && !seen.notAction) {
    ctx.sink
        .report(
            DiagCode::RP4017, firstByte(object),
            fmt::format("the statement has neither `{}` nor `{}`", shape.action, shape.notAction))
        .help = fmt::format("add `{}` with the actions the statement is about", shape.action);
  }
  st.notAction = !seen.action && seen.notAction;
  if (auto& list = st.notAction ? seen.notActions : seen.actions) {
    st.actionSpan = (st.notAction ? seen.notAction : seen.action)->keySpan;
    for (Located& a : *list) {
      st.actions.emplace_back(a.text);
      st.actionSpans.push_back(a.span);
    }
  }
  st.notResource = !seen.resource && seen.notResource;
  if (auto& list = st.notResource ? seen.notResources : seen.resources) {
    st.resourceSpan = (st.notResource ? seen.notResource : seen.resource)->keySpan;
    for (Located& r : *list) {
      st.resources.emplace_back(r.text);
      st.resourceSpans.push_back(r.span);
    }
  }
  out.usable = hasEffect && !st.actions.empty();
}

}  // namespace

ReadStatement readStatement(const json::Node& object, const StatementShape& shape,
                            ReadContext& ctx) {
  ReadStatement out;
  out.statement.origin = object.span;
  Elements seen;
  const auto counts = lastOfTheirKey(object);
  for (std::size_t i = 0; i < object.members.size(); ++i) {
    if (counts[i]) readElement(object.members[i], shape, ctx, seen, out);
  }
  finishStatement(object, shape, seen, ctx, out);
  return out;
}

std::optional<std::vector<Located>> readStringList(const json::Node& value,
                                                   std::string_view element, ReadContext& ctx) {
  if (value.kind == json::Kind::String) {
    return std::vector<Located>{Located{scalarText(value, ctx), value.span}};
  }
  if (value.kind != json::Kind::Array) {
    ctx.sink.report(DiagCode::RP4006, value.span,
                    fmt::format("`{}` is {}, not a string or an array of strings", element,
                                kindName(value.kind)));
    return std::nullopt;
  }
  if (value.items.empty()) {
    ctx.sink.report(DiagCode::RP4006, value.span, fmt::format("`{}` is an empty array", element))
        .help = "list at least one value, or remove the statement";
    return std::nullopt;
  }
  std::vector<Located> out;
  for (const json::Node& item : value.items) {
    if (item.kind == json::Kind::String) {
      out.push_back(Located{scalarText(item, ctx), item.span});
    } else {
      ctx.sink.report(
          DiagCode::RP4006, item.span,
          fmt::format("a value of `{}` is {}, not a string", element, kindName(item.kind)));
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// The same checks and messages as sema's Checker::checkActionInCatalog (which is a member of
// the checker and cannot be called from here), without its search of other services for a
// mistyped prefix.
ActionTextShape shapeOfActionText(std::string_view text) {
  enum : std::uint8_t { kColon = 1, kBlank = 2, kWildcard = 4, kMark = 8 };
  static constexpr std::array<std::uint8_t, 256> kClass = [] {
    std::array<std::uint8_t, 256> out{};
    for (std::size_t c = 0; c < out.size(); ++c) {
      if (json::kJsonBlank[c]) out[c] = kBlank;
      if (json::kPlaceholderStart[c]) out[c] = kMark;
    }
    out[':'] = kColon;
    for (unsigned char c : std::string_view("*?")) out[c] = kWildcard;
    return out;
  }();
  ActionTextShape shape;
  std::uint8_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::uint8_t c = kClass[static_cast<unsigned char>(text[i])];
    if (c == kColon && shape.colon == std::string_view::npos) {
      shape.colon = i;
      shape.wildcardInPrefix = (seen & kWildcard) != 0;
    }
    seen |= c;
  }
  shape.blank = (seen & kBlank) != 0;
  shape.wildcard = (seen & kWildcard) != 0;
  shape.mayHoldPlaceholder = (seen & kMark) != 0;
  return shape;
}

namespace {

void checkActionText(const Located& action, ReadContext& ctx) {
  std::string_view text = action.text;
  if (text == "*") return;
  // One pass over the text answers what the checks below ask of it (an action is checked once
  // per distinct text, but there are thousands of texts in a large policy).
  const ActionTextShape shape = shapeOfActionText(text);
  if (shape.mayHoldPlaceholder) {
    if (hasPlaceholder(text)) return;
    if (text.find("${") != std::string::npos && !policy::variableKeys(text).empty()) {
      ctx.sink.report(DiagCode::RP4023, action.span, fmt::format("`{}`: `Action` takes no policy variables", text))
          .help = "IAM substitutes variables in `Resource` and condition values only; name the actions";
      return;
    }
  }
  std::size_t colon = shape.colon;
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size() || shape.blank) {
    ctx.sink.report(DiagCode::RP1014, action.span, fmt::format("`{}` is not an action", text))
        .help = "write `service:Action`, such as `s3:GetObject`, or `*` for every action";
    return;
  }
  const catalog::Catalog& catalog = ctx.catalog;
  if (!shape.wildcard && catalog.findAction(text)) return;  // most actions: one lookup
  std::string_view prefix = std::string_view(text).substr(0, colon);
  std::string_view name = std::string_view(text).substr(colon + 1);
  if (!shape.wildcardInPrefix && !catalog.service(prefix)) {
    Diagnostic& d = ctx.sink.report(DiagCode::RP1020, action.span,
                                    fmt::format("unknown service prefix `{}`", prefix));
    auto prefixes = ctx.suggest() ? catalog.servicePrefixes() : std::vector<std::string_view>{};
    if (auto best = sema::closestMatch(prefix, {prefixes.begin(), prefixes.end()})) {
      d.help = fmt::format("did you mean `{}:{}`?", *best, name);
    }
  } else if (shape.wildcard) {
    if (catalog.anyActionMatches(text)) return;
    ctx.sink.report(DiagCode::RP1022, action.span, fmt::format("`{}` matches no action", text))
        .help = fmt::format("`rootpol catalog actions '{}:*'` lists the service's actions", prefix);
  } else {  // a known service, and findAction found no such action above
    Diagnostic& d =
        ctx.sink.report(DiagCode::RP1021, action.span, fmt::format("unknown action `{}`", text));
    auto names = ctx.suggest() ? catalog.actionNames(prefix) : std::vector<std::string_view>{};
    if (auto best = sema::closestMatch(name, {names.begin(), names.end()})) {
      d.help = fmt::format("did you mean `{}:{}`?", catalog.service(prefix)->prefix, *best);
    }
  }
}

}  // namespace

void checkAction(const Located& action, ReadContext& ctx) {
  if (ctx.checkedActions.contains(action.text)) return;
  std::size_t before = ctx.sink.diagnostics().size();
  checkActionText(action, ctx);
  if (ctx.sink.diagnostics().size() == before) ctx.checkedActions.emplace(action.text);
}

}  // namespace rootpol::lint::detail
