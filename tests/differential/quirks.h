#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "eval/condition.h"
#include "generator.h"
#include "inputs.h"
#include "policy/arn.h"
#include "policy/operators.h"

// Known iam-simulate behaviours that differ from the IAM documentation (and so from our
// evaluator, by design). Each is a named filter applied to a case before it is sent to the
// oracle; a case that hits one is counted under its name and not compared. docs/evaluator.md
// gives a minimal request and policy for each.
namespace rootpol::differential {

enum class Quirk : std::size_t {
  // The oracle never applies SCPs to sts:GetCallerIdentity (always implicit_deny); AWS
  // answers it whatever the policies say, so neither side's decision means anything there.
  GetCallerIdentity,
  // The oracle splits ARNs on every `:`, also inside `${aws:PrincipalAccount}`, in ArnLike
  // values and in Resource/NotResource entries: a variable in the partition, service, region
  // or account part never matches (one in the resource part is fine).
  VariableWithColon,
  // A policy variable that does not resolve (absent, multi-valued, no default) under a negated
  // String or Arn operator: IAM says the value matches nothing, so the negated operator holds;
  // the oracle says false.
  NegatedUnresolvedVariable,
  // The same in a NotResource entry: IAM's reading excludes nothing, so the statement applies;
  // the oracle says the statement does not apply.
  NotResourceUnresolvedVariable,
  // A multi-valued key (the catalog says ArrayOf..., or several values) under an operator
  // without ForAnyValue/ForAllValues: the oracle says false for positive and negated operators.
  MultiValuedWithoutSetOperator,
  // A Date operator whose policy value and request value use different formats (epoch seconds
  // and ISO 8601): the oracle reads epochs as seconds and ISO dates as milliseconds.
  MixedDateFormats,
  // A Resource/NotResource entry with fewer than six `:`-separated parts (such as the corpus
  // placeholder `<third-party-resource>`), which AWS refuses in an SCP. The oracle never
  // matches it and, in NotResource, never applies the statement; our evaluator compares such
  // an entry as a whole string (policy/arn.h).
  ResourceEntryNotAnArn,
  // An IPv4-mapped IPv6 address (`::ffff:203.0.113.5`) in the request or the policy of an
  // IpAddress/NotIpAddress condition: our evaluator reads it as the IPv4 address it carries
  // (values.h), the oracle as an IPv6 address that no IPv4 block contains. IAM says nothing.
  Ipv4MappedIpv6,
  // `${...}` in a document whose Version is not 2012-10-17 (`2008-10-17`, or no Version): IAM
  // reads it as literal text (policy::variablesApply), the oracle substitutes it whatever the
  // Version says.
  VariableOutsideVersion2012,
};
inline constexpr std::size_t kQuirkCount = 9;
std::string_view quirkName(Quirk quirk);  // "sts-get-caller-identity", ...

struct QuirkHit {
  Quirk quirk;
  long document = kFullAwsAccess;  // the document whose statement hit it (-1: none, the action)
};

class QuirkFilter {
 public:
  QuirkFilter(const std::vector<SourceDocument>& documents, const catalog::Catalog& catalog);

  // The first quirk the case hits in a statement of its chain whose Action/NotAction matches
  // the request's action (resources are not looked at: a filter may skip more than it must,
  // never less).
  std::optional<QuirkHit> check(const Chain& chain, const eval::Request& request) const;

 private:
  struct Entry {
    std::string key;
    policy::Operator op;
    bool arnVariableColon = false;
    bool epochValue = false;   // some policy value is all digits
    bool isoValue = false;     // some policy value is not
    bool mappedBlock = false;  // some policy value is an IPv4 block written as IPv6
    std::vector<std::vector<std::string>> variables;  // per value: the keys it substitutes
    std::vector<std::vector<bool>> defaults;          // per value, per variable: has a default
  };
  struct ResourceEntry {
    policy::ResourcePattern ours;
    bool shortArn = false;  // fewer than six parts as the oracle splits, and not all `*`
    bool variableWithColon = false;
    std::vector<std::string> variables;
    std::vector<bool> defaults;
  };
  struct Statement {
    bool literalVariables = false;  // a `${...}` variable the document's Version makes text
    bool notAction = false;
    std::vector<std::string> actions;
    bool notResource = false;
    std::vector<ResourceEntry> resources;
    std::vector<Entry> entries;
  };

  static ResourceEntry resourceEntry(const std::string& text, bool variables);
  std::optional<Quirk> checkEntry(const Entry& entry, const eval::RequestContext& context) const;
  std::optional<Quirk> checkResources(const Statement& statement,
                                      const eval::RequestContext& context) const;
  bool unresolved(std::string_view key, bool hasDefault, const eval::RequestContext& context) const;
  bool arrayKey(std::string_view key) const;

  const catalog::Catalog& catalog_;
  std::vector<std::vector<Statement>> documents_;
};

}  // namespace rootpol::differential
