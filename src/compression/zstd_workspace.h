// zstd contexts whose memory is mapped when it is allocated. zstd clears a fresh workspace's
// tables in full (megabytes at the index's levels) and cycles a decoder's window through its
// buffer: every page gets written at once, and mapping them in one call costs about half of
// faulting them in one at a time, ~11 us a page on the VM we measure on (bench/README.md).
#pragma once

struct ZSTD_CCtx_s;
struct ZSTD_DCtx_s;

namespace vrsx::compression {

// Freed with ZSTD_freeCCtx / ZSTD_freeDCtx; null when out of memory.
ZSTD_CCtx_s* NewZstdCompressionContext();
ZSTD_DCtx_s* NewZstdDecompressionContext();

}  // namespace vrsx::compression
