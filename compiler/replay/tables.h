#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rootpol::catalog {
class Catalog;
}

// The data replay maps CloudTrail names with (stdlib/cloudtrail_services.json and
// stdlib/cloudtrail_actions.json), and the AWS catalog that says which actions exist.
namespace rootpol::replay {

class Tables {
 public:
  // The embedded tables over the embedded catalog.
  static const Tables& builtin();
  Tables(std::string_view servicesJson, std::string_view actionsJson, const catalog::Catalog& catalog);

  // The IAM action of an event (`monitoring.amazonaws.com` + `PutMetricData` gives
  // `cloudwatch:PutMetricData`), in the catalog's spelling; nullopt when the endpoint or the
  // action is unknown, or when no IAM permission governs the call (`why` says which).
  std::optional<std::string> action(std::string_view eventSource, std::string_view eventName, std::string& why) const;
  // The ARN formats of `action`'s resource types as globs (the catalog's templates with each
  // `${...}` as `*`): CloudTrail lists every resource a call touched (the bucket beside the
  // object of s3:GetObject), and only those of the action's types are its Resource. Empty when
  // the action has no resource types.
  std::vector<std::string> resourceGlobs(std::string_view action) const;
  // Whether an errorCode means AWS refused the call for lack of permission.
  bool deniedError(std::string_view errorCode) const;

 private:
  const catalog::Catalog& catalog_;
  std::unordered_map<std::string, std::string> sources_;
  std::set<std::string, std::less<>> unauthorizedSources_;
  std::unordered_map<std::string, std::string> renames_;
  std::set<std::string, std::less<>> versioned_;
  std::set<std::string, std::less<>> unauthorizedActions_;
  std::set<std::string, std::less<>> deniedErrors_;
};

}  // namespace rootpol::replay
