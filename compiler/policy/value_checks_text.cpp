// The shape of ARNs and of `${...}` policy variables (policy/value_checks.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "base/text.h"
#include "policy/value_checks.h"

namespace rootpol::policy {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool hasVariable(std::string_view s) { return s.find("${") != std::string_view::npos; }

constexpr std::string_view kPartitions[] = {"aws",       "aws-cn",    "aws-us-gov", "aws-iso",
                                            "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};

// The parts of an ARN: six, or fewer when it has fewer than five colons.
struct Parts {
  std::array<std::string_view, 6> at;
  std::size_t count = 0;
  std::string_view back() const { return at[count - 1]; }
};

// The parts of an ARN, split at the first five colons, not inside `${...}`.
Parts parts(std::string_view text, bool variables) {
  Parts out;
  std::size_t start = 0;
  if (!variables || !hasVariable(text)) {
    for (std::size_t colon; out.count < 5 && (colon = text.find(':', start)) != std::string_view::npos;
         start = colon + 1)
      out.at[out.count++] = text.substr(start, colon - start);
  } else {
    int depth = 0;
    for (std::size_t i = 0; i < text.size() && out.count < 5; ++i) {
      if (text.compare(i, 2, "${") == 0) ++depth;
      if (depth > 0 && text[i] == '}') --depth;
      if (depth == 0 && text[i] == ':') {
        out.at[out.count++] = text.substr(start, i - start);
        start = i + 1;
      }
    }
  }
  out.at[out.count++] = text.substr(start);
  return out;
}

// A part with a wildcard or a variable could be anything: it is not checked. One pass over the
// part (every ARN asks this of four parts).
bool open(std::string_view part) {
  for (std::size_t i = 0; i < part.size(); ++i) {
    char c = part[i];
    if (c == '*' || c == '?' || (c == '$' && i + 1 < part.size() && part[i + 1] == '{')) return true;
  }
  return false;
}

// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-iso-east-1, ap-southeast-7.
bool regionShaped(std::string_view r) {
  std::size_t last = r.rfind('-');
  if (r.size() < 4 || !isLower(r[0]) || !isLower(r[1]) || r[2] != '-' || last == 2 ||
      last == std::string_view::npos || last + 1 == r.size())
    return false;
  return std::all_of(r.begin() + 3, r.begin() + static_cast<std::ptrdiff_t>(last),
                     [](char c) { return isLower(c) || c == '-'; }) &&
         std::all_of(r.begin() + static_cast<std::ptrdiff_t>(last) + 1, r.end(), isDigit);
}

// `arn:aws:s3:*`, `arn:aws:ec2:us-east-*`: a last part ending in `*`, which matches across the
// colons of the parts left out, where the text before the `*` can begin that part (a region has
// no `/`, an account only digits). `arn:aws:s3::logs/*` cannot: it is missing a part.
bool starCoversTheRest(const Parts& p) {
  std::string_view last = p.back();
  if (last.empty() || last.back() != '*') return false;
  std::string_view head = last.substr(0, findAnyOf(last, "*?"));
  auto all = [&](auto ok) { return std::all_of(head.begin(), head.end(), ok); };
  switch (p.count) {
    case 4:  // the region
      return all([](char c) { return isLower(c) || isDigit(c) || c == '-'; });
    case 5:  // the account
      return all(isDigit);
    default:  // the partition or the service
      return all([](char c) { return isLower(c) || isDigit(c) || c == '-' || c == '.'; });
  }
}

ValueProblem arnProblem(std::string_view text, std::string why, std::string help) {
  return ValueProblem{fmt::format("`{}` is not a valid ARN: {}", text, why), std::move(help)};
}

constexpr std::string_view kArnHelp = "an ARN is `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`";

std::optional<ValueProblem> checkFields(std::string_view text, const Parts& parts) {
  const std::array<std::string_view, 6>& p = parts.at;
  std::string_view partition = p[1], service = p[2], region = p[3], account = p[4];
  if (!open(partition) &&
      std::find(std::begin(kPartitions), std::end(kPartitions), partition) == std::end(kPartitions))
    return arnProblem(text, fmt::format("`{}` is not a partition", partition),
                      "the partition is `aws` (or `aws-cn`, `aws-us-gov`, ...); `${aws:...}` variables "
                      "cannot stand for it");
  if (service.empty()) return arnProblem(text, "the service is empty", std::string(kArnHelp));
  if (!open(service) &&
      !std::all_of(service.begin(), service.end(),
                   [](char c) { return isLower(c) || isDigit(c) || c == '-' || c == '.'; }))
    return arnProblem(text, fmt::format("the service `{}` is not in lower case", service),
                      "ARNs are case-sensitive and service names are lower case: this never matches");
  if (!region.empty() && !open(region) && !regionShaped(region))
    return arnProblem(text, fmt::format("`{}` is not a region", region),
                      "write a region such as `us-east-1`, `*`, or nothing for global resources");
  bool accountOk = account.empty() || open(account) || account == "aws" ||
                   (account.size() == 12 && std::all_of(account.begin(), account.end(), isDigit));
  if (!accountOk)
    return arnProblem(text, fmt::format("`{}` is not an account id", account),
                      "an account id is exactly 12 digits, such as `111122223333`");
  if (p[5].empty()) return arnProblem(text, "the resource part is empty", std::string(kArnHelp));
  return std::nullopt;
}

}  // namespace

std::optional<ValueProblem> checkArnShape(std::string_view text, bool variables) {
  if (text == "*" || text.starts_with("${")) return std::nullopt;  // a variable for the whole ARN
  if (!text.starts_with("arn:")) {
    std::string lower(text.substr(0, 4));
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower == "arn:")
      return arnProblem(text, "it starts with `" + std::string(text.substr(0, 4)) + "`",
                        "ARNs are case-sensitive: write `arn:`");
    if (hasWildcard(text.substr(0, 4))) return std::nullopt;  // `*:...`, `arn*`: a pattern
    return arnProblem(text, "it does not start with `arn:`", std::string(kArnHelp) + ", or `*`");
  }
  Parts p = parts(text, variables);
  if (p.count < 6) {
    if (starCoversTheRest(p)) return std::nullopt;
    return arnProblem(text, fmt::format("it has {} of the six parts", p.count),
                      std::string(kArnHelp) + " (the region and account may be empty: `arn:aws:s3:::bucket`)");
  }
  return checkFields(text, p);
}

std::optional<ValueProblem> checkVariables(std::string_view text, bool typed) {
  for (std::size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    std::size_t close = text.find('}', at);
    if (close == std::string_view::npos)
      return ValueProblem{fmt::format("`{}` has a `${{` that is never closed", text),
                          "close the variable with `}`; as written it is literal text"};
    std::string_view body = text.substr(at + 2, close - at - 2);
    if (body == "*" || body == "?" || body == "$") continue;
    std::string_view key = body.substr(0, body.find(','));
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
    if (key.find(':') == std::string_view::npos) continue;  // a template placeholder (RP4013)
    if (typed)
      return ValueProblem{fmt::format("the policy variable `${{{}}}` is not substituted here", body),
                          "IAM substitutes variables in strings and ARNs only: this value is the "
                          "literal text, which the operator cannot read, so the condition is false"};
    if (std::size_t comma = body.find(','); comma != std::string_view::npos) {
      std::string_view fallback = body.substr(comma + 1);
      while (!fallback.empty() && fallback.front() == ' ') fallback.remove_prefix(1);
      while (!fallback.empty() && fallback.back() == ' ') fallback.remove_suffix(1);
      if (fallback.size() < 2 || fallback.front() != '\'' || fallback.back() != '\'') {
        std::string_view inner = fallback;
        if (inner.size() >= 2 && inner.front() == '"' && inner.back() == '"')
          inner = inner.substr(1, inner.size() - 2);
        return ValueProblem{fmt::format("the default of `${{{}}}` is not in single quotes", body),
                            fmt::format("write `${{{}, '{}'}}`; without the quotes IAM has no default",
                                        key, inner)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace rootpol::policy
