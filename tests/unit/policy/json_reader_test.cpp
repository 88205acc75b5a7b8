// The position-keeping JSON reader: spans of values and keys, members in order with
// duplicates, numbers as written, escapes and surrogates, errors at the exact line:column with
// nlohmann-like messages, the nesting limit, trailing text, and the minified size.
#include "policy/json_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace rootpol::policy::json {
namespace {

constexpr FileId kFile = 1;

std::string lineCol(std::string_view text, std::uint32_t offset) {
  SourceFile file(kFile, "t.json", std::string(text));
  LineCol lc = file.lineCol(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string_view slice(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

// "L:C message" of the error, or "ok".
std::string errorAt(std::string_view text) {
  ParseResult r = parse(text, kFile);
  if (!r.error) return "ok";
  return lineCol(text, r.error->offset) + " " + r.error->message;
}

TEST(JsonReader, ObjectMembersInOrderWithDuplicatesAndSpans) {
  std::string_view text = "{\n  \"b\": 1,\n  \"a\": [true, null],\n  \"b\": \"x\"\n}";
  ParseResult r = parse(text, kFile);
  ASSERT_TRUE(r.value) << r.error->message;
  const Node& root = *r.value;
  EXPECT_EQ(root.kind, Kind::Object);
  EXPECT_EQ(root.span, (Span{kFile, 0, static_cast<std::uint32_t>(text.size())}));
  ASSERT_EQ(root.members.size(), 3u);
  EXPECT_EQ(root.members[0].key, "b");
  EXPECT_EQ(root.members[1].key, "a");
  EXPECT_EQ(root.members[2].key, "b");
  EXPECT_EQ(slice(text, root.members[1].keySpan), "\"a\"");
  EXPECT_EQ(lineCol(text, root.members[1].keySpan.begin), "3:3");
  const Node& list = root.members[1].value;
  EXPECT_EQ(slice(text, list.span), "[true, null]");
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].kind, Kind::Bool);
  EXPECT_EQ(list.items[0].text, "true");
  EXPECT_EQ(list.items[1].kind, Kind::Null);
  EXPECT_EQ(slice(text, root.members[2].value.span), "\"x\"");
  // find() answers the last of the duplicates, as most JSON readers keep it.
  EXPECT_EQ(root.find("b"), &root.members[2]);
  EXPECT_EQ(root.find("c"), nullptr);
  EXPECT_FALSE(r.trailing);
}

TEST(JsonReader, NumbersAreKeptAsWritten) {
  ParseResult r = parse("[0, -0.5e+10, 12E3, 3.25, 100000000000000000000000]", kFile);
  ASSERT_TRUE(r.value);
  std::vector<std::string> texts;
  for (const Node& n : r.value->items) texts.emplace_back(n.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"0", "-0.5e+10", "12E3", "3.25",
                                             "100000000000000000000000"}));
  EXPECT_EQ(r.value->items[1].kind, Kind::Number);
}

TEST(JsonReader, MalformedNumbers) {
  EXPECT_EQ(errorAt("[01]"), "1:2 invalid number: a number cannot start with `0`");
  EXPECT_EQ(errorAt("[1.]"), "1:4 invalid number: expected a digit after `.`");
  EXPECT_EQ(errorAt("[-]"), "1:3 invalid number: expected a digit after `-`");
  EXPECT_EQ(errorAt("[1e+]"), "1:5 invalid number: expected a digit in the exponent");
}

TEST(JsonReader, EscapesAreDecoded) {
  ParseResult r = parse(R"("a\n\t\"\\\/\b\f\r\u00e9\u20AC")", kFile);
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->text, "a\n\t\"\\/\b\f\r\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(errorAt(R"(  "a\x")"), "1:5 invalid string: `\\x` is not a JSON escape");
  EXPECT_EQ(errorAt(R"("\u12G4")"),
            "1:2 invalid string: `\\u` must be followed by four hex digits");
}

TEST(JsonReader, SurrogatePairsJoinAndLoneSurrogatesAreErrors) {
  ParseResult r = parse(R"("\ud83d\ude00!")", kFile);
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->text, "\xF0\x9F\x98\x80!");
  EXPECT_EQ(errorAt(R"(["\ud83d"])"),
            "1:3 invalid string: high surrogate `\\uD83D` must be followed by a low surrogate "
            "(`\\uDC00` to `\\uDFFF`)");
  EXPECT_EQ(errorAt(R"(["\ud83d\u0041"])"),
            "1:3 invalid string: high surrogate `\\uD83D` must be followed by a low surrogate "
            "(`\\uDC00` to `\\uDFFF`)");
  EXPECT_EQ(errorAt(R"(["x\uDE00"])"),
            "1:4 invalid string: low surrogate `\\uDE00` without a high surrogate before it");
}

TEST(JsonReader, StringsMustBeWellFormed) {
  ParseResult r = parse("{\"a\": \"x\ny\"}", kFile);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(lineCol("{\"a\": \"x\ny\"}", r.error->offset), "1:9");
  EXPECT_EQ(r.error->message,
            "invalid string: control character U+000A (line feed) must be escaped");
  EXPECT_EQ(r.error->help, "is a closing `\"` missing?");
  EXPECT_EQ(errorAt("\"\xff\""), "1:2 invalid string: ill-formed UTF-8 byte");
  EXPECT_EQ(errorAt("\"\xED\xA0\x80\""),
            "1:2 invalid string: ill-formed UTF-8 byte");  // a surrogate
  EXPECT_EQ(errorAt("\"abc"), "1:5 invalid string: end of input before the closing quote");
  EXPECT_EQ(errorAt("\"\xC3\xA9\xF0\x9F\x98\x80\""), "ok");
}

TEST(JsonReader, ErrorsAtTheExactLineAndColumn) {
  EXPECT_EQ(errorAt("{\n  \"a\": tru\n}"), "2:8 invalid literal `tru`");
  EXPECT_EQ(errorAt("{\n  \"a\" 1\n}"),
            "2:7 unexpected number while parsing an object; expected `:` after the key");
  EXPECT_EQ(errorAt("{\"a\": 1 \"b\": 2}"),
            "1:9 unexpected string while parsing an object; expected `,` or `}`");
  EXPECT_EQ(errorAt("[1,\n  \xC3\xA9]"),
            "2:3 unexpected `\xC3\xA9` while parsing an array; expected a value");
  EXPECT_EQ(errorAt("{a: 1}"),
            "1:2 unexpected `a` while parsing an object; expected a string (a member's key)");
}

TEST(JsonReader, HelpForTheUsualMistakes) {
  auto help = [](std::string_view text) { return parse(text, kFile).error->help; };
  EXPECT_EQ(help("[1, 2,]"), "remove the trailing comma");
  EXPECT_EQ(help("{\"a\": 1,}"), "remove the trailing comma");
  EXPECT_EQ(help("[1 2]"), "a `,` is missing before it");
  EXPECT_EQ(help("[1, // two\n 2]"), "JSON has no comments: remove the comment");
  EXPECT_EQ(help("['a']"), "JSON strings are written in double quotes");
  EXPECT_EQ(help("[True]"), "JSON literals are lowercase: write `true`");
}

TEST(JsonReader, EmptyInput) {
  EXPECT_EQ(errorAt(""), "1:1 unexpected end of input while parsing a value; expected a value");
  EXPECT_EQ(errorAt("  \n "),
            "2:2 unexpected end of input while parsing a value; expected a value");
  EXPECT_EQ(errorAt("[1,"), "1:4 unexpected end of input while parsing an array; expected a value");
}

TEST(JsonReader, TrailingTextIsReportedNotConsumed) {
  ParseResult r = parse("{} \n {\"a\": 1}", kFile);
  ASSERT_TRUE(r.value);
  ASSERT_TRUE(r.trailing);
  EXPECT_EQ(*r.trailing, 5u);
  ParseResult second = parse("{} \n {\"a\": 1}", kFile, *r.trailing);
  ASSERT_TRUE(second.value);
  EXPECT_EQ(second.value->span, (Span{kFile, 5, 13}));
  EXPECT_FALSE(parse("[1]  \n", kFile).trailing);
  EXPECT_EQ(*parse("[1] x", kFile).trailing, 4u);
}

TEST(JsonReader, ByteOrderMarkIsSkipped) {
  ParseResult r = parse("\xEF\xBB\xBF{}", kFile);
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->span.begin, 3u);
}

TEST(JsonReader, NestingIsLimited) {
  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_EQ(errorAt(ok), "ok");
  std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  ParseResult r = parse(deep, kFile);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, kMaxJsonDepth);
  EXPECT_EQ(r.error->message, "the JSON nests deeper than 256 levels");
  // A hostile file costs one error, not a stack overflow.
  std::string hostile(1'000'000, '[');
  hostile += std::string(1'000'000, '{');
  EXPECT_TRUE(parse(hostile, kFile).error);
  std::string objects;
  for (int i = 0; i < 300; ++i) objects += "{\"a\":";
  EXPECT_EQ(parse(objects, kFile).error->message, "the JSON nests deeper than 256 levels");
}

TEST(JsonReader, MinifiedSizeDropsBlanksOutsideStringsOnly) {
  std::string_view text = "{ \"a b\" : [ 1 ,\n\t\"x\\\" y\" ] }\n";
  ParseResult r = parse(text, kFile);
  ASSERT_TRUE(r.value);
  // {"a b":[1,"x\" y"]}
  EXPECT_EQ(minifiedSize(text, r.value->span.begin, r.value->span.end), 19u);
  // The reader counts the same blanks as it goes (lint sizes a file from them), and none of
  // the blanks around the value.
  EXPECT_EQ(r.value->span.end - r.value->span.begin - r.blanks, 19u);
}

// The last member of each key counts, in objects of every size the class stores differently:
// pairs compared (up to 16 members), a bit mask (up to 64), a vector beyond.
TEST(JsonReader, LastOfTheirKeyInSmallMidAndLargeObjects) {
  for (int size : {3, 16, 17, 64, 65, 200}) {
    std::string text = "{";
    for (int i = 0; i < size; ++i) text += fmt::format("{}\"k{}\":{}", i ? "," : "", i % (size / 3 + 1), i);
    text += "}";
    ParseResult r = parse(text, kFile);
    ASSERT_TRUE(r.value) << size;
    const Slice<Member>& members = r.value->members;
    LastOfTheirKey last(*r.value);
    for (std::size_t i = 0; i < members.size(); ++i) {
      bool expected = true;
      for (std::size_t j = i + 1; j < members.size(); ++j) expected = expected && members[j].key != members[i].key;
      EXPECT_EQ(last[i], expected) << "size " << size << ", member " << i;
    }
  }
}

// Each repeated key, with the first and the closest earlier member of that key, in order; in
// small objects (pairs compared) and large ones (a map), and stopping when asked.
TEST(JsonReader, ForEachDuplicateKeyPairsEachRepeatWithTheFirst) {
  for (int size : {5, 40}) {
    std::string text = "{";
    for (int i = 0; i < size; ++i) text += fmt::format("{}\"k{}\":{}", i ? "," : "", i % 3 == 2 ? 0 : i, i);
    text += "}";
    ParseResult r = parse(text, kFile);
    ASSERT_TRUE(r.value);
    std::vector<std::pair<std::string, int>> seen;
    forEachDuplicateKey(*r.value, [&](const Member& first, const Member& previous, const Member& later) {
      EXPECT_EQ(&first, &r.value->members.front()) << size;  // every repeat is of `k0`
      int at = std::stoi(std::string(later.value.text));
      EXPECT_EQ(std::stoi(std::string(previous.value.text)), at == 2 ? 0 : at - 3) << size;  // k0 at 0, 2, 5, 8, ...
      seen.emplace_back(later.key, at);
      return false;
    });
    ASSERT_EQ(seen.size(), static_cast<std::size_t>((size + 0) / 3)) << size;
    EXPECT_EQ(seen.front(), (std::pair<std::string, int>{"k0", 2}));
    EXPECT_EQ(seen.back().second, (size / 3) * 3 - 1);
    int calls = 0;
    forEachDuplicateKey(*r.value, [&](const Member&, const Member&, const Member&) { return ++calls == 1; });
    EXPECT_EQ(calls, 1);
  }
}

TEST(JsonReader, BlanksCountedWhileReadingMatchMinifiedSize) {
  for (std::string_view text : {"  [ ]  ", "\"a b\"", " 12 ", "{\"k\" :\r\n [ true , { } ,\"\\\" \" ] }",
                                "\xEF\xBB\xBF { \"a\":\t1 }\n"}) {
    ParseResult r = parse(text, kFile);
    ASSERT_TRUE(r.value) << text;
    EXPECT_EQ(r.value->span.end - r.value->span.begin - r.blanks,
              minifiedSize(text, r.value->span.begin, r.value->span.end))
        << text;
  }
}

TEST(JsonReader, MinifiedKeepsStringsWholeAndDropsEveryOtherBlank) {
  struct Case {
    std::string_view text, minified;
  };
  const Case cases[] = {
      {"{ \"a b\" : [ 1 ,\n\t\"x\\\" y\" ] }", "{\"a b\":[1,\"x\\\" y\"]}"},
      {"[ \"\\\\\" , \"\\\\ \\\" \" ]", "[\"\\\\\",\"\\\\ \\\" \"]"},  // escaped backslashes
      {" { \"k\" :\r\n true , \"n\" : null } ", "{\"k\":true,\"n\":null}"},
      {"[ 1.5e3 , -2 , \"caf\xc3\xa9 \\u00e9\" ]", "[1.5e3,-2,\"caf\xc3\xa9 \\u00e9\"]"},
      {"\"unterminated \\", "\"unterminated \\"},  // not JSON: ends at the range's end
  };
  for (const Case& c : cases) {
    auto end = static_cast<std::uint32_t>(c.text.size());
    EXPECT_EQ(minified(c.text, 0, end), c.minified) << c.text;
    EXPECT_EQ(minifiedSize(c.text, 0, end), c.minified.size()) << c.text;
  }
  // A range inside the text: only its bytes.
  EXPECT_EQ(minified("xx[ 1 , 2 ]yy", 2, 11), "[1,2]");
}

}  // namespace
}  // namespace rootpol::policy::json

namespace rootpol::policy::json {
namespace {

// The tree's texts and children live in the result's storage: they survive the text it was
// read from, a move and a copy of the result, and a tree larger than one block of each.
TEST(JsonReader, TellsWhetherAStringMayHoldAPlaceholder) {
  auto mayHold = [](std::string_view text) {
    ParseResult r = parse(text, kFile);
    EXPECT_FALSE(r.error) << text;
    return r.mayHoldPlaceholders;
  };
  EXPECT_FALSE(mayHold(R"({"Action": ["s3:Get*", "ec2:*"], "n": 1, "b": true})"));
  EXPECT_FALSE(mayHold(R"({"Sid": "caf\u00e9 \" x"})"));  // escapes, no mark
  EXPECT_FALSE(mayHold("[\"caf\xC3\xA9\"]"));           // UTF-8, no mark
  EXPECT_TRUE(mayHold(R"({"Resource": "arn:aws:s3:::${aws:username}"})"));
  EXPECT_TRUE(mayHold(R"({"<KEY>": 1})"));                     // keys too
  EXPECT_TRUE(mayHold(R"(["a", "b", "%{if x}"])"));
  EXPECT_TRUE(mayHold(R"(["caf\u00e9 [ROLE]"])"));           // marks in a string with escapes
  EXPECT_TRUE(mayHold("[\"caf\xC3\xA9 {{x}}\"]"));
  // Outside strings, braces and brackets are JSON's own.
  EXPECT_FALSE(mayHold(R"({"a": [{"b": []}, {}]})"));
}

TEST(JsonReader, TellsWhetherAnObjectHasAKeyWrittenTwice) {
  auto mayHave = [](std::string_view text) {
    ParseResult r = parse(text, kFile);
    EXPECT_FALSE(r.error) << text;
    return r.mayHaveDuplicateKeys;
  };
  EXPECT_FALSE(mayHave(R"({"a": 1, "b": {"a": 2, "c": [{"a": 3}, {"b": 4}]}, "A": 5})"));
  EXPECT_FALSE(mayHave(R"([{"a": 1}, {"a": 1}, {}, "a", "a"])"));  // twins in other objects
  EXPECT_TRUE(mayHave(R"({"a": 1, "b": 2, "a": 3})"));
  EXPECT_TRUE(mayHave(R"([1, {"x": {"k": [{"q": 1, "q": 2}]}}])"));  // however deep
  // A large object (the reader's map, past 16 members).
  std::string large = "{";
  for (int i = 0; i < 40; ++i) large += fmt::format("\"k{}\": {}, ", i, i);
  EXPECT_FALSE(mayHave(large + "\"last\": 0}"));
  EXPECT_TRUE(mayHave(large + "\"k7\": 0}"));
}

TEST(JsonReader, TreeOutlivesItsTextAndIsKeptAcrossBlocks) {
  std::string text = "[";
  for (int i = 0; i < 5000; ++i) text += fmt::format("{}{{\"k{}\": \"v\\u00e9{}\", \"n\": [{}, true]}}", i ? "," : "", i, i, i);
  text += "]";
  ParseResult parsed = parse(text, kFile);
  text.assign(text.size(), 'x');  // the texts must not be views of the input
  ParseResult moved = std::move(parsed);
  ParseResult copy = moved;
  moved = ParseResult{};
  ASSERT_TRUE(copy.value);
  ASSERT_EQ(copy.value->items.size(), 5000u);
  for (int i : {0, 4095, 4096, 4999}) {
    const Node& object = copy.value->items[static_cast<std::size_t>(i)];
    ASSERT_EQ(object.members.size(), 2u) << i;
    EXPECT_EQ(object.members[0].key, fmt::format("k{}", i));
    EXPECT_EQ(object.members[0].value.text, fmt::format("v\u00e9{}", i));
    EXPECT_EQ(object.members[1].value.items[0].text, fmt::format("{}", i));
    EXPECT_EQ(object.members[1].value.items[1].text, "true");
  }
}

// Lint reads its files with Strings::ViewsOfText: the same tree, its plain strings, keys and
// numbers views of the text (no second copy of a large file), a string with escapes decoded.
TEST(JsonReader, ViewsOfTheTextGiveTheSameTreeWithoutCopyingPlainStrings) {
  std::string text = "{\"plain\": \"s3:GetObject\", \"esc\\u0061pe\": \"caf\\u00e9\", \"n\": [-1.5e3, true, null],";
  text += " \"utf8\": \"\xc3\xa9t\xc3\xa9\", \"deep\": [{\"k\": \"${aws:username}\"}]}";
  const ParseResult copied = parse(text, kFile);
  const ParseResult viewed = parse(text, kFile, 0, Strings::ViewsOfText);
  ASSERT_TRUE(copied.value && viewed.value) << (copied.error ? copied.error->message : "");
  EXPECT_TRUE(sameTree(*copied.value, *viewed.value));
  EXPECT_EQ(viewed.blanks, copied.blanks);
  EXPECT_EQ(viewed.mayHoldPlaceholders, copied.mayHoldPlaceholders);
  const auto inText = [&](std::string_view s) {
    return s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
  };
  const Node& root = *viewed.value;
  ASSERT_EQ(root.members.size(), 5u);
  EXPECT_TRUE(inText(root.members[0].key));
  EXPECT_TRUE(inText(root.members[0].value.text));
  EXPECT_EQ(root.members[0].value.text, "s3:GetObject");
  EXPECT_FALSE(inText(root.members[1].key));  // escaped: decoded into the storage
  EXPECT_EQ(root.members[1].key, "escape");
  EXPECT_FALSE(inText(root.members[1].value.text));
  EXPECT_EQ(root.members[1].value.text, "caf\u00e9");
  EXPECT_TRUE(inText(root.members[2].value.items[0].text));
  EXPECT_EQ(root.members[2].value.items[0].text, "-1.5e3");
  EXPECT_EQ(root.members[3].value.text, "\u00e9t\u00e9");
  EXPECT_TRUE(inText(root.members[4].value.items[0].members[0].value.text));
  // The copy does not view the text.
  EXPECT_FALSE(inText(copied.value->members[0].value.text));
  // Read on two threads, each part views the text as well.
  std::string large = "{\"Statement\": [";
  for (int i = 0; i < 3000; ++i) large += fmt::format("{}{{\"Sid\": \"S{}\", \"Action\": \"s3:Get\\u002a{}\"}}", i ? ", " : "", i, i);
  large += "]}";
  const ParseResult one = parse(large, kFile);
  const ParseResult two = parseOnTwoThreads(large, kFile, 0, Strings::ViewsOfText);
  ASSERT_TRUE(one.value && two.value);
  EXPECT_TRUE(sameTree(*one.value, *two.value));
  const Node& last = two.value->members[0].value.items.back();
  EXPECT_EQ(last.members[1].value.text, "s3:Get*2999");
  EXPECT_GE(last.members[0].value.text.data(), large.data());
  EXPECT_LT(last.members[0].value.text.data(), large.data() + large.size());
}

TEST(JsonReader, StorageKeepsTextsInPlaceAcrossBlocks) {
  TreeStorage storage;
  storage.reserveText(8);
  std::vector<std::pair<std::string, std::string_view>> kept;
  for (int i = 0; i < 3000; ++i) {
    std::string s(static_cast<std::size_t>(1 + i % 97), static_cast<char>('a' + i % 26));
    kept.emplace_back(s, storage.keep(s));  // 3000 texts of up to 97 bytes: several blocks
  }
  kept.emplace_back(std::string(200000, 'z'), std::string_view());
  kept.back().second = storage.keep(kept.back().first);  // larger than a block
  for (const auto& [expected, view] : kept) EXPECT_EQ(view, expected);
  EXPECT_TRUE(storage.keep("").empty());
}

}  // namespace
}  // namespace rootpol::policy::json
