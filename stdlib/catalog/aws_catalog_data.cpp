// Embeds aws.catalog (about 1 MB) with `.incbin`: the assembler copies the file into .rodata,
// which costs nothing at compile time, unlike a char array literal. Works with g++ and clang
// (ELF targets). CMake passes the absolute path in ROOTPOL_AWS_CATALOG_PATH and lists the file
// in OBJECT_DEPENDS, so editing the catalog rebuilds this object.
#include "aws_catalog_data.h"

#ifndef ROOTPOL_AWS_CATALOG_PATH
#error "ROOTPOL_AWS_CATALOG_PATH must name stdlib/catalog/aws.catalog"
#endif

__asm__(
    ".pushsection .rodata.rootpol_aws_catalog, \"a\"\n"
    ".balign 16\n"
    ".globl rootpol_aws_catalog_begin\n"
    ".hidden rootpol_aws_catalog_begin\n"
    "rootpol_aws_catalog_begin:\n"
    ".incbin \"" ROOTPOL_AWS_CATALOG_PATH
    "\"\n"
    ".globl rootpol_aws_catalog_end\n"
    ".hidden rootpol_aws_catalog_end\n"
    "rootpol_aws_catalog_end:\n"
    ".byte 0\n"
    ".popsection\n");

extern "C" {
__attribute__((visibility("hidden"))) extern const char rootpol_aws_catalog_begin[];
__attribute__((visibility("hidden"))) extern const char rootpol_aws_catalog_end[];
}

namespace rootpol::stdlib {

std::string_view awsCatalogText() {
  return std::string_view(
      rootpol_aws_catalog_begin,
      static_cast<std::size_t>(rootpol_aws_catalog_end - rootpol_aws_catalog_begin));
}

}  // namespace rootpol::stdlib
