// The test-side EventBridge matcher on the examples of AWS's event pattern docs and of
// aws/event-ruler's README, so the class tests rest on a matcher that is itself checked.
#include <gtest/gtest.h>

#include "event_pattern_match.h"

namespace rootpol::testing {
namespace {

using nlohmann::json;

bool match(const char* pattern, const char* event) {
  return matchesPattern(json::parse(pattern), json::parse(event));
}

const char* kEc2Event = R"({
  "version": "0", "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
  "account": "111122223333", "region": "us-west-1",
  "resources": ["arn:aws:ec2:us-west-1:111122223333:instance/i-1234567890abcdef0"],
  "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated", "c-count": 3, "flag": true}
})";

TEST(EventPatternMatch, ExactValuesAndOrWithinAList) {
  EXPECT_TRUE(match(R"({"source": ["aws.ec2"]})", kEc2Event));
  EXPECT_TRUE(match(R"({"source": ["aws.s3", "aws.ec2"]})", kEc2Event));
  EXPECT_FALSE(match(R"({"source": ["aws.s3"]})", kEc2Event));
  EXPECT_FALSE(match(R"({"source": ["AWS.EC2"]})", kEc2Event)) << "exact values are case-sensitive";
}

TEST(EventPatternMatch, FieldsAreAndedAndNest) {
  EXPECT_TRUE(match(R"({"source": ["aws.ec2"], "detail": {"state": ["terminated"]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"source": ["aws.ec2"], "detail": {"state": ["running"]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"detail": {"missing": ["x"]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"nothing": {"deeper": ["x"]}})", kEc2Event));
}

TEST(EventPatternMatch, ValuesCompareByJsonType) {
  EXPECT_TRUE(match(R"({"detail": {"flag": [true]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"detail": {"flag": ["true"]}})", kEc2Event));
  EXPECT_TRUE(match(R"({"detail": {"c-count": [3]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"detail": {"c-count": ["3"]}})", kEc2Event));
}

TEST(EventPatternMatch, EventArraysMatchByAnyElement) {
  EXPECT_TRUE(
      match(R"({"resources": ["arn:aws:ec2:us-west-1:111122223333:instance/i-1234567890abcdef0"]})",
            kEc2Event));
  EXPECT_FALSE(match(R"({"resources": ["arn:aws:ec2:us-west-1:111122223333:instance/i-other"]})",
                     kEc2Event));
}

TEST(EventPatternMatch, AnythingBut) {
  EXPECT_TRUE(match(R"({"detail": {"state": [{"anything-but": "initializing"}]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"detail": {"state": [{"anything-but": "terminated"}]}})", kEc2Event));
  EXPECT_FALSE(
      match(R"({"detail": {"state": [{"anything-but": ["stopped", "terminated"]}]}})", kEc2Event));
  EXPECT_TRUE(match(R"({"detail": {"c-count": [{"anything-but": [100, 200]}]}})", kEc2Event));
  // A field the event lacks has no value that could be "anything but" the listed ones.
  EXPECT_FALSE(match(R"({"detail": {"absent": [{"anything-but": "x"}]}})", kEc2Event));
}

TEST(EventPatternMatch, ExistsOnLeaves) {
  EXPECT_TRUE(match(R"({"detail": {"c-count": [{"exists": true}]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"detail": {"c-count": [{"exists": false}]}})", kEc2Event));
  EXPECT_TRUE(match(R"({"detail": {"absent": [{"exists": false}]}})", kEc2Event));
  EXPECT_FALSE(match(R"({"detail": {"absent": [{"exists": true}]}})", kEc2Event));
  // A missing parent makes the leaf absent too.
  EXPECT_TRUE(match(R"({"detail": {"absent": {"deeper": [{"exists": false}]}}})", kEc2Event));
  // event-ruler README: exists works on leaves only, so an object there counts as absent.
  EXPECT_TRUE(match(R"({"detail": {"c-count": [{"exists": false}]}})",
                    R"({"detail": {"state": "initializing", "c-count": {"c1": 100}}})"));
}

TEST(EventPatternMatch, Prefix) {
  EXPECT_TRUE(match(R"({"region": [{"prefix": "us-"}]})", kEc2Event));
  EXPECT_FALSE(match(R"({"region": [{"prefix": "eu-"}]})", kEc2Event));
}

TEST(EventPatternMatch, OrOfObjects) {
  // event-ruler README: "source" && ("metricName" || "namespace").
  const char* pattern = R"({"source": ["aws.cloudwatch"],
    "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}]})";
  EXPECT_TRUE(match(pattern, R"({"source": "aws.cloudwatch", "metricName": "ReadLatency"})"));
  EXPECT_TRUE(match(pattern, R"({"source": "aws.cloudwatch", "namespace": "AWS/ES"})"));
  EXPECT_FALSE(match(pattern, R"({"source": "aws.cloudwatch", "namespace": "AWS/S3"})"));
  EXPECT_FALSE(match(pattern, R"({"source": "aws.ec2", "metricName": "ReadLatency"})"));
  // Nested inside an object, and holding nested objects.
  const char* nested =
      R"({"detail": {"$or": [{"a": {"b": [{"exists": false}]}}, {"a": {"b": [{"anything-but": "x"}]}}]}})";
  EXPECT_TRUE(match(nested, R"({"detail": {}})"));
  EXPECT_TRUE(match(nested, R"({"detail": {"a": {"b": "y"}}})"));
  EXPECT_FALSE(match(nested, R"({"detail": {"a": {"b": "x"}}})"));
}

TEST(EventPatternMatch, UnsupportedFormsThrow) {
  EXPECT_THROW(match(R"({"source": [{"suffix": "ec2"}]})", kEc2Event), UnsupportedPattern);
  EXPECT_THROW(match(R"({"source": []})", kEc2Event), UnsupportedPattern);
  EXPECT_THROW(match(R"({"source": "aws.ec2"})", kEc2Event), UnsupportedPattern);
  EXPECT_THROW(match(R"({"$or": [{"source": ["aws.ec2"]}]})", kEc2Event), UnsupportedPattern);
  EXPECT_THROW(match(R"({"detail": {"state": [{"anything-but": {"prefix": "t"}}]}})", kEc2Event),
               UnsupportedPattern);
}

}  // namespace
}  // namespace rootpol::testing
