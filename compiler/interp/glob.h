#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The value-level matchers of the reference interpreter: IAM globs, ARN matching, CIDR
// containment, numbers and ISO 8601 instants. They are written from the IAM documentation,
// not shared with the lowering, so that the two can disagree and a test can see it.
namespace rootpol::interp {

// IAM wildcard match over the whole text: `*` is any run (also empty, also across `:` and
// `/`), `?` is exactly one character. No escapes exist in IAM patterns.
bool globMatch(std::string_view pattern, std::string_view text, bool ignoreCase = false);

bool equalsIgnoreCase(std::string_view a, std::string_view b);

// The six colon-separated parts of an ARN (the sixth keeps any further colons), or nullopt
// when the text does not start with `arn:` or has fewer than six parts.
std::optional<std::array<std::string_view, 6>> splitArn(std::string_view arn);

// IAM ArnLike: part-wise glob, case-sensitive, so a `*` never crosses a colon except in the
// last part. Falls back to a whole-string glob when either side is not a six-part ARN.
bool arnLike(std::string_view pattern, std::string_view arn);

// `arn:<partition>:iam::<12 digits>:root`: the root user of some account.
bool isAccountRootArn(std::string_view arn);

// An IPv4 or IPv6 network. Bytes are in network order; IPv4 uses the first four.
struct IpNetwork {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
  int prefix = 0;
};

// "10.0.0.0/8", "2001:db8::/32", or a bare address (a /32 or /128). Host bits may be set.
std::optional<IpNetwork> parseIpNetwork(std::string_view text);

// Whether the address (or network, read as its first address) lies inside the block. IPv4
// and IPv6 never contain one another (v4-mapped addresses are not special-cased).
bool cidrContains(const IpNetwork& block, const IpNetwork& address);
bool cidrContains(std::string_view block, std::string_view address);

std::string formatIp(const IpNetwork& address);  // address only, no prefix

// IAM numeric values: decimal integers or decimal fractions.
std::optional<double> parseNumber(std::string_view text);

// A point in time, as UTC seconds since 1970 plus nanoseconds.
struct Instant {
  std::int64_t seconds = 0;
  std::int64_t nanos = 0;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDThh:mm[:ss[.fff…]](Z|±hh:mm|±hhmm)`, or epoch
// seconds written as digits.
std::optional<Instant> parseInstant(std::string_view text);

std::string formatInstant(const Instant& instant);  // `YYYY-MM-DDThh:mm:ssZ` (whole seconds)

}  // namespace rootpol::interp
