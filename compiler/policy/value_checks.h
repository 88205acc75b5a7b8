#pragma once

#include <array>
#include <cstdint>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "policy/operators.h"

// Whether a policy text is well formed for where it is written: a condition value for the
// type of its operator (IAM condition operators reference; the evaluator reads values the same
// way, eval/values.h), an ARN in `Resource` or under an ARN operator, and the `${...}` policy
// variables of a string. Pure functions, shared by lint (raw JSON) and sema (.rootpol
// literals): a finding is reported by the caller, at the value's span.
namespace rootpol::policy {

struct ValueProblem {
  std::string message;  // "`2026-13-45` is not a date: the month is out of range"
  std::string help;     // may be empty
};

// --- dates: the one reader of date texts, for IAM's Date values and rootpol's date literals ---

// The forms a date text takes: epoch seconds, `YYYY-MM`, `YYYY-MM-DD`, and a date-time
// `YYYY-MM-DDThh:mm[:ss[.f]][zone]`.
enum class DateForm { EpochSeconds, YearMonth, Day, DateTime };

// What is wrong with a date text, in the order it is read (the first defect is the one told).
enum class DateDefect {
  NotIso,         // neither ISO 8601 nor epoch seconds
  DateMalformed,  // `YYYY-MM-` not followed by two digits
  Month,          // the month is out of range
  Day,            // the day is out of range (leap years counted)
  TimeMalformed,  // no `Thh:mm` after the day
  TimeRange,      // the hour or the minute is out of range
  Seconds,        // `:ss` missing its two digits, or over 59
  Fraction,       // `.` with no digit
  ZoneMalformed,  // not `Z`, `+hh`, `+hhmm` or `+hh:mm`
  ZoneRange,      // the offset's hour or minute is out of range
};

// A date text as read: its form (as far as it was read) and, for a date-time, the time zone as
// written (empty for local time).
struct DateReading {
  DateForm form = DateForm::Day;
  std::string_view zone;
  std::optional<DateDefect> defect;
};
DateReading readDate(std::string_view text);
// "the month is out of range", as said after "`TEXT` is not a date: ".
std::string_view describe(DateDefect defect);

// A value of a Date operator: W3C ISO 8601 (`YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ssZ`, ...) or epoch
// seconds.
std::optional<ValueProblem> checkDate(std::string_view text);
// A value of a Numeric operator: `[+-]digits[.digits]`.
std::optional<ValueProblem> checkNumber(std::string_view text);
// A value of Bool (and of Null): `true` or `false`, in any case.
std::optional<ValueProblem> checkBool(std::string_view text);

// For the values of one Bool (or Null) key: the index of the first value that is the opposite
// of an earlier one (`["true", "false"]`), which makes the condition hold whatever the key's
// value. IAM Access Analyzer rejects several booleans ("Invalid condition multiple Boolean").
std::optional<std::size_t> contradictingBool(std::span<const std::string> values);

// --- IP addresses: the one reader of address texts, for IAM's IpAddress values and rootpol's
// cidr literals ---

// An IPv4 or IPv6 address, with the prefix length of a CIDR block.
struct IpBlock {
  std::array<std::uint8_t, 16> bytes{};  // an IPv4 address in the first four
  unsigned bits = 32;                    // the address width: 32 (IPv4) or 128 (IPv6)
  unsigned prefix = 32;                  // `bits` when the text has no `/`
  bool hasPrefix = false;                // the text has a `/prefix`
  friend bool operator==(const IpBlock&, const IpBlock&) = default;
};

// An address text as read. `block.bits` is set even when there is a defect (128 when the
// address has a `:`).
struct IpReading {
  IpBlock block;
  std::string defect;         // empty when the text is an address or block: "`300` is over 255"
  bool prefixDefect = false;  // the address is well formed, the prefix length is not
  bool ipv4Tail = false;      // an IPv6 address written with a dotted IPv4 tail (`::ffff:192.0.2.1`)
};
IpReading readIp(std::string_view text);
// The block with its host bits (past the prefix) cleared: the block IAM reads.
IpBlock ipNetwork(const IpBlock& block);
// The address (IPv6 as RFC 5952: lower case, the longest run of zero groups as `::`), then
// `/prefix` when the block has one.
std::string formatIp(const IpBlock& block);

// A value of IpAddress/NotIpAddress: an IPv4 or IPv6 address or CIDR block.
std::optional<ValueProblem> checkIp(std::string_view text);
// A well-formed CIDR block whose address has bits set past the prefix (IAM reads it as the
// block, so it is only misleading): the message names the block it stands for.
std::optional<ValueProblem> checkIpHostBits(std::string_view text);
// Whether an IPv4 block lies in a private, loopback or link-local range (10/8, 172.16/12,
// 192.168/16, 127/8, 169.254/16) or an IPv6 one in fc00::/7 or fe80::/10.
bool isPrivateIp(std::string_view text);

// A value of the operator's type, as checkDate/checkNumber/checkBool/checkIp; nothing for the
// String, Arn and Binary types.
std::optional<ValueProblem> checkTypedValue(ValueType type, std::string_view text);

// The shape of an ARN (a pattern: `*` and `?` allowed, and `${...}` variables when
// `variables`): six colon-separated parts, a known partition, a lower-case service, a region
// and an account of the right form, a resource. `*` alone is every resource. Text that does not
// start with `arn:` is a problem too (Resource values are ARNs).
std::optional<ValueProblem> checkArnShape(std::string_view text, bool variables);

// The `${...}` of a string read with variables: an unclosed `${`, an empty key, a default not
// in single quotes. `typed`: the string is a Numeric, Date, Bool or IP value, where IAM
// substitutes nothing, so any variable is a problem.
std::optional<ValueProblem> checkVariables(std::string_view text, bool typed);

}  // namespace rootpol::policy
