#pragma once

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"
#include "base/text.h"
#include "catalog/catalog.h"
#include "lint/config.h"
#include "lint/document.h"
#include "policy/json_reader.h"
#include "policy/policy_kind.h"

// Lint reads policy JSON through the hub's position-keeping reader.
namespace rootpol::lint {
namespace json = policy::json;
}  // namespace rootpol::lint

// Internal to the policy readers (json_policy*.cpp, yaml_policy.cpp): what JSON policies and
// Terraform statement lists in YAML share once both are a json::Node tree.
namespace rootpol::lint::detail {

// A text as written and where: what the element checks report at. The text is a view (of the
// parsed tree, the file, or a statement's strings), each of which outlives the checks.
struct Located {
  std::string_view text;
  Span span;
};

struct ReadContext {
  const SourceFile& file;
  const catalog::Catalog& catalog;
  DiagnosticSink& sink;
  // The text that was parsed: the file's, or for a template a copy of the same length in
  // which template sequences outside strings are blanked (so every offset is the file's).
  std::string_view text;
  // Where such a `${...}` was read as a placeholder string (its text is taken from the file).
  std::vector<std::uint32_t> templateValues;
  bool templateFile = false;  // .tftpl and .yaml: `$${` is an escaped `${`, not a placeholder
  // "Did you mean" over the catalog costs an edit distance per candidate (hundreds): a file
  // with thousands of unknown names gets help on the first ones only.
  std::size_t suggestionsLeft = 64;
  std::size_t suggestionsAsked = 0;  // budget or not: a read in runs checks it (json_policy.cpp)
  bool suggest() {
    ++suggestionsAsked;
    return suggestionsLeft > 0 && suggestionsLeft-- > 0;
  }
  DeclaredKind declared = DeclaredKind::Auto;  // lint --kind or the configuration's `kinds`
  unsigned threads = 1;  // a large document's statements are read on up to this many
  // Where the two memos below keep their nodes: a few blocks for the whole read, not an
  // allocation per distinct text (a policy of 10,000 statements names thousands of actions).
  std::pmr::monotonic_buffer_resource memoArena{};
  // Action texts already checked with no finding: large policies name the same actions over
  // and over, and each check is two catalog searches. Views of the tree being read (or of the
  // file), which outlive this context's reading: no copy of each text.
  std::pmr::unordered_set<std::string_view> checkedActions{&memoArena};
  // The same for condition keys: each key text with a bit per operator value type it was
  // checked under with no finding (bit 8: an unknown operator). Views, as above.
  std::pmr::unordered_map<std::string_view, std::uint16_t> checkedConditionKeys{&memoArena};
};

// The hub's kind for a declared one (nullopt for Auto).
std::optional<policy::PolicyKind> policyKind(DeclaredKind declared);
// The linter's kind for the hub's.
LintDocument::Kind lintKind(policy::PolicyKind kind);

Span firstByte(const json::Node& node);
// json::lastOfTheirKey (found by argument lookup) tells which member of a key written twice
// counts; RP4014 reports the others.
// The text a scalar stands for: a string decoded (a template placeholder as written), a number
// as written, "true"/"false", "null".
std::string_view scalarText(const json::Node& node, const ReadContext& ctx);
using json::kindName;  // "an object", "a number", ...

// --- statements (json_policy_statement.cpp) ---------------------------------------------

// The spelling of one statement's elements: IAM JSON or Terraform's aws_iam_policy_document.
struct StatementShape {
  std::string_view sid, effect, action, notAction, resource, notResource, condition, principal,
      notPrincipal;
  bool effectDefaultsToAllow = false;  // Terraform: a statement without `effect` allows
  void (*readConditions)(const json::Node& value, ReadContext& ctx,
                         std::vector<policy::ConditionEntry>& out) = nullptr;
  // Whether a Principal value means "every principal" (`"*"`, `{"AWS": "*"}`).
  bool (*anyonePrincipal)(const json::Node& value) = nullptr;
  // The IAM JSON of a Principal value (minified), as Terraform renders its blocks.
  std::string (*principalJson)(const json::Node& value) = nullptr;
};
extern const StatementShape kTerraformStatement;

// What decides the document's kind, per statement.
struct StatementFacts {
  std::optional<Span> principalKey;  // `Principal`/`NotPrincipal` as written
  std::string principalName;         // its key
  bool anyonePrincipal = false;      // `"Principal": "*"` or `{"AWS": "*"}`
  bool deny = false;
  bool allow = false;
  bool specificResource = false;  // a `Resource` value other than `*`
};

struct ReadStatement {
  policy::Statement statement;
  StatementFacts facts;
  bool usable = false;  // has an Effect and Action or NotAction
};

// Reads one statement object; reports its problems except those that depend on the document's
// kind (Principal in an SCP), which finishDocument() reports.
ReadStatement readStatement(const json::Node& object, const StatementShape& shape,
                            ReadContext& ctx);

// Reads every statement of `statements` (objects) into `doc`, then reports duplicate Sids and
// decides the kind: RP4015 at `statementKey` for a document that is not an SCP, RP4004 for a
// Principal in one that is.
void readStatements(const std::vector<const json::Node*>& statements, const StatementShape& shape,
                    Span statementKey, LintDocument& doc, ReadContext& ctx);
// RP4010 for Sids used twice.
void reportDuplicateSids(const LintDocument& doc, ReadContext& ctx);
// The kind a file's path gives a document its statements leave as "another policy", when no kind
// is declared: an SCP allow-list with specific resources (SCPs take them since 2025), which the
// statements alone make an identity policy, when the path says `scp` (`scps/allow-s3.json`); an
// RCP with a mistake (an `Allow`, a specific principal), which they make a resource-based
// policy, when the path says `rcp` or `resource-control`. Declared kinds need no guess.
std::optional<LintDocument::Kind> kindFromPath(const std::vector<policy::KindFacts>& facts,
                                               std::string_view path);
// RP4015 for a document that is not an SCP (the hub reported RP4004 for one that is).
void reportNotScp(const LintDocument& doc, const std::vector<policy::KindFacts>& facts,
                  Span statementKey, ReadContext& ctx);

// A string or a non-empty array of strings (RP4006 otherwise).
std::optional<std::vector<Located>> readStringList(const json::Node& value,
                                                   std::string_view element, ReadContext& ctx);
// RP1013: a Sid of other characters than letters and digits.
void checkSid(const Located& sid, ReadContext& ctx);
// An action pattern checked against the catalog (RP1014, RP1020, RP1021, RP1022).
void checkAction(const Located& action, ReadContext& ctx);
// What checkAction asks of an action's text, found in one pass.
struct ActionTextShape {
  std::size_t colon = std::string_view::npos;  // the first `:`
  bool blank = false;                          // a space, tab, carriage return or line feed
  bool wildcard = false;                       // `*` or `?`
  bool wildcardInPrefix = false;               // `*` or `?` before the first `:`
  bool mayHoldPlaceholder = false;             // one of `$ % { [ <` (hasPlaceholder may say yes)
};
ActionTextShape shapeOfActionText(std::string_view text);

// --- conditions (json_policy_conditions.cpp) --------------------------------------------

// RP1010 and RP1011 for one condition key under the operator as written.
void checkConditionKey(const Located& op, const Located& key, ReadContext& ctx);
// RP4014 for keys of one operator that differ only in case.
void reportKeysDifferingInCase(const json::Node& keys, ReadContext& ctx);
// One operator, key and values (a scalar or an array of scalars), checked: the operator
// (RP4012), the key against the catalog (RP1010) and against the operator (RP1011), the values
// (RP4006). Returns false when the values could not be read.
bool readConditionEntry(Located op, Located key, const json::Node& values, ReadContext& ctx,
                        policy::ConditionEntry& out);

// --- whole-tree scans (json_policy_scan.cpp) --------------------------------------------

// RP4014 for every object with a key written twice.
void reportDuplicateKeys(const json::Node& root, DiagnosticSink& sink);
// RP4013 for every template placeholder in a string (keys included).
void reportPlaceholders(const json::Node& root, ReadContext& ctx);
// A copy of a template's text in which `${...}` outside strings reads as a string and
// `%{...}` as blanks, each reported (RP4013); sets ctx.templateValues.
std::string blankTemplateSequences(ReadContext& ctx);
// Whether `text` holds a placeholder (so a catalog check of it would only add noise).
bool hasPlaceholder(std::string_view text);

// --- YAML (yaml_policy.cpp) -------------------------------------------------------------

std::optional<LintDocument> readYamlPolicy(ReadContext& ctx);

}  // namespace rootpol::lint::detail
