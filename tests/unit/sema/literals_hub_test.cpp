// sema's cidr and date literals (RP1005, RP1009) and lint's IpAddress and Date values (RP4019,
// RP4020) are read by the one reader of the hub (policy/value_checks.h). These tests hold the two
// to the same verdicts: they differ only where the rootpol language is stricter than IAM (a cidr
// has IPv6 in hex groups only, a prefix length written without a leading zero and no host bits;
// a date is `YYYY-MM-DD` or a date-time with `Z` or `+hh:mm`).
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "policy/value_checks.h"
#include "sema/literals.h"

namespace rootpol::sema {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The texts of the task that asked for one implementation, then mutations of seeds (a character
// replaced, inserted or dropped), drawn with a fixed seed so a failure is reproducible.
std::vector<std::string> mutations(const std::vector<std::string>& seeds, std::string_view alphabet, int count) {
  std::set<std::string> out(seeds.begin(), seeds.end());
  std::mt19937 random(20260515);
  for (int i = 0; i < count; ++i) {
    std::string text = seeds[random() % seeds.size()];
    for (unsigned edits = 1 + random() % 2; edits > 0; --edits) {
      std::size_t at = random() % (text.size() + 1);
      char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          if (at < text.size()) text[at] = c;
          break;
        case 1:
          text.insert(at, 1, c);
          break;
        default:
          if (at < text.size()) text.erase(at, 1);
      }
    }
    out.insert(text);
  }
  return {out.begin(), out.end()};
}

// One text: whether sema accepts it, and whether lint does (no RP4019, and for addresses no
// RP4020).
struct Verdicts {
  std::optional<LiteralProblem> sema;
  std::optional<policy::ValueProblem> lint;
};

Verdicts cidr(const std::string& text) {
  Verdicts v{checkCidr(text), policy::checkIp(text)};
  if (!v.lint) v.lint = policy::checkIpHostBits(text);
  return v;
}

TEST(LiteralsHub, CidrVerdictsOfTheTask) {
  struct Row {
    std::string text;
    bool semaOk, lintOk;
    std::string semaPart, lintPart;  // fragments of each message (or help)
  };
  const std::vector<Row> rows = {
      {"10.0.0.300/24", false, false, "is not a valid CIDR block", "`300` is over 255"},
      {"10.0.0.1/24", false, false, "the block starts at `10.0.0.0/24`", "IAM reads it as `10.0.0.0/24`"},
      {"2001:db8::/129", false, false, "0 to 128", "the prefix length is 0 to 128"},
      {"2001:db8::1/32", false, false, "the block starts at `2001:db8::/32`", "IAM reads it as `2001:db8::/32`"},
      {"10.0.0.0/24", true, true, "", ""},
      {"2001:db8::/32", true, true, "", ""},
      // The language's own rules: IPv6 in hex groups only (IAM does not state how it matches an
      // IPv4-mapped address), and a prefix length, written without a leading zero.
      {"::ffff:192.0.2.0/120", false, true, "is not a valid CIDR block", ""},
      {"10.0.0.1", false, true, "has no prefix length", ""},
      {"10.0.0.0/08", false, true, "has an invalid prefix length", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    Verdicts v = cidr(row.text);
    EXPECT_EQ(!v.sema, row.semaOk);
    EXPECT_EQ(!v.lint, row.lintOk);
    if (v.sema) {
      EXPECT_TRUE(contains(v.sema->message + " " + v.sema->help, row.semaPart)) << v.sema->message;
    }
    if (v.lint) {
      EXPECT_TRUE(contains(v.lint->message, row.lintPart)) << v.lint->message;
    }
  }
}

TEST(LiteralsHub, CidrVerdictsAgreeOnMutations) {
  const auto texts = mutations({"10.0.0.0/8", "203.0.113.7/24", "192.0.2.1/32", "2001:db8::/32", "2001:db8::1/64",
                                "fe80::/10", "::/0", "1:2:3:4:5:6:7:8/128", "::ffff:10.0.0.0/104"},
                               "0123456789abcdefg.:/", 20000);
  int bothAccept = 0, bothReject = 0;
  for (const std::string& text : texts) {
    SCOPED_TRACE("`" + text + "`");
    Verdicts v = cidr(text);
    const bool wellFormed = !policy::checkIp(text);
    if (!v.sema) {
      EXPECT_FALSE(v.lint);  // a cidr sema accepts is one lint accepts
      ++bothAccept;
      continue;
    }
    if (!wellFormed) {
      ++bothReject;  // lint cannot read it, and neither can sema
      continue;
    }
    // lint reads it; sema rejects it only by the language's own rules.
    const std::string& m = v.sema->message;
    if (contains(m, "host bits set")) {
      ASSERT_TRUE(v.lint);
      // Both name the same block.
      const std::string block = v.sema->help.substr(v.sema->help.find('`'));
      EXPECT_TRUE(contains(v.lint->message, "IAM reads it as " + block)) << v.lint->message << " / " << block;
    } else {
      EXPECT_TRUE(contains(m, "has no prefix length") || contains(m, "has an invalid prefix length") ||
                  policy::readIp(text).ipv4Tail)
          << m;
      if (policy::readIp(text).ipv4Tail) {
        EXPECT_TRUE(contains(m, "is not a valid CIDR block")) << m;
      } else if (contains(m, "no prefix length")) {
        EXPECT_FALSE(v.lint);  // a single address
      } else {
        // A leading zero (`/08`); lint may still warn of host bits, which sema tells next.
        EXPECT_EQ(text[text.find('/') + 1], '0');
      }
    }
  }
  EXPECT_GT(bothAccept, 500);
  EXPECT_GT(bothReject, 500);
}

TEST(LiteralsHub, DateVerdictsOfTheTask) {
  struct Row {
    std::string text;
    bool ok;          // for both
    std::string why;  // in both messages
  };
  const std::vector<Row> rows = {
      {"2026-13-45", false, "the month is out of range"},
      {"2026-02-29", false, "the day is out of range"},
      {"2024-02-29", true, ""},
      {"2026-01-01T25:00:00Z", false, "the time is out of range"},
      {"2026-01-01T10:00:00+24:00", false, "the time zone offset is out of range"},
      {"2026-01-01T10:00:5Z", false, "the seconds are malformed"},
      {"2026-01-01T10:00:00.5-05:30", true, ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    std::optional<LiteralProblem> sema = checkDate(row.text);
    std::optional<policy::ValueProblem> lint = policy::checkDate(row.text);
    EXPECT_EQ(!sema, row.ok);
    EXPECT_EQ(!lint, row.ok);
    if (sema) {
      EXPECT_TRUE(contains(sema->message, row.why)) << sema->message;
    }
    if (lint) {
      EXPECT_TRUE(contains(lint->message, row.why)) << lint->message;
    }
  }
  // The language's own rules: IAM reads these, a rootpol date literal is not one of them.
  for (const char* iamOnly : {"1700000000", "2026-01", "2026-01-01T10:00:00", "2026-01-01T10:00:00+0200"}) {
    EXPECT_FALSE(policy::checkDate(iamOnly)) << iamOnly;
    EXPECT_TRUE(checkDate(iamOnly)) << iamOnly;
  }
}

TEST(LiteralsHub, DateVerdictsAgreeOnMutations) {
  const auto texts = mutations({"2024-02-29", "2030-12-31T23:59:59Z", "2030-01-01T12:30:45.123+02:00",
                                "2030-06-15T00:00-05:30", "2030-04-30"},
                               "0123456789-:T.Z+z", 20000);
  int bothAccept = 0, bothReject = 0;
  for (const std::string& text : texts) {
    SCOPED_TRACE("`" + text + "`");
    std::optional<LiteralProblem> sema = checkDate(text);
    std::optional<policy::ValueProblem> lint = policy::checkDate(text);
    const policy::DateReading reading = policy::readDate(text);
    if (!sema) {
      EXPECT_FALSE(lint);  // a date sema accepts is one lint accepts
      ++bothAccept;
      continue;
    }
    if (lint) {
      ++bothReject;
      // Where both read a date, they tell the same defect (sema words two of its own: no epoch
      // seconds, and a time zone as `Z` or `+hh:mm`).
      using policy::DateDefect;
      DateDefect defect = *reading.defect;
      bool dateForm = reading.form == policy::DateForm::Day || reading.form == policy::DateForm::DateTime;
      if (dateForm && defect != DateDefect::NotIso && defect != DateDefect::ZoneMalformed &&
          defect != DateDefect::ZoneRange) {
        EXPECT_TRUE(contains(sema->message, std::string(policy::describe(defect)))) << sema->message;
      }
      continue;
    }
    // lint reads it; sema rejects it only by the language's own rules.
    EXPECT_TRUE(contains(sema->message, "the date part is malformed") || contains(sema->message, "needs a time zone"))
        << sema->message;
    if (contains(sema->message, "date part")) {
      EXPECT_TRUE(reading.form == policy::DateForm::EpochSeconds || reading.form == policy::DateForm::YearMonth);
    } else {
      EXPECT_NE(reading.zone, "Z");
    }
  }
  EXPECT_GT(bothAccept, 500);
  EXPECT_GT(bothReject, 500);
}

}  // namespace
}  // namespace rootpol::sema
