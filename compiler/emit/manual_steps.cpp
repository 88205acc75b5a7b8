// Steps the program asks for that an output format cannot express. Terraform has a resource for
// centralized root access (aws_iam_organizations_features); CloudFormation has no resource type
// for it and CfCT deploys only policies and stack sets, so for them it is a manual step: named in
// their output and listed in report.json, never dropped silently (LANGUAGE.md §10.1).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "emit/common.h"

namespace rootpol::emit::detail {

std::vector<ManualStep> manualSteps(const EmitInput& in) {
  std::vector<ManualStep> out;
  if (in.org.rootAccessCentralized) {
    out.push_back(ManualStep{
        "root_access_centralized",
        fmt::format("enable centralized root access for member accounts (IAM organization features {}, "
                    "after trusted access for IAM)",
                    fmt::join(kRootAccessFeatures, " and ")),
        {"cloudformation", "cfct"},
        {"aws organizations enable-aws-service-access --service-principal iam.amazonaws.com",
         "aws iam enable-organizations-root-credentials-management",
         "aws iam enable-organizations-root-sessions"}});
  }
  return out;
}

std::string manualStepNote(const ManualStep& step, std::string_view format) {
  return fmt::format("{} has no resource type for this, so do it by hand: {} (report.json manual_steps: {})",
                     format, step.what, step.id);
}

}  // namespace rootpol::emit::detail
