#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/request.h"
#include "policy/document.h"

// The SCP evaluator: decides requests against SCP documents as AWS Organizations does, over
// the chain of levels from the root to the account. It is written from the IAM and
// Organizations documentation alone and shares no matcher with the reference interpreter
// (compiler/interp), so that translation validation compares two independent readings.
// `rootpol test` and `rootpol explain` use it; the test suite compares it with
// @cloud-copilot/iam-simulate. The choices made where the documentation leaves room are
// listed in condition.h (conditions) and in the hub's policy/pattern.h and policy/arn.h
// (actions, resources, variables). `${...}` is a policy variable only in a document of Version
// 2012-10-17 (policy::variablesApply); in one of `2008-10-17` or without Version it is text.
namespace rootpol::eval {

enum class Decision { Allow, ExplicitDeny, ImplicitDeny };
std::string_view decisionName(Decision decision);  // "allow", "explicit_deny", "implicit_deny"

// Why a statement did or did not apply (for `explain`): the first failing element, in the
// order Action/NotAction, Resource/NotResource, Condition entries.
struct StatementTrace {
  std::size_t index = 0;  // 0-based position in the document
  std::string sid;
  bool deny = false;
  bool applies = false;
  std::string reason;
  Span origin;  // the `.rootpol` rule the statement was compiled from; invalid when none
};
struct PolicyTrace {
  std::string name;
  bool allows = false;
  bool denies = false;
  std::vector<StatementTrace> statements;
};
struct LevelTrace {
  std::string target;
  bool allowed = false;
  bool denied = false;
  std::vector<PolicyTrace> policies;
};
// The SCP combination rule, written once for every path that decides a chain: an explicit
// Deny at any level denies; otherwise every level needs an Allow, else the request is denied
// implicitly. Levels are added from the root to the account; once settled() (a Deny), no
// later level can change the decision, so a caller may stop.
class ChainVerdict {
 public:
  void addLevel(bool denies, bool allows) {
    denied_ = denied_ || denies;
    levelWithoutAllow_ = levelWithoutAllow_ || !allows;
  }
  bool settled() const { return denied_; }
  Decision decision() const {
    return denied_ ? Decision::ExplicitDeny : levelWithoutAllow_ ? Decision::ImplicitDeny : Decision::Allow;
  }

 private:
  bool denied_ = false;
  bool levelWithoutAllow_ = false;
};

struct Evaluation {
  Decision decision = Decision::ImplicitDeny;
  std::vector<LevelTrace> levels;  // empty unless a trace was asked for
};

// A policy attached at one level. A null document stands for the AWS-managed FullAWSAccess
// (`Allow * on *`).
struct NamedPolicy {
  std::string name;
  const policy::Document* document = nullptr;
};
struct Level {
  std::string target;
  std::vector<NamedPolicy> policies;
};

class CompiledDocument;

// A chain compiled once (patterns, numbers, dates, CIDRs, ARNs) and then evaluated against
// many requests; evaluation allocates nothing on the fast path. Copies share the compiled
// documents. The documents need not outlive the evaluator: it keeps its own compiled form.
class Evaluator {
 public:
  explicit Evaluator(const std::vector<Level>& chain);
  // The setting of evaluateDocument (one level holding only `document`), compiled once.
  static Evaluator forDocument(const policy::Document& document);
  ~Evaluator();
  Evaluator(const Evaluator&);
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(const Evaluator&);
  Evaluator& operator=(Evaluator&&) noexcept;

  // AWS SCP logic: an explicit Deny in any policy at any level denies; otherwise every level
  // needs at least one attached policy with an Allow that applies, else the request is
  // implicitly denied. A level with no policies therefore denies implicitly, and an empty
  // chain allows. `trace` false: the fast path, levels left empty.
  Evaluation evaluate(const Request& request, bool trace = false) const;
  // The fast path, also recording what the decision read (cleared first).
  Decision decide(const Request& request, Reads& reads) const;
  // Where Reads::level, policy and statement point after an explicit deny: the level's target,
  // the policy's name, the statement's Sid ("" when it has none) and its 0-based position.
  struct StatementRef {
    std::string_view level, policy, sid;
    std::size_t index = 0;
  };
  StatementRef statementAt(std::size_t level, std::size_t policy, std::size_t statement) const;
  const std::string& levelTarget(std::size_t level) const;

 private:
  struct CompiledLevel;
  Decision decide(const RequestContext& context) const;
  Evaluation traced(const RequestContext& context) const;

  std::vector<CompiledLevel> levels_;
};

// One-shot forms: compile, then evaluate once. Use Evaluator for many requests.
Evaluation evaluate(const std::vector<Level>& chain, const Request& request, bool trace = false);
// One document alone as the only policy of one level (no FullAWSAccess beside it): what the
// differential tests compare for a single SCP.
Evaluation evaluateDocument(const policy::Document& document, const Request& request,
                            bool trace = false);

// Policy JSON is read by policy::readDocument (policy/read_document.h).

}  // namespace rootpol::eval
