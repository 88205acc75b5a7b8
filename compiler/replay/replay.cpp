#include "replay/replay.h"

#include <algorithm>

#include "base/threads.h"
#include "replay/decider.h"

namespace rootpol::replay {
namespace {

struct FileResult {
  std::size_t records = 0, evaluated = 0;
  std::vector<Event> denied, undetermined;
  std::map<std::string_view, std::size_t> skipped;
  std::optional<FileProblem> problem;
};

Event eventOf(const Record& record, const std::shared_ptr<const Outcome>& outcome, std::size_t file) {
  return Event{std::string(record.eventID), std::string(record.eventTime), outcome, file};
}

void replayFile(const std::filesystem::path& path, std::size_t index, RecordReader& reader, RecordDecider& decider,
                FileResult& out) {
  const std::string file = path.string();
  std::optional<ReadProblem> problem = reader.load(path);
  if (!problem) {
    problem = reader.forEachRecord([&](const Record& record) {
      ++out.records;
      const std::shared_ptr<const Outcome>& outcome = decider.decide(record);
      switch (outcome->kind) {
        case Outcome::Kind::Skipped:
          ++out.skipped[outcome->skip];
          return;
        case Outcome::Kind::Allowed:
          break;
        case Outcome::Kind::Denied:
          out.denied.push_back(eventOf(record, outcome, index));
          break;
        case Outcome::Kind::Undetermined:
          out.undetermined.push_back(eventOf(record, outcome, index));
          break;
      }
      ++out.evaluated;
    });
  }
  if (problem) {
    std::string text = problem->offset ? std::string(reader.text()) : std::string();
    out.problem = FileProblem{file, std::move(*problem), std::move(text)};
  }
}

bool earlier(const Event& a, const Event& b) {
  return std::tie(a.eventTime, a.eventID, a.file, a.outcome->action, a.outcome->principal) <
         std::tie(b.eventTime, b.eventID, b.file, b.outcome->action, b.outcome->principal);
}

}  // namespace

Report replayFiles(const runner::OrganizationChains& chains, const Tables& tables,
                   const std::vector<std::filesystem::path>& files, const ReplayOptions& options,
                   std::vector<FileProblem>& problems) {
  std::vector<FileResult> results(files.size());
  WorkQueue queue(files.size());
  const unsigned threads = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(files.size())));
  runOnThreads(threads, [&] {
    RecordReader reader;
    RecordDecider decider(chains, tables);
    for (std::size_t i = 0; queue.next(i);) replayFile(files[i], i, reader, decider, results[i]);
  });

  Report report;
  for (const auto& f : files) report.files.push_back(f.string());
  for (FileResult& r : results) {
    report.records += r.records;
    report.evaluated += r.evaluated;
    for (Event& e : r.denied) report.denied.push_back(std::move(e));
    for (Event& e : r.undetermined) report.undetermined.push_back(std::move(e));
    for (const auto& [reason, count] : r.skipped) report.skipped[std::string(reason)] += count;
    if (r.problem) problems.push_back(std::move(*r.problem));
  }
  std::stable_sort(report.denied.begin(), report.denied.end(), earlier);
  std::stable_sort(report.undetermined.begin(), report.undetermined.end(), earlier);
  return report;
}

}  // namespace rootpol::replay
