#include "eval/request.h"

#include <algorithm>

namespace rootpol::eval {

bool sameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a == b) return true;  // policies and requests mostly spell keys alike
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (foldCase(a[i]) != foldCase(b[i])) return false;
  }
  return true;
}

RequestContext::RequestContext(const Request& request, Reads* reads) : request_(request), reads_(reads) {
  const std::size_t hashed = std::min(kHashed, request.context.size());
  for (std::size_t i = 0; i < hashed; ++i) hashes_[i] = keyHash(request.context[i].first);
}

std::optional<std::span<const std::string>> RequestContext::find(std::string_view key,
                                                                 std::uint32_t hash) const {
  if (reads_ != nullptr) reads_->keys.push_back(key);
  const auto& context = request_.context;
  for (std::size_t i = 0; i < context.size(); ++i) {
    if (i < kHashed && hashes_[i] != hash) continue;
    if (sameIgnoringCase(context[i].first, key))
      return std::span<const std::string>(context[i].second);
  }
  static constexpr std::uint32_t kPrincipalArn = keyHash("aws:PrincipalArn");
  if (hash == kPrincipalArn && !request_.principalArn.empty() &&
      sameIgnoringCase(key, "aws:PrincipalArn")) {
    return std::span<const std::string>(&request_.principalArn, 1);
  }
  return std::nullopt;
}

const ArnParts* RequestContext::resourceArn() const {
  if (!resourceSplit_) {
    resourceIsArn_ = splitArn(request_.resource, resourceArn_);
    resourceSplit_ = true;
  }
  return resourceIsArn_ ? &resourceArn_ : nullptr;
}

const ArnParts* RequestContext::splitValue(std::string_view value) const {
  // Identity, not equality: the cache is only valid for the very same characters.
  if (value.data() != lastSplit_.data() || value.size() != lastSplit_.size()) {
    lastSplit_ = value;
    lastIsArn_ = splitArn(value, lastParts_);
  }
  return lastIsArn_ ? &lastParts_ : nullptr;
}

std::optional<std::string_view> RequestContext::single(std::string_view key,
                                                       std::uint32_t hash) const {
  auto values = find(key, hash);
  if (!values || values->size() != 1) return std::nullopt;
  return std::string_view(values->front());
}

}  // namespace rootpol::eval
