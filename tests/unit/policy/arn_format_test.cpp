#include "policy/arn_format.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "policy/glob.h"

namespace rootpol::policy {
namespace {

bool overlaps(std::string_view format, std::string_view resource, bool whole = false) {
  std::vector<std::uint8_t> scratch;
  return ArnFormat(format, whole).overlaps(resource, scratch);
}

TEST(ArnFormat, PlainArns) {
  EXPECT_TRUE(overlaps("arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::logs"));
  EXPECT_FALSE(overlaps("arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::logs/a.txt"));
  EXPECT_TRUE(overlaps("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::logs/a:b"));
  EXPECT_FALSE(overlaps("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::logs"));
  EXPECT_FALSE(overlaps("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}",
                        "arn:aws:lambda:us-east-1:111122223333:function/deploy"));
}

// A probe views a value without variables and keeps its own text of one with them: copied or
// moved (a short text moves with its string), it reads the same parts.
TEST(ResourceProbe, PartsSurviveACopyAndAMove) {
  const std::string plain = "arn:aws:s3:::logs/a:b";
  for (std::string_view value : {std::string_view(plain), std::string_view("arn:aws:iam::${aws:userid}:u/x"),
                                 std::string_view("a${b}")}) {
    ResourceProbe probe(value);
    std::vector<ResourceProbe> kept{probe};
    ResourceProbe moved(std::move(probe));
    for (const ResourceProbe* p : {&kept.front(), &moved}) {
      EXPECT_EQ(p->partCount(), value == "a${b}" ? 1u : 6u);
      EXPECT_EQ(p->text(), value == plain ? plain : value == "a${b}" ? "a*" : "arn:aws:iam::*:u/x");
      EXPECT_EQ(p->part(p->partCount() - 1), value == plain ? "logs/a:b" : value == "a${b}" ? "a*" : "u/x");
    }
  }
  EXPECT_EQ(ResourceProbe(plain).text().data(), plain.data());  // viewed, not copied
}

TEST(ArnFormat, PatternsAndVariables) {
  const char* bucket = "arn:${Partition}:s3:::${BucketName}";
  EXPECT_FALSE(overlaps(bucket, "arn:aws:s3:::logs/*"));  // objects, never the bucket
  EXPECT_TRUE(overlaps(bucket, "arn:aws:s3:::*"));
  EXPECT_TRUE(overlaps(bucket, "arn:aws:s3:::log?"));
  EXPECT_TRUE(overlaps(bucket, "arn:aws:s3:::${aws:username}"));
  EXPECT_FALSE(overlaps("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}", "arn:aws:iam::*:role/*"));
  EXPECT_TRUE(overlaps("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam::*:role/*"));
  // Part by part: the empty region of the pattern is no access point's region.
  EXPECT_FALSE(overlaps("arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}",
                        "arn:aws:s3:::logs/*"));
  // Fewer than six parts: the last `*` crosses colons (IAM Resource element).
  EXPECT_TRUE(overlaps("arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}", "arn:aws:s3:*"));
  EXPECT_TRUE(overlaps("role/${RoleNameWithPath}", "role/Admin", true));
  EXPECT_FALSE(overlaps("role/${RoleNameWithPath}", "role:Admin", true));
}

// The table against brute force: a text over {a, b, /} of up to six characters that both match.
bool overlapsByEnumeration(const std::string& format, const std::string& pattern) {
  std::string re;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format.compare(i, 2, "${") == 0) {
      std::size_t close = format.find('}', i);
      re += format.substr(i + 2, close - i - 2) == "BucketName" ? "[^/]*" : ".*";
      i = close;
    } else {
      re += format[i] == '/' ? std::string("/") : std::string(1, format[i]);
    }
  }
  std::regex compiled(re);
  std::vector<std::string> texts{""};
  for (std::size_t n = 0; n < texts.size() && texts[n].size() < 6; ++n) {
    for (char c : std::string("ab/")) texts.push_back(texts[n] + c);
  }
  for (const std::string& t : texts) {
    if (globMatch(pattern, t) && std::regex_match(t, compiled)) return true;
  }
  return false;
}

// `rounds` random formats (up to `pieces` pieces) and patterns (up to `chars` of `patternChars`)
// judged as whole texts, each against brute force.
void expectAgreement(unsigned seed, int rounds, int pieces, int chars, const std::string& patternChars) {
  std::mt19937 random(seed);
  const std::vector<std::string> formatPieces{"a", "b", "/", "${X}", "${BucketName}"};
  for (int round = 0; round < rounds; ++round) {
    std::string format, pattern;
    for (int i = static_cast<int>(random() % static_cast<unsigned>(pieces + 1)); i > 0; --i)
      format += formatPieces[random() % formatPieces.size()];
    for (int i = static_cast<int>(random() % static_cast<unsigned>(chars + 1)); i > 0; --i)
      pattern += patternChars[random() % patternChars.size()];
    EXPECT_EQ(overlaps(format, pattern, true), overlapsByEnumeration(format, pattern))
        << "format `" << format << "`, pattern `" << pattern << "`";
  }
}

TEST(ArnFormat, AgreesWithEnumeration) { expectAgreement(7, 400, 3, 3, "ab/*?"); }

// Resources without `*` (plain ARNs, maybe with `?`) are judged position by position, not by
// the table: longer formats with several runs, against brute force.
TEST(ArnFormat, PlainPatternsAgreeWithEnumeration) {
  expectAgreement(11, 600, 5, 6, "ab/?");
  // A slash-free run cannot cross the `/` a later one would need: the first run takes it.
  EXPECT_TRUE(overlaps("${X}/${BucketName}", "x/y/z", true));
  EXPECT_FALSE(overlaps("${BucketName}/${BucketName}", "x/y/z", true));
  EXPECT_TRUE(overlaps("${X}-${BucketName}", "a-b/c-d", true));
}

}  // namespace
}  // namespace rootpol::policy
