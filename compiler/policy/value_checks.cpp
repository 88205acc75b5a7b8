#include "policy/value_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace rootpol::policy {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool allDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), isDigit); }

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

ValueProblem problem(std::string message, std::string help = {}) {
  return ValueProblem{std::move(message), std::move(help)};
}

// --- dates -------------------------------------------------------------------------------

bool isEpochSeconds(std::string_view t) {
  if (t.starts_with('-')) t.remove_prefix(1);
  std::size_t dot = t.find('.');
  return allDigits(t.substr(0, dot)) && (dot == std::string_view::npos || allDigits(t.substr(dot + 1)));
}

// Epoch seconds past 9999-12-31T23:59:59Z: a time in milliseconds (`1735689600000`) read as
// seconds, some 55,000 years ahead.
bool pastYear9999(std::string_view epoch) {
  std::string_view whole = epoch.substr(0, epoch.find('.'));
  if (whole.starts_with('-')) return false;
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  constexpr std::string_view kLast = "253402300799";
  return whole.size() > kLast.size() || (whole.size() == kLast.size() && whole > kLast);
}

// Two digits at `at` (and no fewer), or nothing.
std::optional<int> twoDigits(std::string_view t, std::size_t at) {
  if (t.size() < at + 2 || !allDigits(t.substr(at, 2))) return std::nullopt;
  return number(t.substr(at, 2));
}

// --- addresses ---------------------------------------------------------------------------

std::optional<std::string> parseIpv4(std::string_view t, std::uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    std::size_t dot = i < 3 ? t.find('.') : t.size();
    if (dot == std::string_view::npos) return "an IPv4 address has four numbers";
    std::string_view octet = t.substr(0, dot);
    if (!allDigits(octet) || octet.size() > 3) return fmt::format("`{}` is not a number from 0 to 255", octet);
    if (octet.size() > 1 && octet[0] == '0') return fmt::format("`{}` has a leading zero", octet);
    if (number(octet) > 255) return fmt::format("`{}` is over 255", octet);
    out[i] = static_cast<std::uint8_t>(number(octet));
    t = i < 3 ? t.substr(dot + 1) : std::string_view{};
  }
  return std::nullopt;
}

std::optional<std::string> parseIpv6(std::string_view t, std::uint8_t* out) {
  std::array<std::uint16_t, 8> groups{};
  std::size_t count = 0, gap = 8;
  if (t.starts_with("::")) {
    gap = 0;
    t.remove_prefix(2);
  }
  while (!t.empty()) {
    if (count == 8) return "an IPv6 address has at most eight groups";
    std::size_t colon = t.find(':');
    std::string_view group = t.substr(0, colon);
    if (group.find('.') != std::string_view::npos && colon == std::string_view::npos && count <= 6) {
      std::uint8_t v4[4];
      if (auto bad = parseIpv4(group, v4)) return bad;
      groups[count++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
      groups[count++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
      break;
    }
    if (group.empty() || group.size() > 4 || !std::all_of(group.begin(), group.end(), isHex))
      return fmt::format("`{}` is not a group of one to four hex digits", group);
    groups[count++] = static_cast<std::uint16_t>(std::stoul(std::string(group), nullptr, 16));
    if (colon == std::string_view::npos) break;
    t.remove_prefix(colon + 1);
    if (t.starts_with(":")) {
      if (gap != 8) return "`::` appears twice";
      gap = count;
      t.remove_prefix(1);
    } else if (t.empty()) {
      return "the address ends with `:`";
    }
  }
  if (gap == 8 && count != 8) return "an IPv6 address has eight groups, or `::`";
  if (gap != 8 && count == 8) return "`::` stands for no group here";
  std::size_t zeros = 8 - count;
  for (std::size_t i = 0, g = 0; i < 8; ++i) {
    std::uint16_t v = (i >= gap && i < gap + zeros) ? 0 : groups[g++];
    out[2 * i] = static_cast<std::uint8_t>(v >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(v & 0xff);
  }
  return std::nullopt;
}

bool inV4(const IpBlock& b, std::uint8_t a, std::uint8_t mask, std::uint8_t second = 0,
          std::uint8_t secondMask = 0) {
  return b.bits == 32 && (b.bytes[0] & mask) == a && (b.bytes[1] & secondMask) == second &&
         b.prefix >= static_cast<unsigned>(__builtin_popcount(mask) + __builtin_popcount(secondMask));
}

}  // namespace

DateReading readDate(std::string_view t) {
  DateReading r;
  auto fail = [&r](DateDefect defect) {
    r.defect = defect;
    return r;
  };
  if (isEpochSeconds(t)) {
    r.form = DateForm::EpochSeconds;
    return r;
  }
  if (t.size() < 7 || !allDigits(t.substr(0, 4)) || t[4] != '-' || !allDigits(t.substr(5, 2)))
    return fail(DateDefect::NotIso);
  r.form = t.size() == 7 ? DateForm::YearMonth : DateForm::Day;
  if (r.form == DateForm::Day && (t.size() < 10 || t[7] != '-' || !twoDigits(t, 8)))
    return fail(DateDefect::DateMalformed);
  int year = number(t.substr(0, 4)), month = number(t.substr(5, 2));
  if (month < 1 || month > 12) return fail(DateDefect::Month);
  if (r.form == DateForm::YearMonth) return r;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int day = *twoDigits(t, 8);
  int maxDay = month == 2 && !leap ? 28 : kDays[static_cast<std::size_t>(month - 1)];
  if (day < 1 || day > maxDay) return fail(DateDefect::Day);
  if (t.size() == 10) return r;
  r.form = DateForm::DateTime;
  auto hour = twoDigits(t, 11), minute = twoDigits(t, 14);
  if (t[10] != 'T' || !hour || t.size() < 14 || t[13] != ':' || !minute) return fail(DateDefect::TimeMalformed);
  if (*hour > 23 || *minute > 59) return fail(DateDefect::TimeRange);
  std::size_t at = 16;
  if (at < t.size() && t[at] == ':') {
    auto second = twoDigits(t, at + 1);
    if (!second || *second > 59) return fail(DateDefect::Seconds);
    at += 3;
    if (at < t.size() && t[at] == '.') {
      std::size_t end = at + 1;
      while (end < t.size() && isDigit(t[end])) ++end;
      if (end == at + 1) return fail(DateDefect::Fraction);
      at = end;
    }
  }
  r.zone = t.substr(at);
  if (r.zone.empty() || r.zone == "Z") return r;
  // `+hh`, `+hhmm` or `+hh:mm` (and `-`).
  std::string_view offset = r.zone.substr(1);
  bool sign = r.zone[0] == '+' || r.zone[0] == '-';
  std::size_t minutesAt = offset.size() == 5 ? 3 : 2;
  bool ok = sign && (offset.size() == 2 || offset.size() == 4 || (offset.size() == 5 && offset[2] == ':')) &&
            twoDigits(offset, 0) && (offset.size() == 2 || twoDigits(offset, minutesAt));
  if (!ok) return fail(DateDefect::ZoneMalformed);
  if (*twoDigits(offset, 0) > 23 || (offset.size() > 2 && *twoDigits(offset, minutesAt) > 59))
    return fail(DateDefect::ZoneRange);
  return r;
}

std::string_view describe(DateDefect defect) {
  switch (defect) {
    case DateDefect::NotIso:
      return "it is neither ISO 8601 (`YYYY-MM-DD...`) nor epoch seconds";
    case DateDefect::DateMalformed:
      return "the date part is malformed";
    case DateDefect::Month:
      return "the month is out of range";
    case DateDefect::Day:
      return "the day is out of range";
    case DateDefect::TimeMalformed:
      return "the time part is malformed";
    case DateDefect::TimeRange:
      return "the time is out of range";
    case DateDefect::Seconds:
      return "the seconds are malformed";
    case DateDefect::Fraction:
      return "the fraction of a second is empty";
    case DateDefect::ZoneMalformed:
      return "the time zone is malformed (`Z` or `+hh:mm`)";
    case DateDefect::ZoneRange:
      return "the time zone offset is out of range";
  }
  return "";
}

std::optional<ValueProblem> checkDate(std::string_view text) {
  if (text.empty()) return problem("an empty date", "write `YYYY-MM-DDThh:mm:ssZ`");
  DateReading reading = readDate(text);
  if (auto defect = reading.defect)
    return problem(fmt::format("`{}` is not a date: {}", text, describe(*defect)),
                   "write `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (ISO 8601), or epoch seconds; a "
                   "value IAM cannot read makes the condition false");
  if (reading.form == DateForm::EpochSeconds && pastYear9999(text))
    return problem(fmt::format("`{}` is after the year 9999 as epoch seconds", text),
                   "IAM reads epoch time in seconds: a time in milliseconds needs its last three digits dropped");
  return std::nullopt;
}

std::optional<ValueProblem> checkNumber(std::string_view text) {
  std::string_view t = text;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  std::size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  bool ok = dot == std::string_view::npos ? allDigits(whole)
                                          : (whole.empty() || allDigits(whole)) && allDigits(fraction);
  if (ok) return std::nullopt;
  return problem(fmt::format("`{}` is not a number", text),
                 "a Numeric operator compares decimal numbers such as `3600`; a value IAM cannot "
                 "read makes the condition false");
}

std::optional<ValueProblem> checkBool(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "true" || lower == "false") return std::nullopt;
  return problem(fmt::format("`{}` is not a boolean", text), "write `\"true\"` or `\"false\"`");
}

std::optional<std::size_t> contradictingBool(std::span<const std::string> values) {
  std::optional<bool> first;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (checkBool(values[i])) continue;  // not a boolean: RP4019 on its own
    bool value = values[i].size() == 4;  // `true`, in any case
    if (!first) {
      first = value;
    } else if (*first != value) {
      return i;
    }
  }
  return std::nullopt;
}

IpReading readIp(std::string_view text) {
  IpReading r;
  IpBlock& block = r.block;
  std::size_t slash = text.find('/');
  std::string_view address = text.substr(0, slash);
  block.bits = address.find(':') != std::string_view::npos ? 128 : 32;
  block.prefix = block.bits;
  if (auto bad = block.bits == 128 ? parseIpv6(address, block.bytes.data()) : parseIpv4(address, block.bytes.data())) {
    r.defect = *bad;
    return r;
  }
  r.ipv4Tail = block.bits == 128 && address.find('.') != std::string_view::npos;
  if (slash == std::string_view::npos) return r;
  block.hasPrefix = true;
  std::string_view prefix = text.substr(slash + 1);
  if (!allDigits(prefix) || prefix.size() > 3 || static_cast<unsigned>(number(prefix)) > block.bits) {
    r.defect = fmt::format("the prefix length is 0 to {}", block.bits);
    r.prefixDefect = true;
    return r;
  }
  block.prefix = static_cast<unsigned>(number(prefix));
  return r;
}

IpBlock ipNetwork(const IpBlock& block) {
  IpBlock network = block;
  for (unsigned bit = block.prefix; bit < block.bits; ++bit)
    network.bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  return network;
}

std::string formatIp(const IpBlock& block) {
  std::string out;
  if (block.bits == 32) {
    out = fmt::format("{}.{}.{}.{}", block.bytes[0], block.bytes[1], block.bytes[2], block.bytes[3]);
  } else {
    std::array<unsigned, 8> groups{};
    for (std::size_t i = 0; i < 8; ++i) groups[i] = block.bytes[2 * i] << 8 | block.bytes[2 * i + 1];
    // The first longest run of two or more zero groups becomes `::` (RFC 5952).
    std::size_t runStart = 8, runLength = 1;
    for (std::size_t i = 0; i < 8;) {
      std::size_t j = i;
      while (j < 8 && groups[j] == 0) ++j;
      if (j - i > runLength) runStart = i, runLength = j - i;
      i = j == i ? i + 1 : j;
    }
    for (std::size_t i = 0; i < 8; ++i) {
      if (i == runStart) {
        out += "::";
        i += runLength - 1;
        continue;
      }
      if (!out.empty() && out.back() != ':') out += ':';
      out += fmt::format("{:x}", groups[i]);
    }
  }
  if (block.hasPrefix) out += fmt::format("/{}", block.prefix);
  return out;
}

std::optional<ValueProblem> checkIp(std::string_view text) {
  IpReading r = readIp(text);
  if (!r.defect.empty())
    return problem(fmt::format("`{}` is not an IP address or CIDR block: {}", text, r.defect),
                   "write an address or a block such as `203.0.113.0/24` or `2001:db8::/32`");
  return std::nullopt;
}

std::optional<ValueProblem> checkIpHostBits(std::string_view text) {
  IpReading r = readIp(text);
  if (!r.defect.empty()) return std::nullopt;
  IpBlock network = ipNetwork(r.block);
  if (network == r.block) return std::nullopt;
  std::string start = formatIp(network);
  return problem(fmt::format("`{}` has host bits set: IAM reads it as `{}`", text, start),
                 fmt::format("write `{}`, or `/{}` for the single address", start, r.block.bits));
}

bool isPrivateIp(std::string_view text) {
  IpReading r = readIp(text);
  if (!r.defect.empty()) return false;
  const IpBlock& b = r.block;
  if (b.bits == 128) {
    return ((b.bytes[0] & 0xfe) == 0xfc && b.prefix >= 7) ||
           (b.bytes[0] == 0xfe && (b.bytes[1] & 0xc0) == 0x80 && b.prefix >= 10);
  }
  return inV4(b, 10, 0xff) || inV4(b, 172, 0xff, 16, 0xf0) || inV4(b, 192, 0xff, 168, 0xff) ||
         inV4(b, 127, 0xff) || inV4(b, 169, 0xff, 254, 0xff);
}

std::optional<ValueProblem> checkTypedValue(ValueType type, std::string_view text) {
  switch (type) {
    case ValueType::Date:
      return checkDate(text);
    case ValueType::Numeric:
      return checkNumber(text);
    case ValueType::Bool:
    case ValueType::Null:
      return checkBool(text);
    case ValueType::Ip:
      return checkIp(text);
    case ValueType::String:
    case ValueType::Arn:
    case ValueType::Binary:
      break;
  }
  return std::nullopt;
}

}  // namespace rootpol::policy
