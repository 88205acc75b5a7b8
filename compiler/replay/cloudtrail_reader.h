#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

// Reading CloudTrail log files as delivered to S3: one JSON document `{"Records": [...]}` per
// file, gzipped (the form CloudTrail writes) or not. The text is parsed on demand (simdjson)
// record by record, and only the fields replay maps are kept: views into the file's text, valid
// until the next file is read with the same reader. CloudTrail JSON is not policy JSON, so it is
// read here and not by the policy hub.
namespace rootpol::replay {

// Larger files are refused: the compressed file (input::kMaxInputBytes) and its text once
// inflated, so that a small gzip bomb cannot exhaust memory.
inline constexpr std::size_t kMaxTextBytes = std::size_t{512} << 20;

struct Identity {
  std::string_view type;         // Root, IAMUser, AssumedRole, AWSService, FederatedUser, ...
  std::string_view arn;          // the caller's ARN (a session ARN for an assumed role)
  std::string_view accountId;    // the caller's account
  std::string_view principalId;  // aws:userid
  std::string_view invokedBy;    // the AWS service that made the call for the caller
  std::string_view accessKeyId;  // AKIA...: a long-term access key; ASIA...: temporary credentials
  std::string_view issuerArn;    // sessionContext.sessionIssuer.arn (the role of a session)
  std::string_view issuerType;   // sessionContext.sessionIssuer.type
  std::string_view mfaAuthenticated;  // sessionContext.attributes.mfaAuthenticated
  std::string_view assumedRoot;       // sessionContext.assumedRoot: "true" for an AssumeRoot session
};

struct ResourceRef {
  std::string_view arn;
  std::string_view accountId;
};

struct Record {
  std::string_view eventID, eventTime, eventSource, eventName, eventType, awsRegion;
  std::string_view sourceIPAddress, errorCode, recipientAccountId, vpcEndpointId;
  bool tls = false;  // tlsDetails present: the call used TLS
  Identity identity;
  std::vector<ResourceRef> resources;
  std::uint32_t offset = 0;  // of the record's `{` in the file's text
};

// Why a file cannot be replayed: a diagnostic code and message, at a byte offset of its text
// when the problem has a place.
struct ReadProblem {
  DiagCode code;
  std::string message;
  std::optional<std::uint32_t> offset;
};

// The help line of a problem's diagnostic.
std::string_view problemHelp(DiagCode code);

// The files to replay: files as given, directories searched (sorted) for `*.json` and
// `*.json.gz`, leaving out CloudTrail-Digest folders (digest files hold no records).
std::vector<std::filesystem::path> listInputs(const std::vector<std::string>& paths,
                                              std::vector<std::string>& problems);

class RecordReader {
 public:
  RecordReader();
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Reads `path` into text() (inflated when gzipped). nullopt when it was read.
  std::optional<ReadProblem> load(const std::filesystem::path& path);
  // Takes the bytes of a file (inflated when gzipped): what load() does after reading it.
  std::optional<ReadProblem> setBytes(std::string_view bytes, std::string_view name);
  // The text of the last file loaded (without the parser's padding).
  std::string_view text() const;

  // Calls `onRecord` for each record of the text, in order; stops at the first problem.
  std::optional<ReadProblem> forEachRecord(const std::function<void(const Record&)>& onRecord);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rootpol::replay
