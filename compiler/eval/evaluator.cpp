#include "eval/evaluator.h"

#include <map>

#include "eval/statement.h"

namespace rootpol::eval {

// A null document is FullAWSAccess.
struct Evaluator::CompiledLevel {
  std::string target;
  std::vector<std::string> names;
  std::vector<std::shared_ptr<const CompiledDocument>> documents;
};

std::string_view decisionName(Decision decision) {
  switch (decision) {
    case Decision::Allow:
      return "allow";
    case Decision::ExplicitDeny:
      return "explicit_deny";
    case Decision::ImplicitDeny:
      return "implicit_deny";
  }
  return "implicit_deny";
}

Evaluator::Evaluator(const std::vector<Level>& chain) {
  // A document attached at several levels is compiled once.
  std::map<const policy::Document*, std::shared_ptr<const CompiledDocument>> compiled;
  levels_.reserve(chain.size());
  for (const Level& level : chain) {
    CompiledLevel& out = levels_.emplace_back();
    out.target = level.target;
    for (const NamedPolicy& policy : level.policies) {
      out.names.push_back(policy.name);
      std::shared_ptr<const CompiledDocument>& slot = compiled[policy.document];
      if (policy.document != nullptr && !slot)
        slot = std::make_shared<CompiledDocument>(*policy.document);
      out.documents.push_back(slot);
    }
  }
}

Evaluator Evaluator::forDocument(const policy::Document& document) {
  return Evaluator({Level{"document", {NamedPolicy{"document", &document}}}});
}

Evaluator::~Evaluator() = default;
Evaluator::Evaluator(const Evaluator&) = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(const Evaluator&) = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

Evaluation Evaluator::evaluate(const Request& request, bool trace) const {
  RequestContext context(request);
  if (trace) return traced(context);
  return Evaluation{decide(context), {}};
}

Decision Evaluator::decide(const Request& request, Reads& reads) const {
  reads.clear();
  RequestContext context(request, &reads);
  return decide(context);
}

// Organizations SCP evaluation (ChainVerdict): a Deny anywhere wins, so every level is searched
// for one even after some level has already failed to allow; within a level, Allow statements
// are only tried until one applies.
Decision Evaluator::decide(const RequestContext& context) const {
  ChainVerdict verdict;
  bool unallowed = false;
  for (std::size_t at = 0; at < levels_.size(); ++at) {
    const CompiledLevel& level = levels_[at];
    bool allowed = false;
    bool denied = false;
    for (std::size_t i = 0; i < level.documents.size() && !denied; ++i) {
      const auto& document = level.documents[i];
      if (document == nullptr) {
        allowed = true;
        continue;
      }
      denied = document->denies(context);
      if (denied) context.noteSettled(at, i);
      if (!denied && !allowed) allowed = document->allows(context);
    }
    if (!denied && !allowed && !unallowed) {
      unallowed = true;
      context.noteSettled(at, 0);
    }
    verdict.addLevel(denied, allowed);
    if (verdict.settled()) break;
  }
  return verdict.decision();
}

Evaluator::StatementRef Evaluator::statementAt(std::size_t level, std::size_t policy, std::size_t statement) const {
  const CompiledLevel& l = levels_.at(level);
  StatementRef out{l.target, l.names.at(policy), {}, statement};
  if (const auto& document = l.documents.at(policy)) out.sid = document->statement(statement).sid();
  return out;
}

const std::string& Evaluator::levelTarget(std::size_t level) const { return levels_.at(level).target; }

Evaluation Evaluator::traced(const RequestContext& context) const {
  Evaluation out;
  ChainVerdict verdict;
  for (const CompiledLevel& level : levels_) {
    LevelTrace& levelTrace = out.levels.emplace_back();
    levelTrace.target = level.target;
    for (std::size_t i = 0; i < level.documents.size(); ++i) {
      const std::string& name = level.names[i];
      if (level.documents[i] == nullptr) {
        // FullAWSAccess, or for RCPs AWS's RCPFullAWSAccess: the same allow of everything.
        const std::string policy = name.empty() ? "FullAWSAccess" : name;
        StatementTrace all{0, policy, false, true, policy + " allows every action on every resource", {}};
        levelTrace.policies.push_back(PolicyTrace{policy, true, false, {all}});
      } else {
        levelTrace.policies.push_back(level.documents[i]->trace(name, context));
      }
      levelTrace.allowed = levelTrace.allowed || levelTrace.policies.back().allows;
      levelTrace.denied = levelTrace.denied || levelTrace.policies.back().denies;
    }
    verdict.addLevel(levelTrace.denied, levelTrace.allowed);
  }
  out.decision = verdict.decision();
  return out;
}

Evaluation evaluate(const std::vector<Level>& chain, const Request& request, bool trace) {
  return Evaluator(chain).evaluate(request, trace);
}

Evaluation evaluateDocument(const policy::Document& document, const Request& request, bool trace) {
  return Evaluator::forDocument(document).evaluate(request, trace);
}

}  // namespace rootpol::eval
