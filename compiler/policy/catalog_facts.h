#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "catalog/catalog.h"
#include "policy/arn_format.h"
#include "policy/value_checks.h"

// What the AWS catalog says about a statement's actions: which condition keys their requests
// carry, and which resource types (ARN formats) they act on. Shared by sema (RP1023 on a
// .rootpol rule) and lint (the same code on a JSON statement).
namespace rootpol::policy {

// Which of the actions a statement covers carry the condition key `key` in their request.
// Unknown when that cannot be told: a global key (except the tag keys only some actions carry,
// stdlib/policy_facts.json), an unknown key or action. `*`, a wildcard in a service prefix and
// `NotAction` cover actions of every service, so some of them lack any key that is not global.
enum class KeyCarriers : std::uint8_t { Unknown, None, Some, All };
KeyCarriers keyCarriers(const catalog::Catalog& catalog, const std::vector<std::string>& actions,
                        bool notAction, std::string_view key);
// What keyCarriers asks the catalog and stdlib/policy_facts.json about a key, looked up once:
// a policy tests the same few keys in many statements, so lint looks each up once per document.
struct KeyFacts {
  std::optional<catalog::ConditionKey> entry;  // catalog::Catalog::conditionKey
  bool actionScoped = false;  // one of policyFacts().actionScopedGlobalKeys (whatever `entry` is)
};
KeyFacts keyFacts(const catalog::Catalog& catalog, std::string_view key);
KeyCarriers keyCarriers(const catalog::Catalog& catalog, const std::vector<std::string>& actions,
                        bool notAction, std::string_view key, const KeyFacts& facts);

// keyCarriers for the statements of one document in turn: what each Action pattern, as written,
// tells of a key is asked of the catalog once (a document repeats its actions under the same
// keys), and each key's facts too.
class KeyCarriersMemo {
 public:
  struct Key {
    KeyFacts facts;
    TextMap<std::uint8_t> actions;  // an action's answer, by the action as written
  };
  explicit KeyCarriersMemo(const catalog::Catalog& catalog) : catalog_(catalog) {}
  // The key `name`'s entry (its facts), kept for the memo's life.
  Key& key(std::string_view name);
  // keyCarriers(catalog, actions, notAction, name, key.facts), for `key` = key(name).
  KeyCarriers carriers(Key& key, std::string_view name, const std::vector<std::string>& actions, bool notAction);

 private:
  const catalog::Catalog& catalog_;
  TextMap<Key> keys_;
};

// Whether some action of `actions` (Action patterns, case-insensitive) carries the service
// condition key `key` in its request: keyCarriers is not None.
bool someActionCarriesKey(const catalog::Catalog& catalog, const std::vector<std::string>& actions,
                          std::string_view key);

// Whether `key` belongs to a web identity provider, whose keys are named after its issuer
// (`token.actions.githubusercontent.com:sub`, `accounts.google.com:aud`): any issuer may be
// one, so no catalog can list them.
bool isIssuerKey(std::string_view key);

// The first `${key}` of `text` (a string read with variables) whose key is no condition key of
// the catalog, or is multivalued (`${aws:TagKeys}`): IAM substitutes nothing for it, so the
// text never matches (`${aws:usrname}`).
// Keys of identity providers (`accounts.google.com:sub`, named after the issuer) are taken as
// known, and `${NAME}` without a colon is a template placeholder, not a variable.
std::optional<ValueProblem> checkVariableKeys(const catalog::Catalog& catalog, std::string_view text);

// The ARN formats of the resource types of the actions `actions` matches, as patterns
// (policy/arn_format.h). Collected per action once and kept by the caller.
class ResourceFormats {
 public:
  explicit ResourceFormats(const catalog::Catalog& catalog) : catalog_(catalog) {}
  // A Resource value (an ARN or ARN pattern, wildcards and variables allowed) read once for
  // the actions of its statement.
  struct Target {
    ResourceProbe pattern;
    bool wildcard = false;  // a pattern, not a plain ARN
    bool always = false;    // `*`, or one of its service's untyped resources: any action may take it
  };
  Target target(std::string_view arn);
  // The ARN formats of one action pattern: where they are in this object's list of them, or
  // not judged when that cannot be told. Kept per action in any case: `action` is kept as a
  // view, so its text must outlive this object (a statement of the document being linted).
  struct Formats {
    std::uint32_t begin = 0, size = 0;
    bool judged = false;
    friend bool operator==(const Formats&, const Formats&) = default;
  };
  Formats patternsOf(std::string_view action);
  // Whether `target` may name a resource of a type of an action of the formats `formats`
  // (patternsOf; ArnFormat::overlaps). True when that cannot be denied: `*` or a wildcard in a
  // service prefix, an unknown action, an action whose resource types have no ARN format, a
  // resource of no type (stdlib/policy_facts.json: the root user), a pattern for an action of
  // no resource type.
  bool takes(Formats formats, const Target& target);

  // The ARN fields every resource type of `service`'s actions has: whether all of their ARN
  // formats have a region, and an account, and whether some have; and the resource parts of
  // the formats of `service`'s own ARNs (sts:AssumeRole's IAM role is none of `sts`'s). All false for a
  // service the catalog does not know or whose formats it does not give.
  struct Fields {
    bool region = false;
    bool account = false;
    bool someRegion = false;   // some format has a region (false for `iam`, a global service)
    bool someAccount = false;  // some format has an account
    std::vector<std::string> resources;  // the resource parts of the service's own formats
    std::vector<ArnFormat> resourceFormats;  // the same, as patterns
  };
  const Fields& requiredFields(std::string_view service);

  // The resource-part patterns of `service`'s resource types (as globs) and of its untyped
  // resources (stdlib/policy_facts.json) when the resource part `resource` of one of its ARNs
  // (wildcards and variables allowed) can fit none of them (`role:Admin` of `iam`, `Trail/x` of
  // `cloudtrail`); else nullopt, also when the catalog has no format of the service. `fields`
  // is requiredFields(service), which the caller has at hand.
  std::optional<std::vector<std::string>> unknownResourceType(std::string_view service, const Fields& fields,
                                                              std::string_view resource);

 private:
  // An ARN (pattern) whose resource part may be one of its service's untyped resources.
  bool untyped(std::string_view arn);
  // The formats of one resource type of `service`, read once: EC2's actions share a few
  // dozen types.
  const std::vector<ArnFormat>& typeFormats(std::string_view service, std::string_view type);
  // typeFormats' key: where the catalog's views of the service and the type name are. Equal
  // views are equal text, so whatever views the catalog gives the formats are right; as it
  // gives views into its own text, each type is read once.
  struct TypeKey {
    const char* service;
    std::size_t serviceSize;
    const char* type;
    std::size_t typeSize;
    friend bool operator==(const TypeKey&, const TypeKey&) = default;
  };
  struct TypeKeyHash {
    std::size_t operator()(const TypeKey& k) const {
      std::hash<const void*> hash;
      return hash(k.service) * 31 + hash(k.type) + k.serviceSize * 7 + k.typeSize;
    }
  };
  // requiredFields, worked out.
  Fields fieldsOf(std::string_view service) const;
  const catalog::Catalog& catalog_;
  // patternsOf's answers by action, in any case; their formats, one list for all (no list per
  // action: most of a document's actions are asked for once).
  std::unordered_map<std::string_view, Formats, IgnoreCaseHash, IgnoreCaseEqual> cache_;
  std::vector<const ArnFormat*> formatList_;
  std::unordered_map<TypeKey, std::vector<ArnFormat>, TypeKeyHash> typeFormats_;
  TextMap<Fields> fields_;
  std::vector<std::uint8_t> scratch_;  // ArnFormat::overlaps's table, reused
};

}  // namespace rootpol::policy
