#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The ARN formats of the catalog's resource types (`arn:${Partition}:s3:::${BucketName}`) as
// patterns, and whether a Resource pattern can name a resource of one: the test behind "no
// action of this statement acts on this resource" (RP4027), for plain ARNs and for patterns.
namespace rootpol::policy {

// A Resource value (an IAM pattern, `${...}` variables allowed) read once for comparing with
// many formats: each variable stands for `*`, and the text is cut at its first five colons.
// A value without variables (most are) is not copied: the probe views it, so that text must
// outlive the probe.
class ResourceProbe {
 public:
  explicit ResourceProbe(std::string_view resource);
  // The pattern with its variables as `*`.
  std::string_view text() const { return replaced_ ? std::string_view(replacedText_) : viewed_; }
  // Six parts, or fewer when the text has fewer than five colons (then it is one text).
  std::size_t partCount() const { return count_; }
  std::string_view part(std::size_t i) const { return text().substr(begin_[i], end_[i] - begin_[i]); }
  // The first character of the text, and of its resource part (of six), when it is a literal
  // one; else 0.
  char textLead() const { return textLead_; }
  char resourceLead() const { return resourceLead_; }

 private:
  // The text with its variables replaced when it has any, else the value itself (viewed: a
  // view into a moved string of a few characters would follow it nowhere).
  std::string replacedText_;
  std::string_view viewed_;
  bool replaced_ = false;
  std::array<std::uint32_t, 6> begin_{}, end_{};  // offsets: a copy keeps them
  std::size_t count_ = 0;
  char textLead_ = 0, resourceLead_ = 0;
};

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
  bool overlaps(std::string_view resource, std::vector<std::uint8_t>& scratch) const {
    return overlaps(ResourceProbe(resource), scratch);
  }
  // The same for a pattern read once.
  bool overlaps(const ResourceProbe& resource, std::vector<std::uint8_t>& scratch) const {
    // Two literal first characters of what is compared first that differ end it without a
    // call: so part most formats of other types, and most resource types of a service.
    bool partwise = split_ && resource.partCount() == 6;
    char mine = partwise ? resourceLead_ : textLead_;
    char theirs = partwise ? resource.resourceLead() : resource.textLead();
    return (mine == 0 || theirs == 0 || mine == theirs) && compare(resource, partwise, scratch);
  }

 private:
  bool compare(const ResourceProbe& resource, bool partwise, std::vector<std::uint8_t>& scratch) const;
  // Part `i` of the six (split_).
  std::string_view part(std::size_t i) const;
  std::string whole_;  // literal characters, kAnyRun and kSlashFreeRun
  // Where whole_'s colons cut it into six parts (offsets: a copy keeps them), when split_: it
  // has five colons and is not one text.
  std::array<std::uint32_t, 5> colons_{};
  bool split_ = false;
  // The first character of whole_, and of its resource part when split_, when it is a literal
  // one; else 0.
  char textLead_ = 0, resourceLead_ = 0;
};

}  // namespace rootpol::policy
