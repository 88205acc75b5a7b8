#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/request.h"
#include "replay/cloudtrail_reader.h"
#include "replay/tables.h"

// One CloudTrail record as the request an SCP would have seen (spec section 10.4): the action
// from eventSource and eventName, the principal from userIdentity, and the keys the record
// shows. A key the record cannot tell is left out of the request and out of `known`, so that a
// decision that reads it is reported as undetermined rather than guessed.
namespace rootpol::replay {

struct Call {
  std::string action;     // `s3:ListAllMyBuckets`
  std::string principal;  // as reported: root's, the user's or the session's role ARN, or the service
  std::string account;    // the principal's account; empty for an AWS service
  std::string type;       // userIdentity.type
  bool service = false;   // an AWS service principal (SCPs do not apply to it)
  bool assumedRoot = false;
  // The resources the record names, each with the account that owns it (from the entry, the
  // ARN, else the account that received the call).
  std::vector<std::pair<std::string, std::string>> resources;
  std::string recipientAccount;
  eval::Request request;  // resource "*" until a resource is chosen
  // Keys the record tells are absent (an AssumeRoot key on a long-term credential, a source
  // address through a VPC endpoint); with the request's context, the keys that are known.
  std::vector<std::string_view> knownAbsent;
  std::size_t used = 0;  // entries of request.context in use (the rest are kept for their buffers)

  bool knows(std::string_view key) const;
};

// Maps `record`, whose action is `action` (Tables::action), into `call`, reusing its buffers.
// False when the record cannot be mapped, and `why` says why.
bool mapRecord(const Record& record, std::string_view action, Call& call, std::string& why);

}  // namespace rootpol::replay
