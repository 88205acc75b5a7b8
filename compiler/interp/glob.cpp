#include "interp/glob.h"
#include "base/text.h"

#include <charconv>
#include <cstdio>
#include <vector>

namespace rootpol::interp {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool sameChar(char a, char b, bool ignoreCase) {
  return ignoreCase ? lower(a) == lower(b) : a == b;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (isDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses all of `text` as an unsigned decimal no larger than `max`.
std::optional<unsigned> parseDecimal(std::string_view text, unsigned max) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

bool parseIpv4(std::string_view text, std::uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    std::size_t dot = text.find('.');
    if ((i < 3) != (dot != std::string_view::npos)) return false;
    std::string_view part = text.substr(0, dot);
    // Leading zeros are refused: some parsers read them as octal, so they are ambiguous.
    if (part.size() > 1 && part[0] == '0') return false;
    auto value = parseDecimal(part, 255);
    if (!value) return false;
    out[i] = static_cast<std::uint8_t>(*value);
    text = i < 3 ? text.substr(dot + 1) : std::string_view();
  }
  return true;
}

// Parses hex groups separated by ':' (one side of a `::`) into 16-bit words; an embedded
// dotted IPv4 tail counts as two words.
bool parseGroups(std::string_view text, std::vector<std::uint16_t>& words) {
  if (text.empty()) return true;
  while (true) {
    std::size_t colon = text.find(':');
    std::string_view group = text.substr(0, colon);
    if (colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      std::uint8_t v4[4];
      if (!parseIpv4(group, v4)) return false;
      words.push_back(static_cast<std::uint16_t>(v4[0] << 8 | v4[1]));
      words.push_back(static_cast<std::uint16_t>(v4[2] << 8 | v4[3]));
      return true;
    }
    if (group.empty() || group.size() > 4) return false;
    unsigned value = 0;
    for (char c : group) {
      int h = hexValue(c);
      if (h < 0) return false;
      value = value * 16 + static_cast<unsigned>(h);
    }
    words.push_back(static_cast<std::uint16_t>(value));
    if (colon == std::string_view::npos) return true;
    text = text.substr(colon + 1);
  }
}

bool parseIpv6(std::string_view text, std::uint8_t* out) {
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (!parseGroups(text, head) || head.size() != 8) return false;
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return false;
    if (!parseGroups(text.substr(0, gap), head) || !parseGroups(text.substr(gap + 2), tail)) {
      return false;
    }
    if (head.size() + tail.size() > 7) return false;
    head.resize(8 - tail.size(), 0);
    head.insert(head.end(), tail.begin(), tail.end());
  }
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(head[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(head[i] & 0xff);
  }
  return true;
}

// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

unsigned daysInMonth(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at `pos`, advancing it.
std::optional<unsigned> fixedDigits(std::string_view text, std::size_t& pos, std::size_t width,
                                    unsigned max) {
  if (pos + width > text.size()) return std::nullopt;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!isDigit(text[i])) return std::nullopt;
  }
  auto value = parseDecimal(text.substr(pos, width), max);
  pos += width;
  return value;
}

// The `Z` / `+hh:mm` / `-hhmm` suffix, as seconds east of UTC.
std::optional<std::int64_t> parseOffset(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return std::nullopt;  // a time without a zone is ambiguous
  if (text[pos] == 'Z' || text[pos] == 'z') {
    return pos + 1 == text.size() ? std::optional<std::int64_t>(0) : std::nullopt;
  }
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const std::int64_t sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  auto hours = fixedDigits(text, pos, 2, 23);
  if (pos < text.size() && text[pos] == ':') ++pos;
  auto minutes = fixedDigits(text, pos, 2, 59);
  if (!hours || !minutes || pos != text.size()) return std::nullopt;
  return sign * (*hours * 3600 + *minutes * 60);
}

// `hh:mm[:ss[.fff]]` then the zone; fills seconds of the day and nanoseconds.
bool parseTime(std::string_view text, std::size_t pos, Instant& instant) {
  auto hh = fixedDigits(text, pos, 2, 23);
  if (!hh || pos >= text.size() || text[pos++] != ':') return false;
  auto mm = fixedDigits(text, pos, 2, 59);
  if (!mm) return false;
  unsigned ss = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    auto s = fixedDigits(text, pos, 2, 60);
    if (!s) return false;
    ss = *s;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = 100'000'000;
    std::size_t start = pos;
    for (; pos < text.size() && isDigit(text[pos]); ++pos, scale /= 10) {
      instant.nanos += (text[pos] - '0') * scale;
    }
    if (pos == start) return false;
  }
  auto offset = parseOffset(text, pos);
  if (!offset) return false;
  instant.seconds += *hh * 3600 + *mm * 60 + ss - *offset;
  return true;
}

}  // namespace

bool globMatch(std::string_view pattern, std::string_view text, bool ignoreCase) {
  // Greedy scan that remembers the last `*`: on a mismatch, let that star eat one more
  // character. Linear in practice, and no recursion on hostile patterns.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || sameChar(pattern[p], text[t], ignoreCase))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return rootpol::equalsIgnoreCase(a, b);
}

std::optional<std::array<std::string_view, 6>> splitArn(std::string_view arn) {
  std::array<std::string_view, 6> parts;
  for (std::size_t i = 0; i < 5; ++i) {
    std::size_t colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    parts[i] = arn.substr(0, colon);
    arn = arn.substr(colon + 1);
  }
  parts[5] = arn;
  if (parts[0] != "arn") return std::nullopt;
  return parts;
}

bool arnLike(std::string_view pattern, std::string_view arn) {
  auto patternParts = splitArn(pattern);
  auto arnParts = splitArn(arn);
  if (!patternParts || !arnParts) return globMatch(pattern, arn);
  for (std::size_t i = 0; i < 6; ++i) {
    if (!globMatch((*patternParts)[i], (*arnParts)[i])) return false;
  }
  return true;
}

bool isAccountRootArn(std::string_view arn) {
  auto parts = splitArn(arn);
  if (!parts) return false;
  const auto& p = *parts;
  if (p[1].empty() || p[2] != "iam" || !p[3].empty() || p[5] != "root") return false;
  if (p[4].size() != 12) return false;
  for (char c : p[4]) {
    if (!isDigit(c)) return false;
  }
  return true;
}

std::optional<IpNetwork> parseIpNetwork(std::string_view text) {
  IpNetwork net;
  std::string_view address = text;
  std::size_t slash = text.find('/');
  if (slash != std::string_view::npos) address = text.substr(0, slash);
  net.v6 = address.find(':') != std::string_view::npos;
  if (!(net.v6 ? parseIpv6(address, net.bytes.data()) : parseIpv4(address, net.bytes.data()))) {
    return std::nullopt;
  }
  const unsigned maxPrefix = net.v6 ? 128 : 32;
  net.prefix = static_cast<int>(maxPrefix);
  if (slash != std::string_view::npos) {
    auto prefix = parseDecimal(text.substr(slash + 1), maxPrefix);
    if (!prefix) return std::nullopt;
    net.prefix = static_cast<int>(*prefix);
  }
  return net;
}

bool cidrContains(const IpNetwork& block, const IpNetwork& address) {
  if (block.v6 != address.v6) return false;
  int bits = block.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const auto mask = static_cast<std::uint8_t>(bits >= 8 ? 0xff : 0xff << (8 - bits));
    if ((block.bytes[i] & mask) != (address.bytes[i] & mask)) return false;
  }
  return true;
}

bool cidrContains(std::string_view block, std::string_view address) {
  auto net = parseIpNetwork(block);
  auto ip = parseIpNetwork(address);
  return net && ip && cidrContains(*net, *ip);
}

std::string formatIp(const IpNetwork& address) {
  char buffer[64];
  const auto& b = address.bytes;
  if (!address.v6) {
    std::snprintf(buffer, sizeof buffer, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return buffer;
  }
  // Plain full form: every parser reads it and no `::` choice has to be made.
  std::string out;
  for (int i = 0; i < 8; ++i) {
    std::snprintf(buffer, sizeof buffer, "%s%x", i == 0 ? "" : ":",
                  static_cast<unsigned>(b[2 * i] << 8 | b[2 * i + 1]));
    out += buffer;
  }
  return out;
}

std::optional<double> parseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<Instant> parseInstant(std::string_view text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t epoch = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), epoch);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return Instant{epoch, 0};
  }
  std::size_t pos = 0;
  auto year = fixedDigits(text, pos, 4, 9999);
  if (!year || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  auto month = fixedDigits(text, pos, 2, 12);
  if (!month || *month == 0 || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  auto day = fixedDigits(text, pos, 2, 31);
  if (!day || *day == 0 || *day > daysInMonth(*year, *month)) return std::nullopt;
  Instant instant{daysFromCivil(*year, *month, *day) * 86400, 0};
  if (pos == text.size()) return instant;
  if (text[pos] != 'T' && text[pos] != 't') return std::nullopt;
  if (!parseTime(text, pos + 1, instant)) return std::nullopt;
  return instant;
}

std::string formatInstant(const Instant& instant) {
  std::int64_t days = instant.seconds / 86400;
  std::int64_t rest = instant.seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // Hinnant's civil_from_days, the inverse of daysFromCivil.
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return buffer;
}

}  // namespace rootpol::interp
