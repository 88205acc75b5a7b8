// Negation and disjunctive normal forms: De Morgan, distribution, network guards,
// contradiction removal, duplicate merging and subsumption.
#include "lower/normal_form.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "lower_test_util.h"

namespace rootpol::lower {
namespace {

using namespace testutil;

// A disjunction as text: "a & !b | c" (literals by key, `!` for negated), conjunctions
// and their literals in the order the normal form produced them.
std::string show(const Disjunction& d) {
  std::string out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0) out += " | ";
    for (std::size_t j = 0; j < d[i].size(); ++j) {
      if (j > 0) out += " & ";
      out += (d[i][j].negated ? "!" : "") + d[i][j].atom->resolved.awsKey;
    }
  }
  return out;
}

// toDnf followed by simplify, as the lowering runs them on every clause.
std::string dnf(const ast::Cond& c, bool negated = false, NetworkGuard guard = NetworkGuard::AndNotVia,
                std::size_t max = 64) {
  AtomPool pool;
  auto result = toDnf(c, negated, guard, pool, max);
  return result ? show(simplify(*result)) : "<too many>";
}

struct Row {
  const char* what;
  std::unique_ptr<ast::Cond> cond;
  bool negated;
  const char* expected;
};

TEST(NormalForm, DeMorganAndDistribution) {
  std::vector<Row> rows;
  rows.push_back({"atom", boolKey("a"), false, "a"});
  rows.push_back({"negated atom", boolKey("a"), true, "!a"});
  rows.push_back({"and", all(boolKey("a"), boolKey("b")), false, "a & b"});
  rows.push_back({"or", any(boolKey("a"), boolKey("b")), false, "a | b"});
  rows.push_back({"not (a and b)", negate(all(boolKey("a"), boolKey("b"))), false, "!a | !b"});
  rows.push_back({"not (a or b)", negate(any(boolKey("a"), boolKey("b"))), false, "!a & !b"});
  rows.push_back({"unless (a and b)", all(boolKey("a"), boolKey("b")), true, "!a | !b"});
  rows.push_back({"not not a", negate(negate(boolKey("a"))), false, "a"});
  rows.push_back({"(a or b) and (c or d)", all(any(boolKey("a"), boolKey("b")), any(boolKey("c"), boolKey("d"))), false,
                  "a & c | a & d | b & c | b & d"});
  rows.push_back({"a and (b or c)", all(boolKey("a"), any(boolKey("b"), boolKey("c"))), false, "a & b | a & c"});
  rows.push_back({"not (a and (b or c))", negate(all(boolKey("a"), any(boolKey("b"), boolKey("c")))), false,
                  "!a | !b & !c"});
  rows.push_back({"a or b or c", any(boolKey("a"), boolKey("b"), boolKey("c")), false, "a | b | c"});
  for (const Row& r : rows) {
    SCOPED_TRACE(r.what);
    EXPECT_EQ(dnf(*r.cond, r.negated), r.expected);
  }
}

TEST(NormalForm, ContradictionsAreDropped) {
  auto x = all(boolKey("a"), negate(boolKey("a")));
  EXPECT_EQ(dnf(*x), "");
  auto y = any(all(boolKey("a"), negate(boolKey("a"))), boolKey("b"));
  EXPECT_EQ(dnf(*y), "b");
  // Same key, operator and values written twice are one atom, also across key case.
  auto z = all(atom("aws:SourceIp", ast::CondOp::In, {"10.0.0.0/8"}), negate(atom("aws:sourceip", ast::CondOp::In, {"10.0.0.0/8"})));
  EXPECT_EQ(dnf(*z), "");
  // Different values are different atoms: no contradiction.
  auto w = all(atom("k", ast::CondOp::In, {"1"}), negate(atom("k", ast::CondOp::In, {"2"})));
  EXPECT_EQ(dnf(*w), "k & !k");
}

TEST(NormalForm, DuplicatesAndSubsumption) {
  auto dup = all(boolKey("a"), boolKey("a"), boolKey("b"));
  EXPECT_EQ(dnf(*dup), "a & b");
  auto absorbed = any(boolKey("a"), all(boolKey("a"), boolKey("b")));
  EXPECT_EQ(dnf(*absorbed), "a");
  auto absorbedLater = any(all(boolKey("a"), boolKey("b")), boolKey("a"));
  EXPECT_EQ(dnf(*absorbedLater), "a");
  auto equal = any(all(boolKey("a"), boolKey("b")), all(boolKey("b"), boolKey("a")));
  EXPECT_EQ(dnf(*equal), "a & b");
  auto repeated = any(boolKey("a"), boolKey("a"));
  EXPECT_EQ(dnf(*repeated), "a");
  // Polarity matters: !a does not absorb a & b.
  auto notAbsorbed = any(negate(boolKey("a")), all(boolKey("a"), boolKey("b")));
  EXPECT_EQ(dnf(*notAbsorbed), "!a | a & b");
}

TEST(NormalForm, NetworkLiteralsAreGuardedByPolarityUnlessStrict) {
  auto ip = atom("aws:SourceIp", ast::CondOp::In, {"10.0.0.0/8"}, {ast::Scalar::Cidr, false}, true);
  constexpr auto kDeny = NetworkGuard::AndNotVia, kAllow = NetworkGuard::OrVia, kStrict = NetworkGuard::None;
  // A deny never fires on a call an AWS service makes, whichever way the literal points.
  EXPECT_EQ(dnf(*ip, false, kDeny), "aws:SourceIp & !aws:ViaAWSService");
  EXPECT_EQ(dnf(*ip, true, kDeny), "!aws:SourceIp & !aws:ViaAWSService");
  // An allow always covers such a call.
  EXPECT_EQ(dnf(*ip, false, kAllow), "aws:SourceIp | aws:ViaAWSService");
  EXPECT_EQ(dnf(*ip, true, kAllow), "!aws:SourceIp | aws:ViaAWSService");
  EXPECT_EQ(dnf(*ip, false, kStrict), "aws:SourceIp");
  EXPECT_EQ(dnf(*ip, true, kStrict), "!aws:SourceIp");
  // Two network atoms share one guard.
  auto two = any(atom("aws:SourceIp", ast::CondOp::In, {"10.0.0.0/8"}, {ast::Scalar::Cidr, false}, true),
                 atom("aws:SourceVpce", ast::CondOp::Eq, {"vpce-1"}, {ast::Scalar::String, false}, true));
  EXPECT_EQ(dnf(*two, true, kDeny), "!aws:SourceIp & !aws:ViaAWSService & !aws:SourceVpce");
  EXPECT_EQ(dnf(*two, false, kDeny), "aws:SourceIp & !aws:ViaAWSService | aws:SourceVpce & !aws:ViaAWSService");
  EXPECT_EQ(dnf(*two, false, kAllow), "aws:SourceIp | aws:ViaAWSService | aws:SourceVpce");  // one guard

  AtomPool pool;
  auto d = toDnf(*ip, true, NetworkGuard::AndNotVia, pool, 64);
  ASSERT_TRUE(d.has_value());
  const ast::Cond* guard = (*d)[0][1].atom;
  EXPECT_EQ(guard->op, ast::CondOp::IsTrue);
  EXPECT_EQ(guard->resolved.type.scalar, ast::Scalar::Bool);
  EXPECT_TRUE(guard->resolved.alwaysPresent);
}

TEST(NormalForm, LimitOnConjunctions) {
  // Seven ANDed two-way ors: 128 conjunctions.
  std::vector<std::unique_ptr<ast::Cond>> pairs;
  for (int i = 0; i < 7; ++i) {
    pairs.push_back(any(boolKey("a" + std::to_string(i)), boolKey("b" + std::to_string(i))));
  }
  auto big = node(ast::Cond::Kind::And, std::move(pairs));
  EXPECT_EQ(dnf(*big, false, NetworkGuard::AndNotVia, 64), "<too many>");
  AtomPool pool;
  auto ok = toDnf(*big, false, NetworkGuard::AndNotVia, pool, 128);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->size(), 128u);
  // A long `or` is limited too.
  auto wide = any(boolKey("a"), boolKey("b"), boolKey("c"));
  EXPECT_EQ(dnf(*wide, false, NetworkGuard::AndNotVia, 2), "<too many>");
}

TEST(NormalForm, ConjoinDistributesAndRespectsTheLimit) {
  auto a = boolKey("a"), b = boolKey("b"), c = boolKey("c");
  Disjunction left{{Literal{a.get(), false}}, {Literal{b.get(), false}}};
  Disjunction right{{Literal{c.get(), true}}};
  auto both = conjoin(left, right, 64);
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(show(*both), "a & !c | b & !c");
  EXPECT_FALSE(conjoin(left, left, 3).has_value());
  Disjunction truth{{}};
  EXPECT_EQ(show(*conjoin(truth, left, 64)), "a | b");
}

TEST(NormalForm, SimplifyKeepsSourceOrder) {
  auto a = boolKey("a"), b = boolKey("b");
  Disjunction d{{Literal{b.get(), false}, Literal{a.get(), false}, Literal{b.get(), false}},
                {Literal{a.get(), false}, Literal{a.get(), true}}};
  EXPECT_EQ(show(simplify(d)), "b & a");
}

}  // namespace
}  // namespace rootpol::lower
