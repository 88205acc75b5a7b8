#include "base/threads.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace rootpol {
namespace {

TEST(WorkQueue, HandsOutEveryNumberOnceAcrossThreads) {
  constexpr std::size_t kCount = 20000;
  WorkQueue queue(kCount);
  std::vector<std::atomic<int>> taken(kCount);
  runOnThreads(4, [&] {
    for (std::size_t i = 0; queue.next(i);) taken[i].fetch_add(1);
  });
  for (std::size_t i = 0; i < kCount; ++i) ASSERT_EQ(taken[i].load(), 1) << i;
  std::size_t after = 0;
  EXPECT_FALSE(queue.next(after));  // and nothing more once it is empty
}

TEST(RunOnThreads, RunsTheWorkerOnTheCallerAndTheOthers) {
  std::mutex mutex;
  std::set<std::thread::id> seen;
  std::atomic<int> waiting{3};
  runOnThreads(3, [&] {
    {
      const std::lock_guard lock(mutex);
      seen.insert(std::this_thread::get_id());
    }
    // Every worker waits for the others, so three distinct threads must have run it.
    waiting.fetch_sub(1);
    while (waiting.load() > 0) std::this_thread::yield();
  });
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.count(std::this_thread::get_id()), 1u);
}

TEST(RunOnThreads, OneOrNoThreadIsTheCallersOnly) {
  for (unsigned threads : {0u, 1u}) {
    std::vector<std::thread::id> seen;
    runOnThreads(threads, [&] { seen.push_back(std::this_thread::get_id()); });
    ASSERT_EQ(seen.size(), 1u) << threads;
    EXPECT_EQ(seen.front(), std::this_thread::get_id()) << threads;
  }
}

TEST(RunOnThreads, AWorkersExceptionReachesTheCallerAfterTheOthersFinish) {
  WorkQueue queue(1000);
  std::atomic<int> done{0};
  auto run = [&] {
    runOnThreads(2, [&] {
      for (std::size_t i = 0; queue.next(i);) {
        if (i == 10) throw std::runtime_error("piece 10");
        done.fetch_add(1);
      }
    });
  };
  EXPECT_THROW(run(), std::runtime_error);
  // The thread that threw stopped; the other went on to the end of the queue.
  EXPECT_EQ(done.load(), 999);
}

}  // namespace
}  // namespace rootpol
