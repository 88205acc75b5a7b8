#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/source.h"
#include "policy/operators.h"

// The IAM policy document model: what lowering produces, what policy::readDocument reads from
// JSON (SCP, RCP, identity and resource policies), and what the writer serialises. Every
// element keeps the span it came from: a JSON policy's text, or the .rootpol source it was
// compiled from. Nothing here knows about the rootpol AST.
namespace rootpol::policy {

// How a condition value was written: a JSON string, or a number or boolean literal (kept as
// its text, `1.50` stays `1.50`, and written back unquoted).
enum class Written : std::uint8_t { String, Literal };

// One `"Operator": {"key": values}` entry. Entries with the same operator are grouped by the
// writer in first-appearance order.
struct ConditionEntry {
  ConditionEntry() = default;
  ConditionEntry(std::string op, std::string key, std::vector<std::string> values)
      : op(std::move(op)), key(std::move(key)), values(std::move(values)) {}

  std::string op;   // as written: "StringEquals", "ForAnyValue:StringLike", "BoolIfExists", ...
  std::string key;  // "aws:SourceIp"
  std::vector<std::string> values;  // strings decoded; literals as their JSON text
  Span span;                        // the rootpol atom it came from, or the JSON key's member
  Span opSpan;                      // JSON: the operator key
  Span keySpan;                     // JSON: the condition key
  std::vector<Span> valueSpans;     // JSON: one per value
  std::vector<Written> written;     // empty: every value a string

  // The operator of `op`, nullopt when IAM has none of that name (policy/operators.h).
  std::optional<Operator> oper() const { return parseOperator(op); }
  bool literal(std::size_t i) const { return i < written.size() && written[i] == Written::Literal; }
};

// One principal a `Principal` names: `"*"` (no type), or a string of `{"AWS": ...}`,
// `{"Service": [...]}`, ... Findings about one principal point at its own value, which may
// sit lines below the key.
struct PrincipalValue {
  std::string type;  // "AWS", "Service", "Federated", "CanonicalUser", ...; empty: `"Principal": "*"`
  std::string text;  // the string as decoded
  Span span;         // the string
};

// `Principal` or `NotPrincipal`, kept as the JSON written (`"*"`, `{"AWS":[...]}`), minified.
struct Principal {
  Principal() = default;
  Principal(bool notPrincipal, std::string json, Span span, Span valueSpan = {},
            std::vector<PrincipalValue> values = {})
      : notPrincipal(notPrincipal),
        json(std::move(json)),
        span(span),
        valueSpan(valueSpan),
        values(std::move(values)) {}

  bool notPrincipal = false;
  std::string json;
  Span span;  // the key
  // JSON: the whole value, and each string in it, in text order (a value of the wrong type
  // is reported by the reader and left out).
  Span valueSpan;
  std::vector<PrincipalValue> values;
};

struct Statement {
  std::string sid;  // empty: none
  bool deny = true;
  std::optional<Principal> principal;
  bool notAction = false;
  std::vector<std::string> actions;
  bool notResource = false;
  // Empty when the element is absent, which IAM reads as every resource; lowering writes "*"
  // when the rule names none.
  std::vector<std::string> resources;
  std::vector<ConditionEntry> conditions;
  Span origin;  // the rule it came from, or the statement object
  Span sidSpan;
  Span effectSpan;
  Span actionSpan;                  // the rule's action part, or the JSON element's key
  Span resourceSpan;                // the rule's resource part, or the JSON element's key
  std::vector<Span> actionSpans;    // JSON: one per action
  std::vector<Span> resourceSpans;  // JSON: one per resource
};

// The policy language version in which `${...}` is a policy variable: lowering writes it, and
// IAM reads the older `2008-10-17` (also what an absent `Version` means) with `${...}` as
// plain text.
inline constexpr std::string_view kVariablesVersion = "2012-10-17";

struct Document {
  // As written: empty when a read document has no `Version` (IAM reads it as `2008-10-17`, and
  // the writer leaves the element out). A document built in code is 2012-10-17.
  std::string version = std::string(kVariablesVersion);
  std::optional<std::string> id;
  std::vector<Statement> statements;
  Span span;
};

// Whether `${...}` in the document's strings is a policy variable: only under Version
// 2012-10-17; under `2008-10-17`, an absent Version or any other text it is literal text (IAM
// User Guide, "IAM JSON policy elements: Version": without 2012-10-17, variables such as
// `${aws:username}` are not recognised as variables and are read as literal strings).
bool variablesApply(const Document& document);

// Minified, deterministic JSON: `Version`, `Id`, then `Statement`; inside a statement `Sid`,
// `Effect`, `Principal`/`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource`,
// `Condition`; single values as a scalar. Condition values are strings unless read as JSON
// literals (lowering writes Bool values as the strings "true"/"false"). Invalid UTF-8 in a
// string is replaced (sema or the reader has reported it).
std::string toJson(const Document& document);
// The exact byte size of toJson(document).
std::size_t jsonSize(const Document& document);

}  // namespace rootpol::policy
