#pragma once

#include <string_view>

namespace rootpol::stdlib {

// The bytes of stdlib/catalog/aws.catalog, embedded at build time with the assembler's
// `.incbin` (see aws_catalog_data.cpp); the text is followed by a NUL byte.
std::string_view awsCatalogText();

}  // namespace rootpol::stdlib
