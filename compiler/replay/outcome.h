#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rootpol::replay {

// What replay made of one record (one call: records that share a decision share the outcome).
struct Outcome {
  enum class Kind { Skipped, Allowed, Denied, Undetermined };
  Kind kind = Kind::Skipped;
  std::string_view skip;  // Skipped: why (replay.h's kSkip*)
  std::string account, principal, action;
  std::string statement, level;   // Denied: the deciding statement and its level
  std::vector<std::string> keys;  // Undetermined: what the record cannot tell
  unsigned reads = 0;             // Read* bits: which varying fields the decision read
};

// The record's fields that vary from call to call, by the keys that come from them.
enum Read : unsigned {
  kReadTime = 1u << 0,      // aws:CurrentTime, aws:EpochTime (eventTime)
  kReadSource = 1u << 1,    // aws:SourceIp, aws:VpcSourceIp (sourceIPAddress)
  kReadUserid = 1u << 2,    // aws:userid (principalId)
  kReadResource = 1u << 3,  // the resource (resources[].ARN)
};

}  // namespace rootpol::replay
