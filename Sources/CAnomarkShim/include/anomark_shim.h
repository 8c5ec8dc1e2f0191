/*
 * CAnomarkShim — the only code in Anomark that calls setjmp/longjmp.
 *
 * libpng and libjpeg report fatal errors by longjmp. A longjmp across a Swift frame is undefined
 * behaviour (no cleanup, corrupted state), so every libpng/libjpeg call happens inside one of the
 * coarse functions below, each with its own setjmp and its own error handler that formats the
 * library's message into `err` and jumps back inside C. Swift sees only a status code and text.
 *
 * Conventions
 * - Every function returns ANOMARK_OK (0) or a negative ANOMARK_E_* status; on failure `err`
 *   (a caller-provided buffer of ANOMARK_ERR_LEN bytes) holds a NUL-terminated message.
 * - Pixel buffers are RGBA8, straight alpha, rows packed (stride = width * 4), owned by the caller.
 * - Encoders return a malloc'd buffer through `out`/`out_len`; free it with anomark_free.
 * - Header functions do no pixel allocation: callers check dimensions against their limits before
 *   allocating and calling the decode function.
 */
#ifndef ANOMARK_SHIM_H
#define ANOMARK_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ANOMARK_ERR_LEN 256

/* Status codes (macros rather than an enum so that Swift imports them as Int32, like the returns). */
#define ANOMARK_OK 0
#define ANOMARK_E_LIBRARY (-1)   /* the library reported an error (message in err) */
#define ANOMARK_E_TRUNCATED (-2) /* the data ended early */
#define ANOMARK_E_WARNING (-3)   /* strict mode: the library warned (corrupt data), message in err */
#define ANOMARK_E_NOMEM (-4)     /* out of memory */
#define ANOMARK_E_ARGUMENT (-5)  /* bad argument (e.g. buffer too small) */

/*
 * libpng's heap while reading one file: a fixed base before the header is read, then the base plus 32 bytes
 * per pixel of the declared width (two rows of 16-bit RGBA need 16). Ancillary chunks other than tRNS are
 * skipped without being read into memory, so no declared chunk length can raise this.
 */
#define ANOMARK_PNG_HEAP_BASE ((size_t)8 << 20)
/* Chunk limits passed to libpng (png_set_chunk_cache_max / png_set_chunk_malloc_max), belt and braces. */
#define ANOMARK_PNG_CHUNK_CACHE_MAX 128
#define ANOMARK_PNG_CHUNK_MALLOC_MAX ((size_t)1 << 20)

/* libjpeg colour spaces reported by anomark_jpeg_info (subset of J_COLOR_SPACE). */
#define ANOMARK_JPEG_OTHER 0
#define ANOMARK_JPEG_GRAY 1
#define ANOMARK_JPEG_RGB 2
#define ANOMARK_JPEG_YCBCR 3
#define ANOMARK_JPEG_CMYK 4
#define ANOMARK_JPEG_YCCK 5

typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;    /* 1, 2, 4, 8 or 16 */
    int color_type;   /* PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA */
    int interlaced;   /* 1 for Adam7 */
    int has_trns;     /* 1 when a tRNS chunk is present */
    size_t heap_peak; /* the most bytes libpng held at once while reading the header */
} anomark_png_info_t;

typedef struct {
    uint32_t width;
    uint32_t height;
    int components;   /* number of components in the file */
    int color_space;  /* ANOMARK_JPEG_* */
    int progressive;  /* 1 for a progressive JPEG */
    int adobe_inverted; /* 1 when an Adobe APP14 marker says CMYK is stored inverted */
} anomark_jpeg_info_t;

/* ---- PNG -------------------------------------------------------------------------------- */

/* Reads the header (IHDR and the chunks before IDAT) without decoding pixels. */
int anomark_png_info(const uint8_t *data, size_t size, anomark_png_info_t *info, char *err);

/*
 * Decodes to RGBA8: palette expanded, tRNS turned into alpha, grey widened, 16-bit reduced to
 * 8 bits (rounded), Adam7 de-interlaced. `out` must hold width*height*4 bytes; width and height
 * must match the header (checked). CRC errors and truncation are errors. `heap_peak` (may be NULL)
 * receives the most bytes libpng held at once, success or not.
 */
int anomark_png_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t out_size,
                            uint32_t width, uint32_t height, size_t *heap_peak, char *err);

/*
 * Decodes a 16-bit grey PNG (colour type 0, or 4 with the alpha dropped) to host-order 16-bit samples, keeping
 * every bit (the RGBA path rounds to 8). `out` must hold width*height samples; anything else is an error.
 */
int anomark_png_decode_gray16(const uint8_t *data, size_t size, uint16_t *out, size_t out_count, uint32_t width,
                              uint32_t height, char *err);

/*
 * Encodes RGBA8 pixels as PNG. `channels` is 3 (alpha dropped: RGB PNG) or 4 (RGBA PNG).
 * `level` is the zlib level 0..9; `filters` a PNG filter mask (PNG_ALL_FILTERS = 0xF8, or one of
 * 0x08 none, 0x10 sub, 0x20 up, 0x40 avg, 0x80 paeth). No time, text or gamma chunks are written,
 * so equal pixels give equal bytes.
 */
int anomark_png_encode_rgba(const uint8_t *rgba, uint32_t width, uint32_t height, int channels,
                            int level, int filters, uint8_t **out, size_t *out_len, char *err);

/* ---- JPEG ------------------------------------------------------------------------------- */

int anomark_jpeg_info(const uint8_t *data, size_t size, anomark_jpeg_info_t *info, char *err);

/*
 * Decodes to RGBA8 (alpha 255). Grey, YCbCr (any subsampling), RGB, CMYK and YCCK (Adobe's
 * inverted CMYK too). With `strict` non-zero, any libjpeg warning — corrupt data, premature end of
 * file — is an error (ANOMARK_E_WARNING / ANOMARK_E_TRUNCATED); otherwise warnings are counted in
 * *warnings and decoding goes on (missing data is grey).
 */
int anomark_jpeg_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t out_size,
                             uint32_t width, uint32_t height, int strict, int *warnings, char *err);

/* Encodes RGBA8 (alpha ignored) as a baseline JPEG with the given quality (1..100), 4:2:0. */
int anomark_jpeg_encode_rgba(const uint8_t *rgba, uint32_t width, uint32_t height, int quality,
                             uint8_t **out, size_t *out_len, char *err);

/* ---- misc ------------------------------------------------------------------------------- */

void anomark_free(void *p);
const char *anomark_libpng_version(void);
int anomark_libjpeg_version(void);

#ifdef __cplusplus
}
#endif

#endif
