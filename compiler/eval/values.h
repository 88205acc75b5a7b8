#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Typed readings of condition values, for the Numeric, Date, IpAddress and BinaryEquals
// operators (IAM condition operators reference, aws-facts §3). Every parser is strict and
// returns nullopt on anything it does not accept; the caller turns that into a false
// comparison. None of them allocates except decodeBase64.
namespace rootpol::eval {

// `[+-]digits[.digits]` or `[+-].digits`. Exponents, hex, blanks, "inf" and "nan" are refused:
// the IAM examples only ever show plain decimals.
std::optional<double> parseNumber(std::string_view text);

// A point in time: UTC seconds since 1970 and nanoseconds within the second.
struct Instant {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// W3C ISO 8601 (what IAM names for Date values): `YYYY-MM`, `YYYY-MM-DD`, and
// `YYYY-MM-DDThh:mm[:ss[.fraction]][Z|±hh:mm|±hhmm|±hh]` (no zone means UTC), or epoch seconds
// written as `[-]digits[.digits]`. Calendar fields are range-checked (Feb 29 only in leap
// years); a fraction is kept to the nanosecond.
std::optional<Instant> parseDate(std::string_view text);

// `YYYY-MM-DDThh:mm:ssZ` for UTC seconds since 1970: the form AWS gives aws:CurrentTime in.
std::string formatIsoTime(std::int64_t seconds);

// An IPv4 or IPv6 address in 16 bytes, network order; IPv4 uses the first four. IPv4-mapped
// IPv6 addresses (::ffff:a.b.c.d) are read as the IPv4 address they carry, so both spellings
// of one address compare equal; otherwise the families never contain each other (an IPv6
// block such as ::/0 holds no IPv4 address).
struct IpAddress {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

struct IpBlock {
  IpAddress base;
  int prefix = 0;  // in bits of the base's family
};

// A bare address (dotted IPv4 without leading zeros, or RFC 4291 IPv6 text; no zone index).
std::optional<IpAddress> parseIpAddress(std::string_view text);

// CIDR notation, or a bare address meaning /32 or /128. Host bits may be set (IAM accepts
// 203.0.113.7/24 as the /24). A mapped IPv6 block with a prefix of at least 96 becomes the
// IPv4 block it covers.
std::optional<IpBlock> parseIpBlock(std::string_view text);

bool blockContains(const IpBlock& block, const IpAddress& address);

// RFC 4648 standard base64, canonical only (unused trailing bits zero); the `=` padding may be
// left out, nothing else may be.
std::optional<std::string> decodeBase64(std::string_view text);

}  // namespace rootpol::eval
