#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "eval/evaluator.h"
#include "org/model.h"
#include "runner/json_policies.h"

namespace rootpol::driver {
class Compilation;
struct AttachedFile;
}

// The organization chains that decide a request (spec section 8): the SCP levels from the root
// to the caller's account, with the compiled SCPs attached where the program attaches them and
// FullAWSAccess wherever it is not detached, and the RCP levels of the account that owns the
// resource. `test` and `explain` place the requests a program states; `replay` places recorded
// ones by account id. Every path that decides a request gets its chain here.
namespace rootpol::runner {

// SCPs given as JSON files (runner/json_policies.h). In a program without an `organization`
// they form one level, `account ID`, at the end of every request's chain, beside
// FullAWSAccess unless `fullAwsAccess` is false (`--no-full-aws-access`); a program that
// attaches nothing has its policies there too. With an organization they are left out (the
// caller reports RP0021).
struct JsonInputs {
  const std::vector<JsonPolicy>* policies = nullptr;
  bool fullAwsAccess = true;
  bool any() const { return policies != nullptr && !policies->empty(); }
};

// The account tests use when a request names none.
inline constexpr std::string_view kDefaultAccount = "111122223333";

// Where a request is made: the chain of levels from the root to its account, the account's id,
// or why SCPs do not govern the account at all (then the chain is empty).
struct Placed {
  std::vector<eval::Level> chain;
  std::string accountId = std::string(kDefaultAccount);
  std::optional<std::string> exemption;
};

// Where the request's resource is, for resource control policies: the chain of levels from
// the root to the account that owns it, or why RCPs do not decide the request. Both empty in
// a program without RCPs.
struct ResourcePlaced {
  std::vector<eval::Level> chain;
  std::optional<std::string> note;
  std::string ownerAccountId;
};

class OrganizationChains {
 public:
  OrganizationChains(const driver::Compilation& compilation, const JsonInputs& json);

  // A test request: the account it names (by name or id), else the principal's own account
  // (one outside a declared organization is exempt: another organization's SCPs govern it).
  // nullopt: an account the organization does not have (reported into `sink`).
  std::optional<Placed> place(const ast::TestRequest& request, DiagnosticSink& sink) const;
  // The RCP chain of the account that owns a test request's resource (`on ARN in account X`,
  // the ARN's account field, else the caller's account). nullopt: an unknown account (reported).
  std::optional<ResourcePlaced> placeResource(const ast::TestRequest& request, const std::string& callerAccountId,
                                              DiagnosticSink& sink) const;

  // A request made by a principal of the account with id `accountId`. nullopt: the
  // organization is declared and has no such account (nor is it the management account).
  std::optional<Placed> placeAccountId(const std::string& accountId) const;
  // The RCP chain for `action` on a resource owned by the account with id `accountId`.
  ResourcePlaced placeResourceAccountId(std::string_view action, const std::string& accountId) const;

  const org::Model& model() const { return model_; }
  bool hasRcps() const { return !rcpDocuments_.empty() || jsonRcps(); }

 private:
  template <typename Match>
  std::optional<org::NodeIndex> findAccount(Match match) const;
  std::optional<org::NodeIndex> findAccountId(std::string_view id) const;
  Placed finish(Placed out, std::optional<org::NodeIndex> node) const;
  ResourcePlaced resourceChain(std::string_view action, std::string accountId,
                               std::optional<org::NodeIndex> node) const;
  std::nullopt_t failUnknown(const std::string& what, Span span, DiagnosticSink& sink) const;
  eval::Level rcpLevelOf(org::NodeIndex node) const;
  std::vector<eval::Level> rcpRootChain() const;
  eval::Level levelOf(org::NodeIndex node) const;
  const policy::Document* attachedFile(const org::Attachment& a) const;
  bool attachesAnything() const;
  std::vector<eval::Level> jsonChain(const std::string& accountId) const;
  bool jsonRcps() const;
  std::vector<eval::Level> rcpJsonChain(const std::string& accountId) const;
  std::vector<eval::Level> rootChain() const;

  const org::Model& model_;
  JsonInputs json_;
  const std::vector<driver::AttachedFile>& attachedFiles_;
  std::map<std::string, const policy::Document*> documents_;
  std::map<std::string, const policy::Document*> rcpDocuments_;
};

// The key of a chain: its targets and, per policy, the name and the document it stands for.
// Equal keys decide every request alike, so callers compile one eval::Evaluator per key.
std::string chainKey(const std::vector<eval::Level>& chain);

}  // namespace rootpol::runner
