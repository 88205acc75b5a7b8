// libFuzzer target: the bytes are one CloudTrail log file, gzipped or not (see README.md here).
// The reader must never throw, crash, or read outside the text; every record's offset and every
// problem's offset must lie in the text, every view of a record must point into the text or be
// empty (unescaped strings live in the parser's buffer: those only need to be readable), and a
// problem must name a replay diagnostic code.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "replay/cloudtrail_reader.h"

namespace {

std::size_t touch(std::string_view view) {
  std::size_t sum = 0;
  for (char c : view) sum += static_cast<unsigned char>(c);
  return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rootpol::replay;
  static RecordReader reader;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::optional<ReadProblem> problem = reader.setBytes(bytes, "fuzz.json");
  const std::size_t textSize = reader.text().size();
  volatile std::size_t sink = 0;
  if (!problem) {
    problem = reader.forEachRecord([&](const Record& r) {
      if (r.offset > textSize) std::abort();
      for (std::string_view v : {r.eventID, r.eventTime, r.eventSource, r.eventName, r.sourceIPAddress,
                                 r.identity.arn, r.identity.issuerArn, r.identity.assumedRoot})
        sink = sink + touch(v);
      for (const ResourceRef& ref : r.resources) sink = sink + touch(ref.arn) + touch(ref.accountId);
    });
  }
  if (problem) {
    if (problem->offset && *problem->offset > textSize) std::abort();
    if (problemHelp(problem->code).empty()) std::abort();
  }
  return 0;
}
