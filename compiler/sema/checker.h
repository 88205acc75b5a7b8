#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "catalog/catalog.h"
#include "controls/control_catalog.h"
#include "sema/key_table.h"

namespace rootpol::sema {

// Semantic analysis of a whole program (all files and their imports): resolves names, types
// every value against its context and every condition key against the key table, and fills
// the "resolved by sema" fields of the AST. Actions and raw condition keys are checked against
// the AWS catalog (`catalog`, or the one embedded in the binary). Reports into the sink; never
// throws on bad input.
void checkProgram(const std::vector<ast::Module*>& modules, const KeyTable& keys, DiagnosticSink& sink);
void checkProgram(const std::vector<ast::Module*>& modules, const KeyTable& keys,
                  const catalog::Catalog& catalog, DiagnosticSink& sink);

// What a value position expects: a scalar type, whether a list is accepted, and whether `*`
// and `?` are wildcards there.
struct Expectation {
  ast::Scalar scalar = ast::Scalar::String;
  bool allowList = false;
  bool pattern = false;
};

class Checker {
 public:
  Checker(const KeyTable& keys, const catalog::Catalog& catalog, DiagnosticSink& sink)
      : keys_(keys), catalog_(catalog), sink_(sink) {}
  void run(const std::vector<ast::Module*>& modules);

 private:
  void declare(const std::vector<ast::Module*>& modules);
  void checkLet(const ast::Let& let);
  void checkPolicy(ast::Policy& policy);
  void checkPolicyNames(const ast::Policy& policy);
  void checkRule(ast::Rule& rule);
  // check_principals.cpp: `for [...]` patterns no principal matches (RP1038) and root denies
  // that keep root from setting MFA up (RP1037); after the rule is resolved.
  void checkPrincipals(const ast::Rule& rule);
  // check_rcp.cpp: what a `resource policy` cannot say (after its rules are checked).
  void checkResourcePolicy(const ast::Policy& policy);

  // check_values.cpp: flattens `expr` into values checked against `want`. Returns false when
  // something was reported.
  bool resolveValues(const ast::Expr& expr, const Expectation& want, std::vector<ast::Value>& out);
  bool resolveName(const ast::Expr& expr, const Expectation& want, std::vector<ast::Value>& out);
  bool resolveScalar(const ast::Expr& expr, const Expectation& want, std::vector<ast::Value>& out);
  void reportMismatch(const ast::Expr& expr, const Expectation& want, std::string_view found);

  // check_conditions.cpp
  void checkCond(ast::Cond& cond, bool& sawNetwork);
  void checkAtom(ast::Cond& atom);
  bool resolveKey(ast::Cond& atom);
  bool resolveKeyRef(const ast::KeyRef& key, ast::ResolvedKey& resolved);
  bool checkOperator(ast::Cond& atom);
  // check_raw_operator.cpp: `KEY "OPERATOR" VALUES`.
  void checkRawAtom(ast::Cond& atom);
  bool resolveUncataloguedKey(ast::Cond& atom);
  bool flattenRawValues(const ast::Expr& expr, std::vector<ast::Value>& out);

  // check_tests.cpp: `test` blocks.
  void checkTest(ast::Test& test);
  void checkTestRequest(ast::TestRequest& request);
  void checkRemovals(ast::TestRequest& request);

  // check_alerts.cpp: alerts against stdlib/alert_classes.json, recipients as e-mail addresses.
  void checkAlert(ast::Alert& alert);

  // check_controls.cpp: controls against stdlib/controls.json.
  void checkControl(ast::Control& control);
  const controls::Control* effectiveControl(const ast::Control& control);

  // check_catalog.cpp: names checked against the AWS catalog.
  // The catalog spelling of an action pattern, or nullopt after reporting it unknown; a `quoted`
  // pattern the catalog does not know is kept as written with warning RP1050.
  std::optional<std::string> checkActionInCatalog(const std::string& pattern, Span span, bool quoted = false);
  // A raw key (not in the key table) typed from the catalog; false after reporting.
  bool resolveCatalogKey(const ast::KeyRef& key, ast::ResolvedKey& resolved);
  // Warns about service keys that none of the rule's actions carry in its request context.
  void checkKeysApply(const ast::Rule& rule);

  const KeyTable& keys_;
  const catalog::Catalog& catalog_;
  DiagnosticSink& sink_;
  std::map<std::string, const ast::Let*> lets_;
  std::map<std::string, const ast::Policy*> policies_;
  std::map<std::string, const ast::Alert*> alerts_;  // checked so far, for RP1061
  std::set<std::string> resolving_;  // let names being resolved (cycle detection)
  // Sets splice into sets, so `let a1 = [a0, a0]` doubles and forty such lines would expand
  // to 2^40 values: every splice, every value it yields and every error it reports is counted
  // against one budget for the whole program, and lets may refer to lets only so deep
  // (the resolution recurses).
  static constexpr std::size_t kMaxSetExpansion = 2'000'000;
  static constexpr std::size_t kMaxSetDepth = 64;
  std::size_t expansionLeft_ = kMaxSetExpansion;
  bool expansionReported_ = false;
};

}  // namespace rootpol::sema
