#include "generator.h"

#include <algorithm>

#include <fmt/format.h>

#include "values.h"

namespace rootpol::differential {
namespace {

using ArnParts = eval::ArnParts;

struct Principal {
  std::string arn;           // what the oracle is told the principal is
  std::string principalArn;  // aws:PrincipalArn: the role, not the session, for a session
  std::string account;
};

struct Profile {
  std::vector<std::string> actions;    // concrete actions the document's patterns name
  std::vector<std::string> resources;  // its Resource/NotResource ARN patterns
  std::vector<KeyValues> keys;
  std::vector<Principal> principals;
  std::vector<std::size_t> chains;  // the first is the document alone
};

bool isAccountId(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const std::vector<std::string>& allActions(const catalog::Catalog& catalog) {
  static const std::vector<std::string> actions = [&] {
    std::vector<std::string> out;
    for (std::string_view prefix : catalog.servicePrefixes()) {
      for (std::string_view name : catalog.actionNames(prefix)) {
        out.push_back(std::string(prefix) + ":" + std::string(name));
      }
    }
    return out;
  }();
  return actions;
}

std::vector<std::string> documentActions(const policy::Document& document,
                                         const catalog::Catalog& catalog, Rng& rng) {
  std::vector<std::string> out;
  for (const policy::Statement& statement : document.statements) {
    for (const std::string& pattern : statement.actions) {
      if (pattern.find_first_of("*?") == std::string::npos) {
        if (auto ref = catalog.findAction(pattern)) out.push_back(ref->fullName());
        continue;
      }
      catalog::PatternMatch match = catalog.matchActions(pattern);
      for (int i = 0; i < 3 && !match.actions.empty(); ++i) {
        out.push_back(rng.pick(match.actions).fullName());
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// `arn:aws:iam::ACCOUNT:role/path/Name` -> Name; empty for anything else.
std::string roleName(std::string_view arn) {
  ArnParts parts;
  if (!eval::splitArn(arn, parts) || parts[2] != "iam" || parts[5].rfind("role/", 0) != 0) {
    return {};
  }
  std::string_view path = parts[5];
  return std::string(path.substr(path.rfind('/') + 1));
}

// A principal ARN with a real partition and account, whatever the pattern it came from
// held there (`${PARTITION}`, `*`, a placeholder).
std::string concretePrincipal(const std::string& arn, const std::string& account) {
  ArnParts parts;
  if (!eval::splitArn(arn, parts)) return arn;
  const bool partition = parts[1] == "aws" || parts[1] == "aws-cn" || parts[1] == "aws-us-gov";
  return fmt::format("arn:{}:{}:{}:{}:{}", partition ? parts[1] : "aws", parts[2], parts[3],
                     isAccountId(parts[4]) ? parts[4] : account, parts[5]);
}

void addPrincipal(std::string arn, std::vector<Principal>& out) {
  ArnParts parts;
  std::string account = eval::splitArn(arn, parts) ? std::string(parts[4]) : "111122223333";
  out.push_back({arn, arn, account});
  std::string role = roleName(arn);
  if (!role.empty()) {
    out.push_back(
        {"arn:aws:sts::" + account + ":assumed-role/" + role + "/session-1", arn, account});
  }
}

std::vector<Principal> principalsOf(const policy::Document& document) {
  std::vector<std::string> accounts = {"111122223333", "444455556666"};
  for (const std::string& v : valuesOf(document, "aws:PrincipalAccount")) {
    if (isAccountId(v) && std::find(accounts.begin(), accounts.end(), v) == accounts.end()) {
      accounts.push_back(v);
    }
  }
  std::vector<Principal> out;
  for (const std::string& account : accounts) {
    const std::string iam = "arn:aws:iam::" + account + ":";
    addPrincipal(iam + "root", out);
    addPrincipal(iam + "user/alice", out);
    addPrincipal(iam + "role/Worker", out);
    addPrincipal(iam + "role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForEC2", out);
  }
  std::vector<std::string> patterns = valuesOf(document, "aws:PrincipalArn");
  if (patterns.size() > 8) patterns.resize(8);
  for (const std::string& pattern : patterns) {
    // Other variables (and corpus placeholders such as `${ORG_ADMIN_ROLE}`) get a plain
    // name: the principal itself is concrete.
    Lookup account = [&](std::string_view key) -> std::optional<std::string> {
      if (eval::sameIgnoringCase(key, "aws:PrincipalAccount")) return accounts.front();
      return "Var1";
    };
    for (const char* star : {"x1", "Admin"}) {
      std::optional<std::string> arn = instantiateArn(pattern, accounts.front(), star);
      if (!arn) continue;
      std::string matching = concretePrincipal(resolveVariables(*arn, account), accounts.front());
      addPrincipal(matching, out);
      addPrincipal(matching + "-other", out);  // just outside the pattern, most of the time
    }
  }
  return out;
}

// Chains for one document: alone first, then three random ones.
std::vector<std::size_t> makeChains(std::size_t doc, std::size_t count, Rng& rng,
                                    std::vector<Chain>& chains) {
  std::vector<std::size_t> out = {chains.size()};
  chains.push_back(Chain{{{static_cast<long>(doc)}}});
  for (int i = 0; i < 3; ++i) {
    Chain chain;
    const std::size_t levels = 1 + rng.below(3);
    const std::size_t home = rng.below(levels);
    chain.levels.resize(levels);
    for (std::size_t l = 0; l < levels; ++l) {
      auto& level = chain.levels[l];
      if (l == home) level.push_back(static_cast<long>(doc));
      if (count > 1 && rng.chance(25)) level.push_back(static_cast<long>(rng.below(count)));
      if (level.empty() || rng.chance(75)) level.push_back(kFullAwsAccess);
    }
    out.push_back(chains.size());
    chains.push_back(std::move(chain));
  }
  return out;
}

std::string swapCase(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

using Context = std::vector<std::pair<std::string, std::vector<std::string>>>;

// Absent (nothing added), one value, or for a multi-valued key a list (possibly empty).
void chooseValues(const KeyValues& key, Rng& rng, Context& context) {
  const auto& hit = key.hit.empty() ? key.miss : key.hit;
  const auto& miss = key.miss.empty() ? key.hit : key.miss;
  const std::size_t roll = rng.below(100);
  if (!key.array) {
    if (roll < 20) return;
    context.emplace_back(key.key, std::vector<std::string>{rng.pick(roll < 70 ? hit : miss)});
    return;
  }
  // Absent 15%, empty 10%, [hit] 30%, [hit, miss] 20%, [miss] 15%, [hit, hit] 10%.
  if (roll < 15) return;
  std::vector<std::string> values;
  if (roll >= 90) {
    values = {rng.pick(hit), rng.pick(hit)};
  } else if (roll >= 75) {
    values = {rng.pick(miss)};
  } else if (roll >= 55) {
    values = {rng.pick(hit), rng.pick(miss)};
  } else if (roll >= 25) {
    values = {rng.pick(hit)};
  }
  context.emplace_back(key.key, std::move(values));
}

Lookup lookupIn(const Context& context) {
  return [&context](std::string_view key) -> std::optional<std::string> {
    for (const auto& [name, values] : context) {
      if (eval::sameIgnoringCase(name, key)) {
        if (values.size() == 1) return values.front();
        return std::nullopt;
      }
    }
    return std::nullopt;
  };
}

// A resource the oracle reads as one resource type of the action: half the time an instance
// of one of the document's patterns, when one fits, else a catalog instance. Empty when the
// action has no usable ARN.
std::string chooseResource(const Profile& profile, const ActionResources& action,
                           const Context& context, const std::string& account, Rng& rng) {
  if (action.wildcardOnly) return "*";
  if (!profile.resources.empty() && rng.chance(50)) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto arn = instantiateArn(rng.pick(profile.resources), account, rng.chance(50) ? "x1" : "");
      if (!arn) continue;
      std::string resolved = resolveVariables(*arn, lookupIn(context));
      const bool wildcard = resolved.find_first_of("*?") != std::string::npos;
      if (!wildcard && ResourceTypes::fitsOneType(action, resolved)) return resolved;
    }
  }
  return action.samples.empty() ? std::string() : rng.pick(action.samples);
}

Case makeCase(std::size_t doc, const Profile& profile, const catalog::Catalog& catalog,
              ResourceTypes& resources, Rng& rng) {
  Case out;
  out.document = doc;
  out.chain = rng.chance(40) ? profile.chains.front() : profile.chains[1 + rng.below(3)];
  const Principal& principal = rng.pick(profile.principals);
  Context context = {{"aws:PrincipalArn", {principal.principalArn}},
                     {"aws:PrincipalAccount", {principal.account}}};
  for (const KeyValues& key : profile.keys) chooseValues(key, rng, context);
  // Templates after every key has a value, so that variables see the request's values.
  for (auto& [key, values] : context) {
    for (std::string& value : values) value = resolveVariables(value, lookupIn(context));
  }
  std::string action, resource;
  for (int attempt = 0; attempt < 50 && resource.empty(); ++attempt) {
    const bool own = !profile.actions.empty() && rng.chance(60);
    action = own ? rng.pick(profile.actions) : rng.pick(allActions(catalog));
    resource = chooseResource(profile, resources.of(action), context, principal.account, rng);
  }
  if (resource.empty()) {  // never seen; `*` is only valid for a wildcard-only action
    action = "s3:ListAllMyBuckets";
    resource = "*";
  }
  out.request.principalArn = principal.arn;
  out.request.action = rng.chance(10) ? swapCase(action) : action;  // case-insensitive too
  out.request.resource = resource;
  // AWS sends no key the action does not carry; the oracle drops them too (and may drop more,
  // per resource type: the runner removes those after it answered).
  std::optional<catalog::ActionRef> ref = catalog.findAction(action);
  for (auto& [key, values] : context) {
    if (ref && catalog.supportsKey(*ref, key) == catalog::KeySupport::No) continue;
    std::optional<catalog::ConditionKey> known = catalog.conditionKey(key);
    // Key names are not case-sensitive (IAM Condition element): now and then say so.
    std::string name = rng.chance(10) ? swapCase(key) : key;
    if (known && known->type.array) out.arrayKeys.push_back(name);
    out.request.context.emplace_back(std::move(name), std::move(values));
  }
  return out;
}

}  // namespace

Generated generate(const std::vector<SourceDocument>& documents, const catalog::Catalog& catalog,
                   ResourceTypes& resources, std::uint32_t seed, std::size_t requests) {
  Generated out;
  Rng rng(seed);
  std::vector<Profile> profiles;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const policy::Document& doc = documents[i].document;
    Profile profile;
    profile.actions = documentActions(doc, catalog, rng);
    for (const policy::Statement& statement : doc.statements) {
      for (const std::string& r : statement.resources) {
        if (r.rfind("arn:", 0) == 0) profile.resources.push_back(r);
      }
    }
    profile.keys = conditionValues(doc, catalog);
    profile.principals = principalsOf(doc);
    profile.chains = makeChains(i, documents.size(), rng, out.chains);
    profiles.push_back(std::move(profile));
  }
  if (documents.empty()) return out;
  out.cases.reserve(requests);
  for (std::size_t n = 0; n < requests; ++n) {
    const std::size_t doc = n % documents.size();
    out.cases.push_back(makeCase(doc, profiles[doc], catalog, resources, rng));
  }
  return out;
}

}  // namespace rootpol::differential
