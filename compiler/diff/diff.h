#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "eval/evaluator.h"
#include "policy/document.h"

// `rootpol diff OLD NEW` (spec 10.4, docs/impact.md): every class of requests whose decision
// changes between two programs, per account of the organization, each with one concrete
// witness request that the evaluator decided under both. The classes come from the literals
// the two programs mention (diff/request_space.h), so the comparison is complete for the
// actions of the catalog, not sampled; `complete` says when a class had too many key
// combinations and was varied one key at a time instead.
namespace rootpol::diff {

// One program's organization, as `test` places requests in it (runner::OrganizationChains).
struct Side {
  // The SCP chain of a principal of the account `accountId`; nullopt when SCPs do not govern
  // it (the management account, an account outside the organization).
  std::function<std::optional<std::vector<eval::Level>>(const std::string& accountId)> scpChain;
  // The RCP chain for `action` on a resource of `accountId`; empty when RCPs do not decide.
  std::function<std::vector<eval::Level>(std::string_view action, const std::string& accountId)> rcpChain;
  std::vector<const policy::Document*> documents;  // every SCP and RCP of the program
};

struct Account {
  std::string name;  // as the newer program names it (else the older)
  std::string id;
};

// What decided a request on one side: the decision and the applying statements of its effect.
struct Outcome {
  eval::Decision decision = eval::Decision::ImplicitDeny;
  std::vector<std::string> statements;  // `policy "Sid" at level`
};

struct Change {
  Account account;
  bool widened = false;  // denied before, allowed after
  eval::Request request;                       // the witness, with the request model's context
  std::vector<std::pair<std::string, std::string>> varied;  // the keys the witness sets
  std::size_t classSize = 1;  // catalog actions that behave as the witness's action
  bool unnamedActions = false;  // the witness stands for every action the programs do not name
  Outcome before, after;
};

struct Result {
  std::vector<Change> changes;  // by account, then action, widened first
  std::size_t requests = 0;     // requests decided (under each side)
  std::size_t actionClasses = 0;
  bool complete = true;
};

struct Settings {
  std::optional<std::string> homeRegion;      // aws:RequestedRegion when a request sets none
  std::optional<std::string> organizationId;  // aws:PrincipalOrgID of the organization's callers
  std::size_t maxPerClass = 20000;            // key combinations per action class and account
};

Result compare(const Side& before, const Side& after, const std::vector<Account>& accounts,
               const catalog::Catalog& catalog, const Settings& settings);

}  // namespace rootpol::diff
