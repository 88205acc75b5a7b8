#include <fmt/format.h>

#include <charconv>
#include <system_error>

#include "eval/values.h"

namespace rootpol::eval {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// A left-to-right reader over one value; every step either consumes what it expects or
// fails without side effects that matter (the caller gives up on the whole value).
struct Reader {
  std::string_view text;
  std::size_t at = 0;

  bool done() const { return at == text.size(); }
  bool peek(char c) const { return at < text.size() && text[at] == c; }
  bool eat(char c) {
    if (!peek(c)) return false;
    ++at;
    return true;
  }
  bool eatAny(char a, char b) { return eat(a) || eat(b); }
  // Exactly `count` decimal digits.
  bool digits(int count, int& out) {
    if (text.size() - at < static_cast<std::size_t>(count)) return false;
    out = 0;
    for (int i = 0; i < count; ++i) {
      char c = text[at + static_cast<std::size_t>(i)];
      if (!isDigit(c)) return false;
      out = out * 10 + (c - '0');
    }
    at += static_cast<std::size_t>(count);
    return true;
  }
  // One or more digits read as a fraction of a second, kept to the nanosecond.
  bool fraction(std::int32_t& nanos) {
    std::size_t start = at;
    nanos = 0;
    std::int32_t scale = 100000000;
    while (at < text.size() && isDigit(text[at])) {
      nanos += (text[at] - '0') * scale;
      scale /= 10;
      ++at;
    }
    return at > start;
  }
};

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (the civil-from-days inverse).
std::int64_t daysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// `Z`, `±hh`, `±hh:mm` or `±hhmm`, as seconds east of UTC; nothing at all is UTC.
bool readZone(Reader& r, std::int64_t& offset) {
  offset = 0;
  if (r.done() || r.eatAny('Z', 'z')) return true;
  int sign = r.eat('+') ? 1 : (r.eat('-') ? -1 : 0);
  int hh = 0;
  int mm = 0;
  if (sign == 0 || !r.digits(2, hh)) return false;
  if (!r.done()) {
    r.eat(':');
    if (!r.digits(2, mm)) return false;
  }
  if (hh > 23 || mm > 59) return false;
  offset = sign * (hh * 3600 + mm * 60);
  return true;
}

// `hh:mm[:ss[.fraction]]` then the zone; fills seconds into the day and nanoseconds.
bool readClock(Reader& r, std::int64_t& secondOfDay, std::int32_t& nanos) {
  int hh = 0;
  int mm = 0;
  int ss = 0;
  nanos = 0;
  if (!r.digits(2, hh) || !r.eat(':') || !r.digits(2, mm)) return false;
  if (r.eat(':')) {
    if (!r.digits(2, ss)) return false;
    if (r.eat('.') && !r.fraction(nanos)) return false;
  }
  if (hh > 23 || mm > 59 || ss > 59) return false;
  std::int64_t offset = 0;
  if (!readZone(r, offset) || !r.done()) return false;
  secondOfDay = hh * 3600 + mm * 60 + ss - offset;
  return true;
}

std::optional<Instant> parseIso(std::string_view text) {
  Reader r{text};
  int y = 0;
  int m = 0;
  int d = 1;
  if (!r.digits(4, y) || !r.eat('-') || !r.digits(2, m) || m < 1 || m > 12) return std::nullopt;
  if (!r.done() && (!r.eat('-') || !r.digits(2, d))) return std::nullopt;
  if (d < 1 || d > daysInMonth(y, m)) return std::nullopt;
  Instant out{daysFromCivil(y, m, d) * 86400, 0};
  if (r.done()) return out;
  std::int64_t secondOfDay = 0;
  if (!r.eatAny('T', 't') || !readClock(r, secondOfDay, out.nanos)) return std::nullopt;
  out.seconds += secondOfDay;
  return out;
}

// `[-]digits[.digits]`: seconds since the epoch, as aws:EpochTime is written.
std::optional<Instant> parseEpoch(std::string_view text) {
  Reader r{text};
  bool negative = r.eat('-');
  std::size_t start = r.at;
  while (!r.done() && isDigit(r.text[r.at])) ++r.at;
  if (r.at == start || r.at - start > 15) return std::nullopt;
  std::int64_t whole = 0;
  std::from_chars(text.data() + start, text.data() + r.at, whole);
  std::int32_t nanos = 0;
  if (r.eat('.') && !r.fraction(nanos)) return std::nullopt;
  if (!r.done()) return std::nullopt;
  if (!negative) return Instant{whole, nanos};
  return nanos == 0 ? Instant{-whole, 0} : Instant{-whole - 1, 1000000000 - nanos};
}

}  // namespace

std::optional<double> parseNumber(std::string_view text) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  std::size_t i = 0;
  std::size_t digits = 0;
  for (; i < body.size() && isDigit(body[i]); ++i) ++digits;
  if (i < body.size() && body[i] == '.') {
    for (++i; i < body.size() && isDigit(body[i]); ++i) ++digits;
  }
  if (digits == 0 || i != body.size()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ec != std::errc() || end != body.data() + body.size()) return std::nullopt;
  return negative ? -value : value;
}

std::optional<Instant> parseDate(std::string_view text) {
  // Four digits then '-' starts a calendar date; anything else must be epoch seconds.
  if (text.size() > 4 && text[4] == '-' && isDigit(text[0])) return parseIso(text);
  return parseEpoch(text);
}

// Days to a civil date: Howard Hinnant's civil_from_days.
std::string formatIsoTime(std::int64_t seconds) {
  std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const std::int64_t rest = seconds - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, rest / 3600, rest / 60 % 60,
                     rest % 60);
}

}  // namespace rootpol::eval
