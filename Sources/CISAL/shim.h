/*
 * ISA-L's igzip, for PNG.DeflateEncoder: one-shot (stateless) raw DEFLATE of one band of filtered rows.
 *
 * ISA-L never longjmps and keeps no global state beyond its CPU dispatch, so a static inline helper is enough;
 * its stream structure (several KiB) and level buffer live on the heap, not on a worker thread's stack.
 */
#ifndef ANOMARK_CISAL_SHIM_H
#define ANOMARK_CISAL_SHIM_H

#include <isa-l/igzip_lib.h>
#include <stdint.h>
#include <stdlib.h>

/* Bytes of level buffer igzip wants at `level` 1...3 (the library's defaults); 0 for level 0. */
static inline size_t anomark_isal_level_buffer_size(int level) {
    switch (level) {
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    case 3: return ISAL_DEF_LVL3_DEFAULT;
    default: return 0;
    }
}

/*
 * Compresses `length` bytes at `in` to raw DEFLATE at igzip `level` (0...3) into `out` (`capacity` bytes).
 * A `final` stream ends with a final block; any other ends with a full flush (non-final blocks, then an empty
 * stored block that byte-aligns the end), so the next stream's blocks can follow it directly.
 * Returns the bytes written; 0 when the output did not fit, memory ran out, the sizes exceed 32 bits or igzip
 * refused (the caller then compresses another way).
 */
static inline size_t anomark_isal_deflate(const uint8_t *in, size_t length, uint8_t *out, size_t capacity,
                                          int level, int final) {
    if (length > UINT32_MAX || capacity > UINT32_MAX || level < 0 || level > ISAL_DEF_MAX_LEVEL) return 0;
    /* Zeroed: isal_deflate_stateless_init leaves hist_bits (the window) as it finds it, and a stale value from
       reused heap memory silently shrinks the window (files up to a third larger, depending on what the
       process allocated before). 0 is the full 32 KiB window. */
    struct isal_zstream *stream = (struct isal_zstream *)calloc(1, sizeof *stream);
    size_t level_bytes = anomark_isal_level_buffer_size(level);
    uint8_t *level_buffer = level_bytes ? (uint8_t *)malloc(level_bytes) : NULL;
    size_t written = 0;
    if (stream && (level_bytes == 0 || level_buffer)) {
        isal_deflate_stateless_init(stream);
        stream->next_in = (uint8_t *)in;
        stream->avail_in = (uint32_t)length;
        stream->next_out = out;
        stream->avail_out = (uint32_t)capacity;
        stream->level = (uint32_t)level;
        stream->level_buf = level_buffer;
        stream->level_buf_size = (uint32_t)level_bytes;
        stream->end_of_stream = final ? 1 : 0;
        stream->flush = final ? NO_FLUSH : FULL_FLUSH;
        stream->gzip_flag = IGZIP_DEFLATE;
        stream->hist_bits = 0;
        if (isal_deflate_stateless(stream) == COMP_OK && stream->avail_in == 0) written = stream->total_out;
    }
    free(level_buffer);
    free(stream);
    return written;
}

#endif
