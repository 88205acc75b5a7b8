// YAML statement lists in Terraform's `aws_iam_policy_document` shape, as Cloud Posse keeps
// its SCPs: a list of `{sid, effect, actions, resources, condition: [{test, variable,
// values}]}` that Terraform turns into the policy JSON.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "lint/policy_reader.h"
#include "lint/yaml_reader.h"
#include "sema/suggest.h"

namespace rootpol::lint::detail {
namespace {

void readTerraformCondition(const json::Node& item, ReadContext& ctx,
                            std::vector<policy::ConditionEntry>& out) {
  static const std::vector<std::string> kKeys = {"test", "variable", "values"};
  for (const json::Member& m : item.members) {
    if (m.key == "test" || m.key == "variable" || m.key == "values") continue;
    Diagnostic& d = ctx.sink.report(DiagCode::RP4005, m.keySpan,
                                    fmt::format("unknown condition element `{}`", m.key));
    if (auto best = sema::closestMatch(m.key, kKeys))
      d.help = fmt::format("did you mean `{}`?", *best);
  }
  const json::Member* test = item.find("test");
  const json::Member* variable = item.find("variable");
  const json::Member* values = item.find("values");
  for (auto [member, name] :
       {std::pair{test, "test"}, {variable, "variable"}, {values, "values"}}) {
    if (member == nullptr) {
      ctx.sink
          .report(DiagCode::RP4017, firstByte(item), fmt::format("the condition has no `{}`", name))
          .help = "a condition has `test` (the operator), `variable` (the key) and `values`";
      return;
    }
    if (member != values && member->value.kind != json::Kind::String) {
      ctx.sink.report(DiagCode::RP4006, member->value.span,
                      fmt::format("`{}` is {}, not a string", name, kindName(member->value.kind)));
      return;
    }
  }
  policy::ConditionEntry condition;
  if (readConditionEntry(Located{test->value.text, test->value.span},
                         Located{variable->value.text, variable->value.span}, values->value, ctx,
                         condition)) {
    out.push_back(std::move(condition));
  }
}

void readTerraformConditions(const json::Node& value, ReadContext& ctx,
                             std::vector<policy::ConditionEntry>& out) {
  if (value.kind != json::Kind::Array) {
    ctx.sink.report(
        DiagCode::RP4006, value.span,
        fmt::format("`condition` is {}, not a list of conditions", kindName(value.kind)));
    return;
  }
  for (const json::Node& item : value.items) {
    if (item.kind == json::Kind::Object) {
      readTerraformCondition(item, ctx, out);
    } else {
      ctx.sink.report(DiagCode::RP4006, item.span,
                      fmt::format("a condition is {}, not a mapping", kindName(item.kind)));
    }
  }
}

// `principals { type = "*", identifiers = ["*"] }`, or type "AWS" with identifier "*".
bool anyoneTerraformPrincipal(const json::Node& value) {
  if (value.kind != json::Kind::Array || value.items.size() != 1) return false;
  const json::Node& p = value.items.front();
  const json::Member* type = p.find("type");
  const json::Member* ids = p.find("identifiers");
  if (type == nullptr || ids == nullptr || (type->value.text != "*" && type->value.text != "AWS")) {
    return false;
  }
  const json::Node& v = ids->value;
  bool list = v.kind == json::Kind::Array && v.items.size() == 1;
  return (list ? v.items.front().text : v.text) == "*";
}

// `principals = [{type = "AWS", identifiers = [...]}, ...]` as the Principal JSON Terraform
// renders: `"*"` for type `*`, else an object of type to identifiers (one as a string).
std::string terraformPrincipalJson(const json::Node& value) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const json::Node& block : value.items) {
    const json::Member* type = block.find("type");
    const json::Member* ids = block.find("identifiers");
    if (type == nullptr) continue;
    if (type->value.text == "*") return "\"*\"";
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    if (ids != nullptr && ids->value.kind == json::Kind::Array) {
      for (const json::Node& id : ids->value.items) list.push_back(id.text);
    } else if (ids != nullptr) {
      list.push_back(ids->value.text);
    }
    out[type->value.text] = list.size() == 1 ? list.front() : list;
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Terraform template directives on lines of their own (`%{ for r in regions }`), blanked so
// the YAML around them reads as the rendered file would.
std::string blankDirectiveLines(ReadContext& ctx) {
  std::string out = ctx.file.text();
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t stop = std::min(out.find('\n', start), out.size());
    std::size_t begin = out.find_first_not_of(' ', start);
    if (begin < stop && out.compare(begin, 2, "%{") == 0) {
      std::size_t close = out.find('}', begin);
      if (close < stop && out.find_first_not_of(" \r", close + 1) >= stop) {
        Span at{ctx.file.id(), static_cast<std::uint32_t>(begin),
                static_cast<std::uint32_t>(close + 1)};
        Diagnostic& d = ctx.sink.report(DiagCode::RP4013, at,
                                        fmt::format("template directive `{}` in the policy",
                                                    out.substr(begin, close + 1 - begin)));
        d.notes.push_back("the lines it repeats or leaves out are read once, as written");
        d.help = "lint the rendered policy to check what the template produces";
        std::fill(out.begin() + static_cast<std::ptrdiff_t>(begin),
                  out.begin() + static_cast<std::ptrdiff_t>(close) + 1, ' ');
      }
    }
    start = stop + 1;
  }
  return out;
}

}  // namespace

const StatementShape kTerraformStatement = {.sid = "sid",
                                            .effect = "effect",
                                            .action = "actions",
                                            .notAction = "not_actions",
                                            .resource = "resources",
                                            .notResource = "not_resources",
                                            .condition = "condition",
                                            .principal = "principals",
                                            .notPrincipal = "not_principals",
                                            .effectDefaultsToAllow = true,
                                            .readConditions = readTerraformConditions,
                                            .anyonePrincipal = anyoneTerraformPrincipal,
                                            .principalJson = terraformPrincipalJson};

std::optional<LintDocument> readYamlPolicy(ReadContext& ctx) {
  std::string blanked = blankDirectiveLines(ctx);
  ctx.text = blanked;
  json::ParseResult parsed = yaml::parse(ctx.text, ctx.file.id());
  if (!parsed.value) {
    std::uint32_t at = parsed.error->offset;
    ctx.sink.report(DiagCode::RP4016, Span{ctx.file.id(), at, at < ctx.text.size() ? at + 1 : at},
                    fmt::format("unsupported YAML: {}", parsed.error->message));
    return std::nullopt;
  }
  const json::Node& root = *parsed.value;
  if (root.kind != json::Kind::Array) {
    ctx.sink
        .report(DiagCode::RP4016, root.span,
                "a YAML file that is neither a policy document nor a list of Terraform policy statements")
        .help = "lint reads YAML policy documents (`Version:`, `Statement:`) and lists of "
                "`aws_iam_policy_document` statements (`- sid: ...`)";
    return std::nullopt;
  }
  reportDuplicateKeys(root, ctx.sink);
  reportPlaceholders(root, ctx);
  LintDocument doc;
  doc.origin = LintDocument::Origin::Json;
  doc.name = ctx.file.path();
  doc.file = ctx.file.id();
  doc.span = root.span;
  std::vector<const json::Node*> statements;
  for (const json::Node& item : root.items) {
    if (item.kind == json::Kind::Object) {
      statements.push_back(&item);
    } else {
      ctx.sink.report(DiagCode::RP4006, item.span,
                      fmt::format("a statement is {}, not a mapping", kindName(item.kind)));
    }
  }
  readStatements(statements, kTerraformStatement, firstByte(root), doc, ctx);
  // What AWS receives is the JSON Terraform renders, not this file: both sizes are that (an
  // estimate: Terraform may order keys differently, which changes no byte count).
  doc.bytesMinified = policy::jsonSize(doc.policy);
  doc.bytesAsWritten = doc.bytesMinified;
  return doc;
}

}  // namespace rootpol::lint::detail
