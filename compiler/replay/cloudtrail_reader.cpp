#include "replay/cloudtrail_reader.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <zlib.h>

#include <algorithm>

#include "base/file_input.h"

namespace rootpol::replay {
namespace fs = std::filesystem;
using simdjson::SIMDJSON_PADDING;

namespace {

bool endsWith(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

bool isTrailFile(const fs::path& path) {
  const std::string name = path.filename().string();
  return endsWith(name, ".json") || endsWith(name, ".json.gz");
}

bool inDigestFolder(const fs::path& path) {
  return std::any_of(path.begin(), path.end(), [](const fs::path& part) { return part == "CloudTrail-Digest"; });
}

bool isGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// Inflates every gzip member of `in` into `out` (bounded by kMaxTextBytes), leaving room for the
// parser's padding. Returns a problem message, or "" when it worked.
std::string inflateGzip(std::string_view in, std::string& out) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return "zlib could not start";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  out.clear();
  std::size_t used = 0;
  std::string problem;
  while (problem.empty()) {
    if (used + SIMDJSON_PADDING + 1 >= out.size()) {
      if (out.size() >= kMaxTextBytes) {
        problem = fmt::format("larger than {} MiB once inflated", kMaxTextBytes >> 20);
        break;
      }
      out.resize(std::min(kMaxTextBytes + SIMDJSON_PADDING + 1, std::max<std::size_t>(out.size() * 2, in.size() * 8 + 4096)));
    }
    z.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    z.avail_out = static_cast<uInt>(out.size() - used - SIMDJSON_PADDING - 1);
    const int rc = inflate(&z, Z_NO_FLUSH);
    used = out.size() - SIMDJSON_PADDING - 1 - z.avail_out;
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);  // another gzip member follows
    } else if (rc == Z_BUF_ERROR && z.avail_in == 0) {
      problem = "the gzip data ends early";
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      problem = fmt::format("not valid gzip data ({})", z.msg != nullptr ? z.msg : "corrupt");
    }
  }
  inflateEnd(&z);
  if (used > kMaxTextBytes && problem.empty()) problem = fmt::format("larger than {} MiB once inflated", kMaxTextBytes >> 20);
  out.resize(used);
  return problem;
}

// simdjson's on-demand API: the text is indexed by its SIMD stage, then walked record by record
// and field by field; only the fields replay maps are unescaped.
namespace od = simdjson::ondemand;

class OnDemand {
 public:
  std::optional<ReadProblem> forEachRecord(const char* text, std::size_t size, std::size_t capacity,
                                           const std::function<void(const Record&)>& onRecord);

 private:
  std::uint32_t offsetOf(const char* at) const {
    if (at == nullptr || at < text_ || at > text_ + size_) return 0;
    return static_cast<std::uint32_t>(at - text_);
  }
  ReadProblem problem(DiagCode code, std::string message, const char* at) const {
    return ReadProblem{code, std::move(message), at != nullptr ? std::optional(offsetOf(at)) : std::nullopt};
  }
  std::optional<ReadProblem> syntax(simdjson::error_code error, const char* at) const {
    const char* stopped = nullptr;
    if (doc_ != nullptr && !doc_->current_location().get(stopped)) at = stopped;
    return problem(DiagCode::RP5002, fmt::format("the CloudTrail file is not valid JSON: {}", simdjson::error_message(error)), at);
  }
  std::optional<ReadProblem> records(od::document& doc, const std::function<void(const Record&)>& onRecord);
  template <typename Fn>
  std::optional<ReadProblem> members(od::value value, std::string_view notObject, Fn fn);
  std::optional<ReadProblem> readRecord(od::value value, Record& record);
  std::optional<ReadProblem> readIdentity(od::value value, Identity& identity);
  std::optional<ReadProblem> readSession(od::value value, Identity& identity);
  std::optional<ReadProblem> readResources(od::value value, std::vector<ResourceRef>& resources);
  std::optional<ReadProblem> stringField(od::value value, std::string_view key, std::string_view& out);

  od::parser parser_;
  const char* text_ = nullptr;
  std::size_t size_ = 0;
  od::document* doc_ = nullptr;  // while records are read: where a syntax error stopped it
  Record record_;                // reused, so that its resources keep their capacity
};

std::optional<ReadProblem> OnDemand::forEachRecord(const char* text, std::size_t size, std::size_t capacity,
                                                   const std::function<void(const Record&)>& onRecord) {
  text_ = text;
  size_ = size;
  od::document doc;
  if (auto error = parser_.iterate(simdjson::padded_string_view(text, size, capacity)).get(doc))
    return syntax(error, nullptr);
  doc_ = &doc;
  std::optional<ReadProblem> out = records(doc, onRecord);
  doc_ = nullptr;
  return out;
}

std::optional<ReadProblem> OnDemand::records(od::document& doc, const std::function<void(const Record&)>& onRecord) {
  od::object top;
  if (doc.get_object().get(top))
    return problem(DiagCode::RP5003, "a CloudTrail file is a JSON object `{\"Records\": [...]}`", text_);
  bool found = false;
  for (auto field : top) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return syntax(error, nullptr);
    if (key != "Records") continue;
    found = true;
    od::value value;
    if (auto error = field.value().get(value)) return syntax(error, nullptr);
    const char* at = value.raw_json_token().data();
    od::array list;
    if (value.get_array().get(list)) return problem(DiagCode::RP5003, "`Records` is not an array of CloudTrail records", at);
    for (auto element : list) {
      od::value item;
      if (auto error = element.get(item)) return syntax(error, nullptr);
      if (auto p = readRecord(item, record_)) return p;
      onRecord(record_);
    }
  }
  if (!found) return problem(DiagCode::RP5003, "the JSON object has no `Records` array: not a CloudTrail log file", text_);
  return std::nullopt;
}

std::optional<ReadProblem> OnDemand::stringField(od::value value, std::string_view key, std::string_view& out) {
  const char* at = value.raw_json_token().data();
  od::json_type type;
  if (auto error = value.type().get(type)) return syntax(error, at);
  if (type == od::json_type::null) {
    out = {};
    return std::nullopt;
  }
  if (type != od::json_type::string || value.get_string().get(out))
    return problem(DiagCode::RP5004, fmt::format("`{}` is not a string", key), at);
  return std::nullopt;
}

// Calls `fn(key, value)` for each member of the object `value` (not an object: RP5004 `notObject`).
template <typename Fn>
std::optional<ReadProblem> OnDemand::members(od::value value, std::string_view notObject, Fn fn) {
  const char* at = value.raw_json_token().data();
  od::object object;
  if (value.get_object().get(object)) return problem(DiagCode::RP5004, std::string(notObject), at);
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return syntax(error, at);
    od::value v;
    if (auto error = field.value().get(v)) return syntax(error, at);
    if (auto p = fn(key, v)) return p;
  }
  return std::nullopt;
}

std::optional<ReadProblem> OnDemand::readRecord(od::value value, Record& record) {
  std::vector<ResourceRef> resources = std::move(record.resources);  // keeps its capacity
  resources.clear();
  record = Record{};
  record.resources = std::move(resources);
  record.offset = offsetOf(value.raw_json_token().data());
  return members(value, "a CloudTrail record is not a JSON object", [&](std::string_view key, od::value v) {
    std::string_view* slot = key == "eventID"              ? &record.eventID
                             : key == "eventTime"          ? &record.eventTime
                             : key == "eventSource"        ? &record.eventSource
                             : key == "eventName"          ? &record.eventName
                             : key == "eventType"          ? &record.eventType
                             : key == "awsRegion"          ? &record.awsRegion
                             : key == "sourceIPAddress"    ? &record.sourceIPAddress
                             : key == "errorCode"          ? &record.errorCode
                             : key == "recipientAccountId" ? &record.recipientAccountId
                             : key == "vpcEndpointId"      ? &record.vpcEndpointId
                                                           : nullptr;
    if (slot != nullptr) return stringField(v, key, *slot);
    if (key == "userIdentity") return readIdentity(v, record.identity);
    if (key == "resources") return readResources(v, record.resources);
    if (key == "tlsDetails") {
      od::json_type type;
      record.tls = !v.type().get(type) && type == od::json_type::object;
    }
    return std::optional<ReadProblem>();
  });
}

std::optional<ReadProblem> OnDemand::readIdentity(od::value value, Identity& identity) {
  return members(value, "`userIdentity` is not an object", [&](std::string_view key, od::value v) {
    std::string_view* slot = key == "type"          ? &identity.type
                             : key == "arn"         ? &identity.arn
                             : key == "accountId"   ? &identity.accountId
                             : key == "principalId" ? &identity.principalId
                             : key == "invokedBy"   ? &identity.invokedBy
                             : key == "accessKeyId" ? &identity.accessKeyId
                                                    : nullptr;
    if (slot != nullptr) return stringField(v, key, *slot);
    if (key == "sessionContext") return readSession(v, identity);
    return std::optional<ReadProblem>();
  });
}

// sessionContext: sessionIssuer {type, arn}, attributes {mfaAuthenticated}, assumedRoot.
std::optional<ReadProblem> OnDemand::readSession(od::value value, Identity& identity) {
  return members(value, "`sessionContext` is not an object", [&](std::string_view key, od::value v) {
    if (key == "assumedRoot") return stringField(v, key, identity.assumedRoot);
    if (key == "attributes") {
      return members(v, "`attributes` is not an object", [&](std::string_view name, od::value iv) {
        return name == "mfaAuthenticated" ? stringField(iv, name, identity.mfaAuthenticated) : std::nullopt;
      });
    }
    if (key == "sessionIssuer") {
      return members(v, "`sessionIssuer` is not an object", [&](std::string_view name, od::value iv) {
        std::string_view* slot = name == "arn" ? &identity.issuerArn : name == "type" ? &identity.issuerType : nullptr;
        return slot != nullptr ? stringField(iv, name, *slot) : std::nullopt;
      });
    }
    return std::optional<ReadProblem>();
  });
}

std::optional<ReadProblem> OnDemand::readResources(od::value value, std::vector<ResourceRef>& resources) {
  const char* at = value.raw_json_token().data();
  od::json_type type;
  if (!value.type().get(type) && type == od::json_type::null) return std::nullopt;
  od::array array;
  if (value.get_array().get(array)) return problem(DiagCode::RP5004, "`resources` is not an array", at);
  for (auto element : array) {
    od::value item;
    if (auto error = element.get(item)) return syntax(error, at);
    ResourceRef ref;
    auto found = members(item, "an entry of `resources` is not an object", [&](std::string_view key, od::value v) {
      std::string_view* slot = key == "ARN" ? &ref.arn : key == "accountId" ? &ref.accountId : nullptr;
      return slot != nullptr ? stringField(v, key, *slot) : std::nullopt;
    });
    if (found) return found;
    resources.push_back(ref);
  }
  return std::nullopt;
}

}  // namespace

std::string_view problemHelp(DiagCode code) {
  switch (code) {
    case DiagCode::RP5001:
      return "give the log files as CloudTrail delivers them to S3: `.json` or `.json.gz`, at most 64 MiB each";
    case DiagCode::RP5002:
      return "CloudTrail writes valid JSON: the file was cut short or changed after delivery; fetch it again";
    case DiagCode::RP5003:
      return "give CloudTrail log files (`AWSLogs/ACCOUNT/CloudTrail/...`); in a folder, digest files are left out";
    case DiagCode::RP5004:
      return "CloudTrail writes records, `userIdentity` and `sessionContext` as objects, `resources` as an array and the fields replay reads as strings";
    default:
      return {};
  }
}

std::vector<fs::path> listInputs(const std::vector<std::string>& paths, std::vector<std::string>& problems) {
  std::vector<fs::path> out;
  for (const std::string& given : paths) {
    bool directory = false;
    input::Problem problem = input::classify(given, directory);
    if (problem != input::Problem::None) {
      problems.push_back(input::describe(problem, given));
      continue;
    }
    if (!directory) {
      out.emplace_back(given);
      continue;
    }
    std::vector<fs::path> files;
    std::vector<input::Skipped> skipped;
    input::WalkOptions options;
    options.wanted = isTrailFile;
    input::walkDirectory(given, options, files, skipped);
    for (fs::path& f : files) {
      if (!inDigestFolder(f.lexically_relative(given))) out.push_back(std::move(f));
    }
  }
  return out;
}

struct RecordReader::Impl {
  OnDemand parser;
  std::string text;      // with SIMDJSON_PADDING bytes of room after its size()
  std::size_t size = 0;  // the text's length
};

RecordReader::RecordReader() : impl_(std::make_unique<Impl>()) {}
RecordReader::~RecordReader() = default;

std::string_view RecordReader::text() const { return std::string_view(impl_->text.data(), impl_->size); }

std::optional<ReadProblem> RecordReader::load(const fs::path& path) {
  input::ReadResult read = input::readFile(path);
  impl_->size = 0;
  if (!read.text) return ReadProblem{DiagCode::RP5001, input::describe(read.problem, path.string(), read.detail), std::nullopt};
  if (isGzip(*read.text)) return setBytes(*read.text, path.string());
  impl_->text = std::move(*read.text);
  impl_->size = impl_->text.size();
  impl_->text.resize(impl_->size + SIMDJSON_PADDING);
  return std::nullopt;
}

std::optional<ReadProblem> RecordReader::setBytes(std::string_view bytes, std::string_view name) {
  if (isGzip(bytes)) {
    std::string problem = inflateGzip(bytes, impl_->text);
    impl_->size = impl_->text.size();
    impl_->text.resize(impl_->size + SIMDJSON_PADDING);
    if (!problem.empty()) return ReadProblem{DiagCode::RP5001, fmt::format("cannot read `{}`: {}", name, problem), std::nullopt};
    return std::nullopt;
  }
  impl_->text.assign(bytes.data(), bytes.size());
  impl_->size = bytes.size();
  impl_->text.resize(impl_->size + SIMDJSON_PADDING);
  return std::nullopt;
}

std::optional<ReadProblem> RecordReader::forEachRecord(const std::function<void(const Record&)>& onRecord) {
  return impl_->parser.forEachRecord(impl_->text.data(), impl_->size, impl_->text.size(), onRecord);
}

}  // namespace rootpol::replay
