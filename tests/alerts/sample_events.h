#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// CloudTrail events as EventBridge delivers them (the envelope around the CloudTrail record
// in `detail`), written from the shapes AWS documents: the CloudTrail userIdentity and
// sign-in event references, IAM's "Track privileged tasks in CloudTrail" (AssumeRoot, and
// actions in a root session with sessionContext.assumedRoot "true"), EventBridge's
// "AWS API Call via CloudTrail" / "AWS Console Sign In via CloudTrail" detail types and
// Control Tower's "Drift Detected" service event. Account 111111111111 is the management
// account, 222222222222 a member account.
namespace rootpol::testing {

struct SampleEvent {
  std::string name;
  nlohmann::json event;
};

const std::vector<SampleEvent>& sampleEvents();
const nlohmann::json& sampleEvent(const std::string& name);

}  // namespace rootpol::testing
