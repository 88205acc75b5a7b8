#include "request_gen.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "interp/glob.h"

namespace rootpol::semantic {
namespace {

using ast::CondOp;
using ast::Scalar;
using Choice = std::optional<std::vector<std::string>>;  // nullopt: the key is absent

constexpr const char* kAccount = "111122223333";
constexpr const char* kRootPrincipal = "arn:aws:iam::111122223333:root";
constexpr const char* kRolePrincipal = "arn:aws:iam::111122223333:role/Worker";
constexpr const char* kNoMatch = "no-match-value";
constexpr const char* kVia = "aws:ViaAWSService";

// Actions that no policy governs: AWS (and the oracle) answer sts:GetCallerIdentity even
// under an explicit deny, so comparing a decision on it is meaningless.
bool ungoverned(std::string_view action) {
  return interp::equalsIgnoreCase(action, "sts:GetCallerIdentity");
}

// --- small text helpers -------------------------------------------------------------------

std::string replaceWildcards(std::string_view text, std::string_view star, std::string_view q) {
  std::string out;
  for (char c : text) {
    if (c == '*') {
      out.append(star);
    } else if (c == '?') {
      out.append(q);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool hasWildcard(std::string_view text) { return text.find_first_of("*?") != text.npos; }

void addUnique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

void addUniqueIgnoreCase(std::vector<std::string>& list, std::string value) {
  for (const auto& existing : list) {
    if (interp::equalsIgnoreCase(existing, value)) return;
  }
  list.push_back(std::move(value));
}

// An instance of an ARN pattern: wildcards in the account become our account id, in the
// region `region`, elsewhere letters. Not an ARN: `*` -> "x", `?` -> "y".
std::string instantiateArn(std::string_view pattern, std::string_view region) {
  auto parts = interp::splitArn(pattern);
  if (!parts) return replaceWildcards(pattern, "x", "y");
  auto part = [](std::string_view p, std::string_view whole, std::string_view star,
                 std::string_view q) {
    return p == "*" ? std::string(whole) : replaceWildcards(p, star, q);
  };
  const auto& p = *parts;
  return "arn:" + part(p[1], "aws", "", "a") + ":" + part(p[2], "iam", "", "a") + ":" +
         part(p[3], region, "", "1") + ":" + part(p[4], kAccount, "", "1") + ":" +
         replaceWildcards(p[5], "x", "y");
}

std::string accountOf(std::string_view arn) {
  auto parts = interp::splitArn(arn);
  return parts ? std::string((*parts)[4]) : std::string();
}

Choice one(std::string value) { return std::vector<std::string>{std::move(value)}; }

bool isKey(const ast::ResolvedKey& key, std::string_view name) {
  return interp::equalsIgnoreCase(key.awsKey, name);
}

// --- condition keys -----------------------------------------------------------------------

struct KeyInfo {
  ast::ResolvedKey resolved;
  std::vector<const ast::Cond*> atoms;
};

void collectAtoms(const ast::Cond& cond, std::vector<KeyInfo>& keys) {
  if (cond.kind != ast::Cond::Kind::Atom) {
    for (const auto& child : cond.children) {
      if (child) collectAtoms(*child, keys);
    }
    return;
  }
  for (KeyInfo& key : keys) {
    if (isKey(key.resolved, cond.resolved.awsKey)) {
      key.atoms.push_back(&cond);
      return;
    }
  }
  keys.push_back(KeyInfo{cond.resolved, {&cond}});
}

std::vector<KeyInfo> policyKeys(const ast::Policy& policy) {
  std::vector<KeyInfo> keys;
  bool rootCredentials = false;
  for (const ast::Rule& rule : policy.rules) {
    rootCredentials = rootCredentials || rule.forRootCredentials;
    for (const ast::CondClause& clause : rule.clauses) {
      if (clause.cond) collectAtoms(*clause.cond, keys);
    }
  }
  // `for root credentials` tests aws:AssumedRoot without an atom: AssumeRoot sessions ("true")
  // and long-term credentials (absent) are both sent.
  const bool tested = std::any_of(keys.begin(), keys.end(), [](const KeyInfo& k) { return isKey(k.resolved, "aws:AssumedRoot"); });
  if (rootCredentials && !tested) keys.push_back(KeyInfo{ast::ResolvedKey{"aws:AssumedRoot", {Scalar::Bool, false}, false, false}, {}});
  return keys;
}

std::string sampleOf(Scalar scalar) {
  switch (scalar) {
    case Scalar::Bool:
      return "true";
    case Scalar::Int:
      return "5";
    case Scalar::Cidr:
      return "203.0.113.10";
    case Scalar::Date:
      return "2024-01-01T00:00:00Z";
    case Scalar::Arn:
      return "arn:aws:iam::111122223333:role/Sample";
    case Scalar::Region:
      return "us-east-1";
    case Scalar::Account:
      return kAccount;
    default:
      return "sample-value";
  }
}

// An address inside the block: its network address with the lowest host bit set.
std::string addressInside(std::string_view block) {
  auto net = interp::parseIpNetwork(block);
  if (!net) return std::string(block);
  const int bits = net->v6 ? 128 : 32;
  for (int i = net->prefix; i < bits; ++i) {
    net->bytes[static_cast<std::size_t>(i / 8)] &= static_cast<std::uint8_t>(~(0x80 >> (i % 8)));
  }
  if (net->prefix < bits) net->bytes[static_cast<std::size_t>(bits / 8 - 1)] |= 1;
  return interp::formatIp(*net);
}

// The bound, one below and one above: both sides of <, <=, >, >= and ==.
void numbersAround(std::string_view bound, std::vector<std::string>& out) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(bound.data(), bound.data() + bound.size(), value);
  if (ec != std::errc() || end != bound.data() + bound.size()) {
    addUnique(out, std::string(bound));
    return;
  }
  addUnique(out, std::to_string(value));
  addUnique(out, std::to_string(value - 1));
  addUnique(out, std::to_string(value + 1));
}

// Dates one day either side, in the bound's own format (the oracle compares epoch numbers
// and ISO strings wrongly when they are mixed).
void datesAround(std::string_view bound, std::vector<std::string>& out) {
  addUnique(out, std::string(bound));
  auto instant = interp::parseInstant(bound);
  if (!instant) return;
  const bool epoch = bound.find_first_not_of("0123456789") == std::string_view::npos;
  for (std::int64_t delta : {-86400, 86400}) {
    interp::Instant shifted{instant->seconds + delta, 0};
    addUnique(out, epoch ? std::to_string(shifted.seconds) : interp::formatInstant(shifted));
  }
}

void valuesForAtom(const ast::Cond& atom, std::vector<std::string>& out) {
  const Scalar scalar = atom.resolved.type.scalar;
  if (atom.op == CondOp::Exists || (atom.values.empty() && atom.op != CondOp::IsTrue)) {
    addUnique(out, sampleOf(scalar));
    return;
  }
  if (atom.op == CondOp::IsTrue || scalar == Scalar::Bool) {
    addUnique(out, "true");
    addUnique(out, "false");
    return;
  }
  for (const ast::Value& value : atom.values) {
    if (scalar == Scalar::Cidr) {
      addUnique(out, addressInside(value.text));
    } else if (scalar == Scalar::Int) {
      numbersAround(value.text, out);
    } else if (scalar == Scalar::Date) {
      datesAround(value.text, out);
    } else if (atom.op == CondOp::Like) {
      addUnique(out, scalar == Scalar::Arn ? instantiateArn(value.text, "")
                                           : replaceWildcards(value.text, "x", "y"));
    } else {
      addUnique(out, value.text);
    }
  }
}

// Values the atoms do not mention: addresses outside every block, or a plain string.
void nonMatchingValues(const KeyInfo& key, std::vector<std::string>& out) {
  const Scalar scalar = key.resolved.type.scalar;
  if (scalar == Scalar::Bool || scalar == Scalar::Int || scalar == Scalar::Date) return;
  if (scalar != Scalar::Cidr) {
    addUnique(out, kNoMatch);
    return;
  }
  auto insideAny = [&](const std::string& ip) {
    return std::any_of(key.atoms.begin(), key.atoms.end(), [&](const ast::Cond* atom) {
      return std::any_of(atom->values.begin(), atom->values.end(),
                         [&](const ast::Value& v) { return interp::cidrContains(v.text, ip); });
    });
  };
  for (const auto* family : {"192.0.2.77 198.18.0.1 100.64.0.1", "2001:db8:ffff::1 fd00::1"}) {
    std::string_view list = family;
    while (!list.empty()) {
      std::size_t space = list.find(' ');
      std::string ip(list.substr(0, space));
      list = space == list.npos ? std::string_view() : list.substr(space + 1);
      if (!insideAny(ip)) {
        addUnique(out, ip);
        break;
      }
    }
  }
}

struct KeyChoices {
  std::string key;
  bool list = false;
  std::vector<Choice> choices;  // choices[0] is a matching one
};

KeyChoices choicesFor(const KeyInfo& key) {
  KeyChoices out{key.resolved.awsKey, key.resolved.type.list, {}};
  std::vector<std::string> matching;
  for (const ast::Cond* atom : key.atoms) valuesForAtom(*atom, matching);
  if (matching.empty()) matching.push_back(sampleOf(key.resolved.type.scalar));
  std::vector<std::string> other;
  nonMatchingValues(key, other);
  if (!out.list) {
    for (const auto& v : other) addUnique(matching, v);
    for (const auto& v : matching) out.choices.push_back(one(v));
  } else {
    const std::string miss = other.empty() ? kNoMatch : other.front();
    for (const auto& v : matching) out.choices.push_back(one(v));
    out.choices.push_back(std::vector<std::string>{matching.front(), miss});
    out.choices.push_back(std::vector<std::string>{miss});
  }
  if (!key.resolved.alwaysPresent) out.choices.push_back(std::nullopt);
  return out;
}

// The service keys (not `aws:`) the policy tests, in order of first use.
std::vector<std::string> serviceKeyNames(const std::vector<KeyInfo>& keys) {
  std::vector<std::string> out;
  for (const KeyInfo& key : keys) {
    const std::string& name = key.resolved.awsKey;
    if (!interp::equalsIgnoreCase(name.substr(0, 4), "aws:")) out.push_back(name);
  }
  return out;
}

// Whether a rule that applies to `action` (by its action list, not an `except` list) tests
// `key`.
bool ruleTestsKeyOn(const ast::Policy& policy, const std::string& key, const std::string& action) {
  for (const ast::Rule& rule : policy.rules) {
    if (rule.actionsExcept) continue;
    const bool applies = std::any_of(
        rule.resolvedActions.begin(), rule.resolvedActions.end(),
        [&](const ast::Value& pattern) { return interp::globMatch(pattern.text, action, true); });
    if (!applies) continue;
    std::vector<KeyInfo> keys;
    for (const ast::CondClause& clause : rule.clauses) {
      if (clause.cond) collectAtoms(*clause.cond, keys);
    }
    if (std::any_of(keys.begin(), keys.end(),
                    [&](const KeyInfo& k) { return isKey(k.resolved, key); })) {
      return true;
    }
  }
  return false;
}

bool isPrincipalKey(const ast::ResolvedKey& key) {
  return isKey(key, "aws:PrincipalArn") || isKey(key, "aws:PrincipalAccount");
}

std::vector<KeyChoices> keyChoices(const std::vector<KeyInfo>& keys) {
  std::vector<KeyChoices> out;
  bool network = false;
  bool via = false;
  for (const KeyInfo& key : keys) {
    network = network || key.resolved.network;
    if (isPrincipalKey(key.resolved)) continue;  // follows the principal
    if (isKey(key.resolved, kVia)) {
      // Always in a request, whatever sema says: AWS sets it on every call.
      via = true;
      out.push_back(KeyChoices{key.resolved.awsKey, false, {one("false"), one("true")}});
      continue;
    }
    out.push_back(choicesFor(key));
  }
  if (network && !via) out.push_back(KeyChoices{kVia, false, {one("false"), one("true")}});
  return out;
}

// --- principals, actions, resources -------------------------------------------------------

std::vector<std::string> principalChoices(const ast::Policy& policy,
                                          const std::vector<KeyInfo>& keys) {
  std::vector<std::string> out{kRootPrincipal, kRolePrincipal};
  for (const ast::Rule& rule : policy.rules) {
    for (const ast::Value& p : rule.resolvedPrincipals) addUnique(out, instantiateArn(p.text, ""));
  }
  for (const KeyInfo& key : keys) {
    const bool account = isKey(key.resolved, "aws:PrincipalAccount");
    if (!account && !isKey(key.resolved, "aws:PrincipalArn")) continue;
    for (const ast::Cond* atom : key.atoms) {
      for (const ast::Value& v : atom->values) {
        if (account) {
          addUnique(out, "arn:aws:iam::" + replaceWildcards(v.text, "", "1") + ":role/Worker");
        } else {
          addUnique(out, atom->op == CondOp::Like ? instantiateArn(v.text, "") : v.text);
        }
      }
    }
  }
  return out;
}

std::vector<std::string> actionPatterns(const ast::Policy& policy) {
  std::vector<std::string> out;
  for (const ast::Rule& rule : policy.rules) {
    for (const ast::Value& a : rule.resolvedActions) addUniqueIgnoreCase(out, a.text);
  }
  return out;
}

std::string instanceOf(const std::string& pattern, const GenOptions& options, Rng& rng) {
  std::vector<std::string> fits;
  for (const auto& a : options.actionPool) {
    if (!ungoverned(a) && interp::globMatch(pattern, a, true)) fits.push_back(a);
  }
  std::size_t colon = pattern.find(':');
  if (fits.empty() && options.catalog && colon != std::string::npos &&
      !hasWildcard(pattern.substr(0, colon))) {
    for (const auto& a : options.catalog->serviceActions(pattern.substr(0, colon))) {
      if (!ungoverned(a) && interp::globMatch(pattern, a, true)) fits.push_back(a);
    }
  }
  return fits.empty() ? std::string() : fits[rng.below(fits.size())];
}

// The actions to send: first those the policy names (`named` of them), then up to three it
// does not name.
std::vector<std::string> actionChoices(const ast::Policy& policy, const GenOptions& options,
                                       Rng& rng, std::size_t& named) {
  std::vector<std::string> out;
  const std::vector<std::string> patterns = actionPatterns(policy);
  for (const auto& p : patterns) {
    if (ungoverned(p)) continue;
    if (!hasWildcard(p)) {
      // The oracle refuses actions its catalogue lacks: such a name is left out (the extra
      // actions below still exercise the rule's other parts).
      const CatalogAction* known = options.catalog ? options.catalog->action(p) : nullptr;
      if (known) {
        addUniqueIgnoreCase(out, known->name);
      } else if (options.catalog == nullptr) {
        addUniqueIgnoreCase(out, p);
      }
    } else if (std::string instance = instanceOf(p, options, rng); !instance.empty()) {
      addUniqueIgnoreCase(out, instance);
    }
  }
  named = out.size();
  std::vector<std::string> unnamed;
  std::vector<std::string> spare;
  for (const auto& a : options.actionPool) {
    if (ungoverned(a)) continue;
    const bool named = std::any_of(patterns.begin(), patterns.end(),
                                   [&](const auto& p) { return interp::globMatch(p, a, true); });
    (named ? spare : unnamed).push_back(a);
  }
  for (int i = 0; i < 3; ++i) {
    std::vector<std::string>& from = unnamed.empty() ? spare : unnamed;
    if (from.empty()) break;
    std::size_t pick = rng.below(from.size());
    addUniqueIgnoreCase(out, from[pick]);
    from.erase(from.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  return out;
}

std::vector<std::string> resourcePatterns(const ast::Policy& policy) {
  std::vector<std::string> out;
  for (const ast::Rule& rule : policy.rules) {
    for (const ast::Value& r : rule.resolvedResources) addUnique(out, r.text);
  }
  return out;
}

bool fitsAction(const CatalogAction& action, const std::string& arn) {
  return std::any_of(action.arnFormats.begin(), action.arnFormats.end(),
                     [&](const std::string& f) { return arnFitsFormat(arn, f); });
}

bool matchesAnyPattern(const std::vector<std::string>& patterns, const std::string& arn) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return interp::arnLike(p, arn); });
}

// An ARN of the action's resource types outside every pattern (or, failing that, any ARN
// of those types, so that the action is still exercised).
std::string resourceOutside(const CatalogAction& action, const std::vector<std::string>& patterns) {
  std::string fallback;
  for (const auto& format : action.arnFormats) {
    for (const auto* filler : {"rootpol-other", "zz9"}) {
      std::string arn = instantiateFormat(format, filler);
      if (fallback.empty()) fallback = arn;
      if (!matchesAnyPattern(patterns, arn)) return arn;
    }
  }
  return fallback;
}

// A concrete ARN of one of the action's resource types, preferring one that fits a single
// type (the oracle refuses an ARN that fits several).
std::string typicalResource(const CatalogAction& action) {
  for (const auto& format : action.arnFormats) {
    std::string arn = instantiateFormat(format, "rootpol-demo");
    const auto fits = std::count_if(action.arnFormats.begin(), action.arnFormats.end(),
                                    [&](const std::string& f) { return arnFitsFormat(arn, f); });
    if (fits == 1) return arn;
  }
  return instantiateFormat(action.arnFormats.front(), "rootpol-demo");
}

// The literal text of a catalogue format (placeholders removed).
std::string literalText(std::string_view format) {
  std::string out;
  for (std::size_t pos = 0; pos < format.size();) {
    std::size_t open = format.find("${", pos);
    std::size_t close = open == format.npos ? open : format.find('}', open);
    if (close == format.npos) {
      out.append(format.substr(pos));
      break;
    }
    out.append(format.substr(pos, open - pos));
    pos = close + 1;
  }
  return out;
}

// Whether the oracle takes `arn` as a resource of type `type` (and of no other type): it
// fits that type's format, and every other format it fits is less specific (the oracle keeps
// the most specific formats, those whose literal text extends the others').
bool resolvesTo(const CatalogAction& action, std::size_t type, const std::string& arn) {
  if (!arnFitsFormat(arn, action.arnFormats[type])) return false;
  const std::string own = literalText(action.arnFormats[type]);
  for (std::size_t other = 0; other < action.arnFormats.size(); ++other) {
    if (other == type || !arnFitsFormat(arn, action.arnFormats[other])) continue;
    const std::string theirs = literalText(action.arnFormats[other]);
    if (own.size() <= theirs.size() || own.rfind(theirs, 0) != 0) return false;
  }
  return true;
}

constexpr const char* kTypeFillers[] = {"rootpol-demo", "rootpol-other", "zz9"};

// The first ARN of resource type `type` (over the fillers) that the oracle reads as that type
// and that is inside (`inside`) or outside every pattern; "" when there is none.
std::string arnOfType(const CatalogAction& action, std::size_t type,
                      const std::vector<std::string>* patterns, bool inside) {
  for (const auto* filler : kTypeFillers) {
    std::string arn = instantiateFormat(action.arnFormats[type], filler);
    if (!resolvesTo(action, type, arn)) continue;
    if (patterns == nullptr || matchesAnyPattern(*patterns, arn) == inside) return arn;
  }
  return {};
}

// The resource types (indices into `arnFormats`) through which the policy's service keys
// reach the oracle, which drops the keys the action does not carry for the resource's type:
// greedily the type that carries the most keys not yet covered, until no type adds one. Ties
// go to the type whose own entry in the action lists more of them (ec2:RunInstances lists
// ec2:InstanceType for `instance`; `capacity-reservation` has it only from its resource
// type), then to a type the action requires, then to the first in catalogue order. Keys the
// action carries for every resource need no type. Empty when no key needs one.
std::vector<std::size_t> keyCarryingTypes(const CatalogAction& action,
                                          const std::vector<std::string>& serviceKeys) {
  std::vector<std::string> uncovered;
  for (const auto& key : serviceKeys) {
    if (!action.carriesKeyForAnyResource(key)) uncovered.push_back(key);
  }
  std::vector<std::size_t> chosen;
  while (!uncovered.empty()) {
    std::size_t best = action.arnFormats.size();
    std::tuple<std::ptrdiff_t, std::ptrdiff_t, bool> bestScore{0, 0, false};
    for (std::size_t type = 0; type < action.arnFormats.size(); ++type) {
      if (std::find(chosen.begin(), chosen.end(), type) != chosen.end()) continue;
      const auto carried = std::count_if(uncovered.begin(), uncovered.end(), [&](const auto& key) {
        return action.typeCarriesKey(type, key);
      });
      const auto listed = std::count_if(uncovered.begin(), uncovered.end(), [&](const auto& key) {
        return action.typeListsKey(type, key);
      });
      const bool required = type < action.typeRequired.size() && action.typeRequired[type];
      const std::tuple<std::ptrdiff_t, std::ptrdiff_t, bool> score{carried, listed, required};
      if (carried > 0 && score > bestScore && !arnOfType(action, type, nullptr, true).empty()) {
        best = type;
        bestScore = score;
      }
    }
    if (best == action.arnFormats.size()) break;
    chosen.push_back(best);
    uncovered.erase(
        std::remove_if(uncovered.begin(), uncovered.end(),
                       [&](const auto& key) { return action.typeCarriesKey(best, key); }),
        uncovered.end());
  }
  return chosen;
}

// "*" for an action that takes no resource (or one the catalogue does not know). Otherwise,
// when the policy names no resources, one ARN of a type the action takes (every rule reads
// "*", so any ARN is as good, and the oracle then runs once instead of once per resource
// type); when it does, up to two ARNs inside its patterns and one outside. When the policy
// tests service keys that the action carries only for some resource types, the ARNs are of
// those types instead (keyCarryingTypes): one per type without patterns, else per type one
// inside and one outside the patterns (when there is such an ARN), after the two above.
std::vector<std::string> resourceChoices(const std::string& action,
                                         const std::vector<std::string>& patterns,
                                         const std::vector<std::string>& serviceKeys,
                                         const GenOptions& options) {
  const CatalogAction* known = options.catalog ? options.catalog->action(action) : nullptr;
  if (known == nullptr || known->wildcardOnly()) return {"*"};
  const std::vector<std::size_t> keyTypes = keyCarryingTypes(*known, serviceKeys);
  if (patterns.empty()) {
    if (keyTypes.empty()) return {typicalResource(*known)};
    std::vector<std::string> out;
    for (std::size_t type : keyTypes) addUnique(out, arnOfType(*known, type, nullptr, true));
    return out;
  }
  std::vector<std::string> out;
  for (const auto& pattern : patterns) {
    for (const auto* region : {"us-east-1", ""}) {
      std::string arn = instantiateArn(pattern, region);
      if (out.size() < 2 && fitsAction(*known, arn) && interp::arnLike(pattern, arn)) {
        addUnique(out, arn);
      }
    }
  }
  if (keyTypes.empty()) {
    addUnique(out, resourceOutside(*known, patterns));
    return out;
  }
  for (std::size_t type : keyTypes) {
    for (bool inside : {true, false}) {
      if (std::string arn = arnOfType(*known, type, &patterns, inside); !arn.empty()) {
        addUnique(out, std::move(arn));
      }
    }
  }
  return out;
}

// --- combinations -------------------------------------------------------------------------

using Combo = std::vector<std::size_t>;

void addCombo(std::vector<Combo>& combos, std::set<Combo>& seen, Combo combo) {
  if (seen.insert(combo).second) combos.push_back(std::move(combo));
}

// Every combination when there are few; else every "one key varies, the others take their
// matching value" combination plus `limit` pseudo-random ones.
std::vector<Combo> keyCombinations(const std::vector<KeyChoices>& keys, std::size_t limit,
                                   Rng& rng) {
  std::size_t total = 1;
  for (const auto& k : keys) total = total > limit ? total : total * k.choices.size();
  std::vector<Combo> combos;
  std::set<Combo> seen;
  if (total <= limit) {
    Combo odometer(keys.size(), 0);
    for (std::size_t n = 0; n < total; ++n) {
      combos.push_back(odometer);
      for (std::size_t i = 0; i < keys.size() && ++odometer[i] == keys[i].choices.size(); ++i) {
        odometer[i] = 0;
      }
    }
    return combos;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t c = 0; c < keys[i].choices.size(); ++c) {
      Combo combo(keys.size(), 0);
      combo[i] = c;
      addCombo(combos, seen, std::move(combo));
    }
  }
  for (std::size_t n = 0; n < limit; ++n) {
    Combo combo;
    for (const auto& k : keys) combo.push_back(rng.below(k.choices.size()));
    addCombo(combos, seen, std::move(combo));
  }
  return combos;
}

struct Target {
  std::size_t principal;
  std::size_t action;
  std::string resource;
};

// Which (combination, target) pairs to send: all when they fit the cap, else every
// combination and every target at least once, then random pairs up to the cap.
std::vector<std::pair<std::size_t, std::size_t>> samplePairs(std::size_t combos,
                                                             std::size_t targets, std::size_t cap,
                                                             Rng& rng) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  if (combos == 0 || targets == 0) return pairs;
  if (combos * targets <= cap) {
    for (std::size_t c = 0; c < combos; ++c) {
      for (std::size_t t = 0; t < targets; ++t) pairs.emplace_back(c, t);
    }
    return pairs;
  }
  std::set<std::pair<std::size_t, std::size_t>> chosen;
  for (std::size_t i = 0; i < std::max(combos, targets) && chosen.size() < cap; ++i) {
    chosen.emplace(i % combos, i % targets);
  }
  for (std::size_t tries = 0; chosen.size() < cap && tries < 8 * cap; ++tries) {
    chosen.emplace(rng.below(combos), rng.below(targets));
  }
  return {chosen.begin(), chosen.end()};
}

interp::Request buildRequest(const std::vector<KeyChoices>& keys, const Combo& combo,
                             const std::string& principal, const std::string& action,
                             const std::string& resource) {
  interp::Request request;
  request.principalArn = principal;
  request.action = action;
  request.resource = resource;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Choice& choice = keys[i].choices[combo[i]];
    if (choice) request.context[keys[i].key] = *choice;
  }
  request.context["aws:PrincipalArn"] = {principal};
  if (std::string account = accountOf(principal); !account.empty()) {
    request.context["aws:PrincipalAccount"] = {account};
  }
  return request;
}

}  // namespace

GeneratedRequests generateRequests(const ast::Policy& policy, const GenOptions& options) {
  Rng rng(options.seed);
  GeneratedRequests out;
  const std::vector<KeyInfo> keys = policyKeys(policy);
  const std::vector<KeyChoices> choices = keyChoices(keys);
  for (const auto& k : choices) {
    if (k.list) out.multiValuedKeys.insert(k.key);
  }
  const std::vector<Combo> combos = keyCombinations(choices, options.comboLimit, rng);
  const std::vector<std::string> principals = principalChoices(policy, keys);
  std::size_t named = 0;
  const std::vector<std::string> actions = actionChoices(policy, options, rng, named);
  const std::vector<std::string> patterns = resourcePatterns(policy);
  const std::vector<std::string> serviceKeys = serviceKeyNames(keys);
  for (const auto& key : serviceKeys) {
    ServiceKey info{key, false, {}};
    for (std::size_t a = 0; a < named && options.catalog; ++a) {
      const CatalogAction* known = options.catalog->action(actions[a]);
      if (known != nullptr && known->carriesKey(key)) {
        info.carried = true;
      } else if (known != nullptr && ruleTestsKeyOn(policy, key, actions[a])) {
        info.notCarriedBy.push_back(actions[a]);
      }
    }
    out.serviceKeys.push_back(std::move(info));
  }
  std::vector<Target> targets;
  for (std::size_t a = 0; a < actions.size(); ++a) {
    for (const auto& resource : resourceChoices(actions[a], patterns, serviceKeys, options)) {
      for (std::size_t p = 0; p < principals.size(); ++p) targets.push_back({p, a, resource});
    }
  }
  for (const auto& [c, t] : samplePairs(combos.size(), targets.size(), options.requestCap, rng)) {
    const Target& target = targets[t];
    out.requests.push_back(buildRequest(choices, combos[c], principals[target.principal],
                                        actions[target.action], target.resource));
  }
  out.keys = choices.size();
  out.keyCombinations = combos.size();
  out.principals = principals.size();
  out.actions = actions.size();
  return out;
}

std::vector<std::string> loadActionPool(const std::filesystem::path& path) {
  std::vector<std::string> pool;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    pool.push_back(line.substr(first, last - first + 1));
  }
  return pool;
}

}  // namespace rootpol::semantic
