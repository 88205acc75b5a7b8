#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "replay/cloudtrail_reader.h"
#include "replay/outcome.h"
#include "replay/tables.h"
#include "runner/chains.h"

// `rootpol replay` (spec section 10.4): CloudTrail records decided under the program's
// organization, with the chains and the evaluator `test` and `explain` use. Files are read in
// parallel; the report does not depend on the number of threads.
namespace rootpol::replay {

// Why a record was not decided (the `skipped` counts).
inline constexpr std::string_view kSkipNotApiCall = "not_an_api_call";
inline constexpr std::string_view kSkipAlreadyDenied = "already_denied";
inline constexpr std::string_view kSkipUnmappable = "unmappable";
inline constexpr std::string_view kSkipOutside = "outside_organization";
inline constexpr std::string_view kSkipManagement = "management_account";
inline constexpr std::string_view kSkipServiceLinked = "service_linked_role";
inline constexpr std::string_view kSkipService = "aws_service_principal";

// A record the program would deny, or whose decision depends on what the record cannot tell:
// its id and time, and the outcome of its call (account, principal, action; for a deny the
// statement, `POLICY "Sid"` or `POLICY statement N`, and its level; for an undetermined one the
// keys it depends on, `resource` for the resource).
struct Event {
  std::string eventID, eventTime;
  std::shared_ptr<const Outcome> outcome;
  std::size_t file = 0;  // index into Report::files
};

struct Report {
  std::vector<std::string> files;  // the log files read, in the order given
  std::size_t records = 0;    // every record read
  std::size_t evaluated = 0;  // decided (allowed, denied or undetermined)
  std::vector<Event> denied;        // sorted by eventTime, eventID, file
  std::vector<Event> undetermined;  // sorted likewise
  std::map<std::string, std::size_t> skipped;
};

// A file that could not be replayed, with its text when the problem has a place in it.
struct FileProblem {
  std::string path;
  ReadProblem problem;
  std::string text;
};

struct ReplayOptions {
  unsigned threads = 2;
};

// Decides every record of `files` (a problem in a file stops that file; the caller reports it).
Report replayFiles(const runner::OrganizationChains& chains, const Tables& tables,
                   const std::vector<std::filesystem::path>& files, const ReplayOptions& options,
                   std::vector<FileProblem>& problems);

}  // namespace rootpol::replay
