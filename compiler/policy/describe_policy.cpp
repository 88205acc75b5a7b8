#include "policy/describe_policy.h"

#include "policy/json_reader.h"

namespace rootpol::policy {

namespace {

const json::Node* member(const json::Node* object, std::string_view key) {
  if (object == nullptr || object->kind != json::Kind::Object) return nullptr;
  const json::Member* m = object->find(key);
  return m == nullptr ? nullptr : &m->value;
}

}  // namespace

std::optional<DescribedPolicy> readDescribePolicy(std::string_view text, FileId file) {
  json::ParseResult outer = json::parse(text, file);
  if (!outer.value || outer.error) return std::nullopt;
  const json::Node* policy = member(&*outer.value, "Policy");
  // A document that also has a Statement is a policy document with a stray key, not a wrapper.
  if (policy == nullptr || member(&*outer.value, "Statement") != nullptr) return std::nullopt;
  DescribedPolicy out;
  const json::Node* summary = member(policy, "PolicySummary");
  if (const json::Node* name = member(summary, "Name"); name && name->kind == json::Kind::String) out.name = name->text;
  if (const json::Node* type = member(summary, "Type"); type && type->kind == json::Kind::String) {
    out.type = type->text;
    out.typeSpan = type->span;
  }
  const json::Node* content = member(policy, "Content");
  out.contentSpan = content ? content->span : policy->span;
  out.hasContent = content != nullptr;
  if (content && content->kind == json::Kind::String) out.content = content->text;
  return out;
}

}  // namespace rootpol::policy
