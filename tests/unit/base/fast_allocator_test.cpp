// The rootpol binary allocates with mimalloc when the build found it (cmake/RootpolTarget.cmake,
// rootpol_fast_allocator); this test is linked the same way, and checks that every way of
// allocating really goes to mimalloc: a shared library that was linked but did not take malloc
// over would cost a dependency and gain nothing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#if defined(ROOTPOL_MIMALLOC)
#include <mimalloc.h>
#endif

namespace rootpol {
namespace {

TEST(FastAllocator, NewMallocAndContainersComeFromMimallocWhenBuiltWithIt) {
#if defined(ROOTPOL_MIMALLOC)
  auto one = std::make_unique<int>(7);
  std::string text(100000, 'x');
  std::vector<std::string> many(1000, std::string(40, 'y'));
  void* raw = std::malloc(24);
  EXPECT_TRUE(mi_is_in_heap_region(one.get()));
  EXPECT_TRUE(mi_is_in_heap_region(text.data()));
  EXPECT_TRUE(mi_is_in_heap_region(many.data()));
  EXPECT_TRUE(mi_is_in_heap_region(many.back().data()));
  EXPECT_TRUE(mi_is_in_heap_region(raw));
  std::free(raw);
#else
  GTEST_SKIP() << "built without mimalloc (libmimalloc-dev not installed, ROOTPOL_MIMALLOC=OFF, or a sanitizer build)";
#endif
}

}  // namespace
}  // namespace rootpol
