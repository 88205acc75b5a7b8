#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The ARN formats of the catalog's resource types (`arn:${Partition}:s3:::${BucketName}`) as
// patterns, and whether a Resource pattern can name a resource of one: the test behind "no
// action of this statement acts on this resource" (RP4027), for plain ARNs and for patterns.
namespace rootpol::policy {

class ArnFormat {
 public:
  // Each `${...}` of `format` stands for any run of characters, or of characters other than `/`
  // for the names stdlib/policy_facts.json lists (`${BucketName}`). `whole`: `format` is one
  // text, such as the resource part of an ARN (`role/${RoleNameWithPath}`), and so is the
  // pattern it is compared with.
  explicit ArnFormat(std::string_view format, bool whole = false);

  // Whether some ARN fits both this format and `resource`, an IAM pattern (`*` any run, `?` one
  // character) whose `${...}` variables stand for `*`; case-sensitive. Part by part, as IAM
  // matches ARNs (policy/arn.h), the resource part as a whole (a `*` there may take a colon); a
  // pattern of fewer than six parts as one text, its last `*` crossing colons (IAM Resource
  // element). Never false when some ARN fits both. `scratch` is reused between calls.
  bool overlaps(std::string_view resource, std::vector<std::uint8_t>& scratch) const;

 private:
  std::string whole_;  // literal characters, kAnyRun and kSlashFreeRun
  // Where whole_'s colons cut it into six parts (offsets: a copy keeps them); empty when it has
  // fewer than five colons or is one text.
  std::vector<std::size_t> colons_;
  bool whole_text_ = false;
};

}  // namespace rootpol::policy
