#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/source.h"

// The answer of `aws organizations describe-policy`, which wraps a policy document:
// {"Policy": {"PolicySummary": {"Name": ..., "Type": ...}, "Content": "<the document as a string>"}}.
// Read with the hub's position-keeping JSON reader, so every part keeps its span.
namespace rootpol::policy {

struct DescribedPolicy {
  std::optional<std::string> name;  // PolicySummary.Name, when it is a string
  std::optional<std::string> type;  // PolicySummary.Type ("SERVICE_CONTROL_POLICY", ...)
  Span typeSpan;
  std::optional<std::string> content;  // Policy.Content decoded: the document's own text
  Span contentSpan;  // Content as written, or the `Policy` object when Content is missing
  bool hasContent = false;  // Content is there, whatever its type
};

inline constexpr std::string_view kServiceControlPolicyType = "SERVICE_CONTROL_POLICY";
inline constexpr std::string_view kResourceControlPolicyType = "RESOURCE_CONTROL_POLICY";

// The describe-policy parts of `text`, or nullopt when it is not a describe-policy answer (a
// plain document, or text that is not JSON: the document reader reports that).
std::optional<DescribedPolicy> readDescribePolicy(std::string_view text, FileId file);

}  // namespace rootpol::policy
