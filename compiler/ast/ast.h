#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/types.h"
#include "base/source.h"

// The rootpol syntax tree. Every node carries the Span of its text. The parser fills the
// syntactic fields; semantic analysis fills the fields under "resolved by sema", which the
// lowering and the reference interpreter read (neither looks at names again).
namespace rootpol::ast {

struct Expr {
  enum class Kind { String, Int, Bool, List, Name, Action };
  Kind kind = Kind::String;
  Span span;
  std::string text;  // String: decoded value; Name: the name; Action: the pattern as written; Int: the digits
  std::int64_t intValue = 0;
  bool boolValue = false;
  std::vector<Expr> items;  // List
};

// A condition key as written: `mfa`, `principal_tag("team")`, `"ec2:InstanceType"`.
struct KeyRef {
  enum class Kind { Friendly, Call, Raw };
  Kind kind = Kind::Friendly;
  std::string name;      // friendly name or raw AWS key
  std::string argument;  // Call: the decoded string argument
  Span span;
};

// What a key means once resolved against stdlib's key table (or the raw key table).
struct ResolvedKey {
  std::string awsKey;           // "aws:SourceIp", "aws:PrincipalTag/team"
  Type type;                    // list == true for multi-valued keys
  bool network = false;         // source_ip & co.: guarded by aws:ViaAWSService unless strict
  bool alwaysPresent = false;   // AWS puts the key in every request
};

// A scalar value after names are resolved: the literal's text (strings, also dates, cidrs,
// ints and bools in their canonical text) and where it was written.
struct Value {
  std::string text;
  Span span;
};

// Raw: `KEY "OPERATOR" VALUES`, an IAM operator written out by the author (Cond::rawOperator).
enum class CondOp { In, Eq, Like, Lt, Le, Gt, Ge, IsTrue, Exists, Raw };

struct Cond {
  enum class Kind { And, Or, Not, Atom };
  Kind kind = Kind::Atom;
  Span span;
  std::vector<std::unique_ptr<Cond>> children;  // And/Or: two or more; Not: one

  // Atom. Negated spellings (`not in`, `!=`, `not like`, `missing`) are parsed as Not(Atom).
  KeyRef key;
  CondOp op = CondOp::IsTrue;
  std::optional<Expr> operand;
  std::string rawOperator;  // Raw: the IAM operator as written (`StringEqualsIfExists`)
  Span rawOperatorSpan;     // Raw: the operator's string literal

  // Resolved by sema (atoms only).
  ResolvedKey resolved;
  std::vector<Value> values;  // In/Eq/Like/compare: the right-hand side, flattened
};

struct CondClause {
  bool unless = false;
  std::unique_ptr<Cond> cond;
  Span span;
};

enum class Effect { Deny, Allow };

struct Rule {
  Effect effect = Effect::Deny;
  Span span;
  Span effectSpan;

  bool actionsExcept = false;  // `all except ...` (NotAction)
  Expr actions;
  bool resourcesExcept = false;  // `on all except ...` (NotResource)
  std::optional<Expr> resources;
  bool forRoot = false;
  bool forRootCredentials = false;  // `for root credentials`: forRoot, and not an AssumeRoot session
  std::optional<Expr> principals;  // `for [ARN patterns]`
  Span principalSpan;
  std::vector<CondClause> clauses;
  bool strict = false;
  Span strictSpan;
  std::optional<std::string> sid;
  Span sidSpan;

  // Resolved by sema.
  std::vector<Value> resolvedActions;
  std::vector<Value> resolvedResources;   // empty: "*"
  std::vector<Value> resolvedPrincipals;  // ARN patterns of `for [...]`
};

// A service control policy, or a resource control policy (`resource policy`).
enum class PolicyKind { Scp, Rcp };

struct Policy {
  PolicyKind kind = PolicyKind::Scp;
  std::string name;
  Span nameSpan;
  std::optional<std::string> description;
  Span descriptionSpan;  // the string literal, when there is a description
  std::vector<Rule> rules;
  Span span;
};

struct TypeRef {
  std::string name;
  bool list = false;
  Span span;
};

struct Let {
  std::string name;
  Span nameSpan;
  std::optional<TypeRef> type;
  Expr value;
  Span span;
};

struct Import {
  std::string path;
  Span span;
};

// A quoted identifier as written (`"ou-ab12-34cd56ef"`, `"222222222222"`): the decoded text
// and the span of the literal.
struct IdLiteral {
  std::string text;
  Span span;
};

// An OU or account inside `organization { ... }` (spec section 5).
struct OrgNode {
  enum class Kind { Ou, Account };
  Kind kind = Kind::Ou;
  std::string name;
  Span nameSpan;
  std::optional<IdLiteral> id;  // OU: optional real id; account: its 12-digit id
  std::vector<OrgNode> children;
  Span span;
};

// `home_region "eu-west-1"`, `root_access centralized`: a named setting of the organization.
struct OrgSetting {
  std::string name;
  Span nameSpan;
  IdLiteral value;
  bool word = false;  // the value is a word (`centralized`), not a string literal
};

struct Organization {
  std::string name;
  Span nameSpan;
  std::optional<IdLiteral> id;          // "o-..."
  std::optional<IdLiteral> management;  // 12-digit account id
  std::optional<IdLiteral> rootId;      // "r-..."
  std::vector<OrgSetting> settings;
  std::vector<OrgNode> children;
  Span span;
};

// `root`, `ou Workloads/Prod`, `account audit`.
struct TargetRef {
  enum class Kind { Root, Ou, Account };
  Kind kind = Kind::Root;
  std::vector<std::string> path;  // Ou: one or more names; Account: one name
  Span span;
};

// A policy named in `attach`/`detach`; `external` ones are SCPs managed outside the program,
// `file` ones such SCPs whose JSON the program gives (name: the path as written, relative to
// the directory of the file that says it).
struct PolicyRef {
  std::string name;
  bool external = false;
  Span span;
  bool file = false;
  Span pathSpan;  // file: the path's string literal
};

struct Attach {
  std::vector<PolicyRef> policies;
  std::vector<TargetRef> targets;
  Span span;
};

struct Detach {
  std::vector<PolicyRef> policies;
  std::vector<TargetRef> targets;
  Span span;
};

struct ControlParam {
  std::string name;
  Span nameSpan;
  Expr value;
  // Resolved by sema against the controls catalog: the flattened values and whether the
  // parameter is a list.
  std::vector<Value> resolved;
  Type resolvedType;
};

struct Control {
  std::string id;  // as written: "AWS-GR_RESTRICT_ROOT_USER", "CT.MULTISERVICE.PV.1"
  Span idSpan;
  std::vector<TargetRef> targets;
  std::vector<ControlParam> params;
  Span span;
  bool checked = false;  // resolved by sema: the id and every parameter are valid
};

// `with source_ip = "198.51.100.7"` in a test request; the key is resolved like a condition's.
struct TestAssignment {
  KeyRef key;
  Expr value;
  // Resolved by sema: the AWS key and the values in their canonical text.
  ResolvedKey resolved;
  std::vector<Value> values;
};

// `without via_aws_service` in a test request: a key the request model would give its AWS
// value (docs/evaluator.md) is left out of the request on purpose.
struct TestRemoval {
  KeyRef key;
  ResolvedKey resolved;  // resolved by sema
};

// `request root in account audit does s3:ListAllMyBuckets on "arn:..." with k = v, ...
//  without k, ...`
struct TestRequest {
  bool root = false;
  bool assumedRoot = false;  // `request assumed root`: an sts:AssumeRoot session (root is true too)
  std::optional<IdLiteral> principal;  // a principal ARN instead of `root`
  std::optional<std::string> account;  // `in account NAME`
  std::optional<IdLiteral> accountId;  // `in account "111111111111"`
  Span accountSpan;
  std::string action;
  Span actionSpan;
  std::optional<IdLiteral> resource;   // `on "arn:..."`; absent: "*"
  // `on "arn:..." in account NAME` / `"222222222222"`: the account that owns the resource.
  // Absent: the account in the resource ARN, else the caller's.
  std::optional<std::string> resourceAccount;
  std::optional<IdLiteral> resourceAccountId;
  Span resourceAccountSpan;
  std::vector<TestAssignment> context;
  std::vector<TestRemoval> removed;
  Span span;
};

// `expect deny`, `expect deny by no-root-outside-vpn "NoRootOutsideVpn1"`.
struct TestExpect {
  Effect effect = Effect::Deny;
  std::optional<std::string> policy;  // the policy whose statement must decide
  Span policySpan;
  std::optional<IdLiteral> sid;       // and that statement's Sid
  Span span;
};

struct TestCase {
  TestRequest request;
  TestExpect expect;
};

// `test "name" { request ... expect ... }` (spec section 8): request/expect pairs.
struct Test {
  std::string name;
  Span nameSpan;
  std::vector<TestCase> cases;
  Span span;
  bool checked = false;  // resolved by sema: every key, value and action is valid
};

// An event class named by `on` in an alert (stdlib/alert_classes.json).
struct AlertClassRef {
  std::string name;
  Span span;
};

// `alert NAME "description" { on CLASS, ... notify [EMAILS] }` (spec 10.3): whom to e-mail when
// events of the classes happen anywhere in the organization.
struct Alert {
  std::string name;
  Span nameSpan;
  std::optional<std::string> description;
  Span descriptionSpan;
  std::vector<AlertClassRef> classes;  // every `on` item, in order
  std::optional<Expr> notify;          // absent: no `notify`
  Span span;
  // Resolved by sema: the e-mail addresses, flattened; `checked` when the classes and every
  // address are valid.
  std::vector<Value> recipients;
  bool checked = false;
};

struct Module {
  FileId file = 0;
  std::vector<Import> imports;
  std::vector<Let> lets;
  std::vector<Policy> policies;
  std::vector<Organization> organizations;
  std::vector<Attach> attaches;
  std::vector<Detach> detaches;
  std::vector<Control> controls;
  std::vector<Test> tests;
  std::vector<Alert> alerts;
};

}  // namespace rootpol::ast
