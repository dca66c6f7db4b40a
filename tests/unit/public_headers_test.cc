// The public headers compile together, and none of them needs a codec or JSON header.
#include "vrsx/checksum.h"
#include "vrsx/conventions.h"
#include "vrsx/copy.h"
#include "vrsx/data_layout.h"
#include "vrsx/image.h"
#include "vrsx/image_reader.h"
#include "vrsx/reader.h"
#include "vrsx/record.h"
#include "vrsx/record_content.h"
#include "vrsx/record_filter.h"
#include "vrsx/record_format.h"
#include "vrsx/recovery.h"
#include "vrsx/status.h"
#include "vrsx/stream_id.h"
#include "vrsx/typed_layout.h"
#include "vrsx/writer.h"

#include <catch2/catch.hpp>

#ifdef NLOHMANN_JSON_VERSION_MAJOR
#error "a public header includes nlohmann/json"
#endif
#ifdef ZSTD_VERSION_MAJOR
#error "a public header includes zstd.h"
#endif
#if defined(PNG_LIBPNG_VER) || defined(TJFLAG_FASTDCT) || defined(JXL_DECODE_H_)
#error "a public header includes a codec's header"
#endif
#ifdef LZ4F_VERSION
#error "a public header includes lz4frame.h"
#endif

TEST_CASE("public headers: one program can use the reader and the writer") {
  vrsx::Reader reader;
  vrsx::Writer writer;
  CHECK_FALSE(reader.IsOpen());
}
