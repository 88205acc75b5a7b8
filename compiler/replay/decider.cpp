#include "replay/decider.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"
#include "catalog/catalog.h"
#include "replay/replay.h"
#include "runner/request_model.h"

namespace rootpol::replay {

// A chain that decides some records: empty `evaluator` when it does not apply, with `skip`
// saying why (or nothing, for an RCP chain that does not govern the resource).
struct RecordDecider::Side {
  std::shared_ptr<const eval::Evaluator> evaluator;
  std::string_view skip;
  bool inOrganization = false;
};

struct RecordDecider::SideResult {
  eval::Decision decision = eval::Decision::Allow;
  bool determined = true;
  std::vector<std::string> keys;
  const Side* side = nullptr;
  std::string statement, level;  // a deny: the statement that denied (or why none did) and its level
};

namespace {

using Kind = Outcome::Kind;

unsigned readBit(std::string_view key) {
  auto is = [&](std::string_view name) { return eval::sameIgnoringCase(key, name); };
  if (is("aws:CurrentTime") || is("aws:EpochTime")) return kReadTime;
  if (is("aws:SourceIp") || is("aws:VpcSourceIp")) return kReadSource;
  if (is("aws:userid")) return kReadUserid;
  return 0;
}

// `arn:aws:s3:::` or `arn:aws:kms:us-east-1:222222222222:`: an ARN up to its resource part.
std::string_view arnPrefix(std::string_view arn) {
  std::size_t at = 0;
  for (int colons = 0; colons < 5 && at != std::string_view::npos; ++colons) at = arn.find(':', at == 0 ? 0 : at + 1);
  return at == std::string_view::npos ? arn : arn.substr(0, at + 1);
}

void addUnique(std::vector<std::string>& list, std::string_view key) {
  if (std::find(list.begin(), list.end(), key) == list.end()) list.emplace_back(key);
}

}  // namespace

RecordDecider::RecordDecider(const runner::OrganizationChains& chains, const Tables& tables)
    : chains_(chains), tables_(tables) {}

RecordDecider::~RecordDecider() = default;

const RecordDecider::Side& RecordDecider::scpSide(const std::string& account) {
  std::unique_ptr<Side>& slot = scp_[account];
  if (slot) return *slot;
  slot = std::make_unique<Side>();
  std::optional<runner::Placed> placed = chains_.placeAccountId(account);
  if (!placed) {
    slot->skip = kSkipOutside;
  } else if (placed->exemption) {
    slot->skip = kSkipManagement;
    slot->inOrganization = true;
  } else {
    slot->inOrganization = true;
    std::shared_ptr<const eval::Evaluator>& ev = evaluators_[runner::chainKey(placed->chain)];
    if (!ev) ev = std::make_shared<const eval::Evaluator>(placed->chain);
    slot->evaluator = ev;
  }
  return *slot;
}

const RecordDecider::Side& RecordDecider::rcpSide(std::string_view action, const std::string& account) {
  const std::string service(action.substr(0, action.find(':')));
  std::unique_ptr<Side>& slot = rcp_[account + ' ' + service];
  if (slot) return *slot;
  slot = std::make_unique<Side>();
  runner::ResourcePlaced placed = chains_.placeResourceAccountId(action, account);
  if (!placed.chain.empty()) {
    std::shared_ptr<const eval::Evaluator>& ev = evaluators_[runner::chainKey(placed.chain)];
    if (!ev) ev = std::make_shared<const eval::Evaluator>(placed.chain);
    slot->evaluator = ev;
  }
  return *slot;
}

// One chain's decision and whether the record tells everything it read. An explicit deny is
// settled by the statement that denied: if that statement read only what the record tells, no
// unknown value can undo it.
RecordDecider::SideResult RecordDecider::judge(const Side& side, const Call& call, bool resourceUnknown) {
  SideResult out;
  out.side = &side;
  out.decision = side.evaluator->decide(call.request, reads_);
  auto unknownIn = [&](std::size_t from, bool resource) {
    std::vector<std::string> keys;
    for (std::size_t i = from; i < reads_.keys.size(); ++i) {
      if (!call.knows(reads_.keys[i])) addUnique(keys, reads_.keys[i]);
    }
    if (resource && resourceUnknown) addUnique(keys, "resource");
    return keys;
  };
  for (std::string_view key : reads_.keys) reads_bits_ |= readBit(key);
  if (reads_.resource) reads_bits_ |= kReadResource;
  if (out.decision == eval::Decision::ExplicitDeny) {
    eval::Evaluator::StatementRef ref = side.evaluator->statementAt(reads_.level, reads_.policy, reads_.statement);
    out.statement = ref.sid.empty() ? fmt::format("{} statement {}", ref.policy, ref.index + 1)
                                    : fmt::format("{} \"{}\"", ref.policy, ref.sid);
    out.level = std::string(ref.level);
  } else if (out.decision == eval::Decision::ImplicitDeny) {
    out.statement = "no policy allows it (implicit deny)";
    out.level = side.evaluator->levelTarget(reads_.level);
  }
  if (out.decision == eval::Decision::ExplicitDeny &&
      unknownIn(reads_.statementStart, reads_.statementResource).empty())
    return out;
  out.keys = unknownIn(0, reads_.resource);
  out.determined = out.keys.empty();
  return out;
}

bool RecordDecider::resourceFits(const std::string& action, std::string_view arn) {
  auto it = resourceGlobs_.find(action);
  if (it == resourceGlobs_.end()) it = resourceGlobs_.emplace(action, tables_.resourceGlobs(action)).first;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const std::string& glob) { return catalog::globMatch(glob, arn); });
}

const std::optional<std::string>& RecordDecider::actionOf(const Record& record) {
  std::string key;
  key.reserve(record.eventSource.size() + record.eventName.size() + 1);
  key.append(record.eventSource).append("\x1f").append(record.eventName);
  auto it = actions_.find(key);
  if (it == actions_.end()) {
    std::string why;
    it = actions_.emplace(std::move(key), tables_.action(record.eventSource, record.eventName, why)).first;
  }
  return it->second;
}

// Decides the call on each resource it names (or on an unknown resource): denied when any is.
// False when no chain decides it (a caller outside the organization on a resource no RCP
// governs).
bool RecordDecider::decideCall(Call& call, Outcome& out) {
  std::vector<std::pair<std::string, std::string>> resources;
  for (const auto& entry : call.resources) {
    if (resourceFits(call.action, entry.first)) resources.push_back(entry);
  }
  const bool resourceUnknown = resources.empty();
  if (resourceUnknown) resources.emplace_back("*", call.recipientAccount);
  const Side* scp = call.service ? nullptr : &scpSide(call.account);
  out.kind = Kind::Allowed;
  bool decided = false;
  for (const auto& [arn, owner] : resources) {
    call.request.resource = arn;
    std::vector<SideResult> sides;
    if (scp != nullptr && scp->evaluator) sides.push_back(judge(*scp, call, resourceUnknown));
    if (chains_.hasRcps() && !owner.empty()) {
      const Side& rcp = rcpSide(call.action, owner);
      if (rcp.evaluator) sides.push_back(judge(rcp, call, resourceUnknown));
    }
    decided = decided || !sides.empty();
    const SideResult* deny = nullptr;
    for (const SideResult& s : sides) {
      if (s.determined && s.decision == eval::Decision::ExplicitDeny && deny == nullptr) deny = &s;
    }
    for (const SideResult& s : sides) {
      if (deny == nullptr && s.determined && s.decision == eval::Decision::ImplicitDeny) deny = &s;
    }
    bool undetermined = std::any_of(sides.begin(), sides.end(), [](const SideResult& s) { return !s.determined; });
    if (deny != nullptr && (deny->decision == eval::Decision::ExplicitDeny || !undetermined)) {
      out.statement = deny->statement;
      out.level = deny->level;
      out.kind = Kind::Denied;
      out.keys.clear();
      return true;
    }
    if (undetermined) {
      out.kind = Kind::Undetermined;
      for (const SideResult& s : sides) {
        for (const std::string& k : s.keys) addUnique(out.keys, k);
      }
    }
  }
  std::sort(out.keys.begin(), out.keys.end());
  return decided;
}

Outcome RecordDecider::compute(const Record& record) {
  Outcome out;
  std::string why;
  const std::optional<std::string>& action = actionOf(record);
  Call* call = &call_;
  if (!action || !mapRecord(record, *action, call_, why)) {
    out.skip = kSkipUnmappable;
    return out;
  }
  out.principal = call->principal;
  out.action = call->action;
  out.account = call->service ? call->recipientAccount : call->account;
  bool rcpsOnly = call->service;
  if (!call->service) {
    if (runner::serviceLinkedRoleExemption(call->principal)) {
      out.skip = kSkipServiceLinked;
      return out;
    }
    const Side& scp = scpSide(call->account);
    if (scp.skip == kSkipManagement) {
      out.skip = kSkipManagement;
      return out;
    }
    rcpsOnly = !scp.inOrganization;
    const org::Model& model = chains_.model();
    if (scp.inOrganization && model.declared && model.organizationId) {
      call->request.context.emplace_back("aws:PrincipalOrgID", std::vector<std::string>{*model.organizationId});
      ++call->used;
    }
  }
  if (rcpsOnly && !chains_.hasRcps()) {
    out.skip = call->service ? kSkipService : kSkipOutside;
    return out;
  }
  reads_bits_ = 0;
  if (!decideCall(*call, out)) {
    Outcome skipped;
    skipped.skip = call->service ? kSkipService : kSkipOutside;
    return skipped;
  }
  out.reads = reads_bits_;
  return out;
}

// The call key leaves out what varies between records of one call.
void RecordDecider::cacheKeys(const Record& r) {
  callKey_.clear();
  auto add = [&](std::string& key, std::string_view field) {
    key.append(field);
    key.push_back('\x1f');
  };
  const Identity& id = r.identity;
  const bool address = !r.sourceIPAddress.empty() && findAnyOf(r.sourceIPAddress, ".:") != std::string_view::npos &&
                       !r.sourceIPAddress.ends_with(".amazonaws.com");
  for (std::string_view f : {r.eventSource, r.eventName, r.awsRegion, r.recipientAccountId, r.vpcEndpointId, id.type,
                             id.issuerArn.empty() ? id.arn : id.issuerArn, id.accountId, id.invokedBy,
                             id.mfaAuthenticated, id.assumedRoot, id.accessKeyId.substr(0, 4), address ? std::string_view("ip") : r.sourceIPAddress})
    add(callKey_, f);
  callKey_.push_back(r.tls ? 'T' : 'F');
  for (const ResourceRef& ref : r.resources) {
    add(callKey_, arnPrefix(ref.arn));
    add(callKey_, ref.accountId);
  }
}

// The record key: the call key and what varies between its records (but the time).
void RecordDecider::addRecordFields(const Record& r) {
  for (std::string_view f : {r.sourceIPAddress, r.identity.principalId, r.identity.arn}) {
    callKey_.append(f);
    callKey_.push_back('\x1e');
  }
  for (const ResourceRef& ref : r.resources) {
    callKey_.append(ref.arn);
    callKey_.push_back('\x1e');
  }
}

namespace {

CacheKey keyOf(std::string_view text) {
  return CacheKey{std::_Hash_bytes(text.data(), text.size(), 0xc70f6907u),
                  std::_Hash_bytes(text.data(), text.size(), 0x9e3779b97f4a7c15u)};
}

std::shared_ptr<const Outcome> skipped(std::string_view reason) {
  auto out = std::make_shared<Outcome>();
  out->skip = reason;
  return out;
}

}  // namespace

const std::shared_ptr<const Outcome>& RecordDecider::decide(const Record& record) {
  if (!record.eventType.empty() && record.eventType != "AwsApiCall") {
    if (!notApiCall_) notApiCall_ = skipped(kSkipNotApiCall);
    return notApiCall_;
  }
  if (!record.errorCode.empty() && tables_.deniedError(record.errorCode)) {
    if (!alreadyDenied_) alreadyDenied_ = skipped(kSkipAlreadyDenied);
    return alreadyDenied_;
  }
  cacheKeys(record);
  const CacheKey callKey = keyOf(callKey_);
  auto call = byCall_.find(callKey);
  if (call != byCall_.end()) return call->second;
  addRecordFields(record);
  const CacheKey recordKey = keyOf(callKey_);
  auto whole = byRecord_.find(recordKey);
  if (whole != byRecord_.end()) return whole->second;
  auto out = std::make_shared<const Outcome>(compute(record));
  if (out->reads == 0) return byCall_.emplace(callKey, std::move(out)).first->second;
  if ((out->reads & kReadTime) == 0) return byRecord_.emplace(recordKey, std::move(out)).first->second;
  scratch_ = std::move(out);
  return scratch_;
}

}  // namespace rootpol::replay
