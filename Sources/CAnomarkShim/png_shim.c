/*
 * libpng behind setjmp: see anomark_shim.h for the contract.
 *
 * We use libpng's classic API with our own error function (not png_image) because it lets us
 * read the header without decoding, reduce 16-bit samples without the simplified API's gamma
 * assumptions (png_image treats 16-bit data as linear and would re-encode it), and set the zlib
 * level and filters when writing.
 */
#include "anomark_shim.h"

#include <png.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    jmp_buf jump;
    char *err;
    const uint8_t *data;
    size_t size;
    size_t pos;
    int truncated;
    /* writer */
    uint8_t *out;
    size_t out_len;
    size_t out_cap;
    int nomem;
    /* reader heap accounting (see heap_malloc) */
    size_t heap_now;
    size_t heap_peak;
    size_t heap_budget;
    int over_budget;
} png_ctx;

/*
 * libpng's own heap while reading, counted and capped.
 *
 * Everything libpng allocates for a read goes through these two functions (png_create_read_struct_2). The
 * budget is ANOMARK_PNG_HEAP_BASE until the header is known, then that plus 32 bytes per pixel of width: a
 * read needs two rows of at most 8 bytes per pixel (16-bit RGBA) plus fixed state, so a real file stays far
 * below it. Whatever the chunks declare, libpng can never hold more: a request beyond the budget fails like
 * an allocation failure, and the read ends with an error naming the budget instead of taking gigabytes.
 */
typedef union {
    max_align_t align;
    size_t size;
} heap_header;

static png_voidp heap_malloc(png_structp png, png_alloc_size_t size) {
    png_ctx *ctx = (png_ctx *)png_get_mem_ptr(png);
    if (size > ctx->heap_budget - ctx->heap_now || size > SIZE_MAX - sizeof(heap_header)) {
        ctx->over_budget = 1;
        return NULL;
    }
    heap_header *h = (heap_header *)malloc(sizeof(heap_header) + size);
    if (!h) {
        ctx->nomem = 1;
        return NULL;
    }
    h->size = size;
    ctx->heap_now += size;
    if (ctx->heap_now > ctx->heap_peak) ctx->heap_peak = ctx->heap_now;
    return h + 1;
}

static void heap_free(png_structp png, png_voidp p) {
    if (!p) return;
    png_ctx *ctx = (png_ctx *)png_get_mem_ptr(png);
    heap_header *h = (heap_header *)p - 1;
    ctx->heap_now -= h->size;
    free(h);
}

static png_structp create_read_struct(png_ctx *ctx, png_error_ptr on_error, png_error_ptr on_warning) {
    ctx->heap_budget = ANOMARK_PNG_HEAP_BASE;
    return png_create_read_struct_2(PNG_LIBPNG_VER_STRING, ctx, on_error, on_warning, ctx, heap_malloc,
                                    heap_free);
}

static void ctx_error(png_structp png, png_const_charp msg) {
    png_ctx *ctx = (png_ctx *)png_get_error_ptr(png);
    snprintf(ctx->err, ANOMARK_ERR_LEN, "%s", msg ? msg : "libpng error");
    longjmp(ctx->jump, 1);
}

static void ctx_warning(png_structp png, png_const_charp msg) {
    /* Benign warnings (e.g. unknown ancillary chunks, iCCP profile quirks) do not stop decoding. */
    (void)png;
    (void)msg;
}

static void ctx_read(png_structp png, png_bytep out, png_size_t n) {
    png_ctx *ctx = (png_ctx *)png_get_io_ptr(png);
    if (ctx->size - ctx->pos < n) {
        ctx->truncated = 1;
        png_error(png, "file is truncated");
    }
    memcpy(out, ctx->data + ctx->pos, n);
    ctx->pos += n;
}

static void ctx_write(png_structp png, png_bytep in, png_size_t n) {
    png_ctx *ctx = (png_ctx *)png_get_io_ptr(png);
    if (ctx->out_cap - ctx->out_len < n) {
        size_t cap = ctx->out_cap ? ctx->out_cap : 65536;
        while (cap - ctx->out_len < n) cap *= 2;
        uint8_t *p = (uint8_t *)realloc(ctx->out, cap);
        if (!p) {
            ctx->nomem = 1;
            png_error(png, "out of memory");
        }
        ctx->out = p;
        ctx->out_cap = cap;
    }
    memcpy(ctx->out + ctx->out_len, in, n);
    ctx->out_len += n;
}

static void ctx_flush(png_structp png) { (void)png; }

static int status_of(png_ctx *ctx) {
    if (ctx->over_budget) {
        snprintf(ctx->err, ANOMARK_ERR_LEN, "decoding needs more than %zu bytes of libpng memory (the limit for "
                 "this width)", ctx->heap_budget);
        return ANOMARK_E_LIBRARY;
    }
    if (ctx->nomem) return ANOMARK_E_NOMEM;
    if (ctx->truncated) return ANOMARK_E_TRUNCATED;
    return ANOMARK_E_LIBRARY;
}

/* Reads the signature and header; on return `png`/`pinfo` are ready for transforms. Must be called
   inside the caller's setjmp scope. */
static void read_header(png_structp png, png_infop pinfo, png_ctx *ctx) {
    if (ctx->size < 8 || png_sig_cmp(ctx->data, 0, 8) != 0) png_error(png, "not a PNG file (bad signature)");
    png_set_read_fn(png, ctx, ctx_read);
    /* Width and height: callers check width*height against their own limit after this header read, before
       allocating pixels. */
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    /* Only IHDR, PLTE, tRNS, IDAT and IEND matter for RGBA pixels (no gamma, background or text is applied).
       Every other chunk is skipped unread, so no declared length, text or compressed metadata can make libpng
       allocate: libpng 1.6 only *warns* when a tEXt/zTXt/iTXt chunk declares more than its chunk malloc limit,
       then allocates the declared length (2 GiB for 0x7FFFFFFF) and inflates zTXt up to that limit each. */
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
    png_set_chunk_cache_max(png, ANOMARK_PNG_CHUNK_CACHE_MAX);
    png_set_chunk_malloc_max(png, ANOMARK_PNG_CHUNK_MALLOC_MAX);
    png_read_info(png, pinfo);
    /* Rows are allocated from here on: the budget grows with the width the header declares. */
    png_uint_32 width = png_get_image_width(png, pinfo);
    ctx->heap_budget = ANOMARK_PNG_HEAP_BASE + ((size_t)width + 8) * 32;
}

int anomark_png_info(const uint8_t *data, size_t size, anomark_png_info_t *info, char *err) {
    png_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.err = err;
    ctx.data = data;
    ctx.size = size;
    err[0] = 0;
    info->heap_peak = 0;
    png_structp png = create_read_struct(&ctx, ctx_error, ctx_warning);
    if (!png) return ANOMARK_E_NOMEM;
    png_infop pinfo = png_create_info_struct(png);
    if (!pinfo) {
        png_destroy_read_struct(&png, NULL, NULL);
        return ANOMARK_E_NOMEM;
    }
    if (setjmp(ctx.jump)) {
        png_destroy_read_struct(&png, &pinfo, NULL);
        info->heap_peak = ctx.heap_peak;
        return status_of(&ctx);
    }
    read_header(png, pinfo, &ctx);
    info->width = png_get_image_width(png, pinfo);
    info->height = png_get_image_height(png, pinfo);
    info->bit_depth = png_get_bit_depth(png, pinfo);
    info->color_type = png_get_color_type(png, pinfo);
    info->interlaced = png_get_interlace_type(png, pinfo) == PNG_INTERLACE_ADAM7;
    info->has_trns = png_get_valid(png, pinfo, PNG_INFO_tRNS) ? 1 : 0;
    png_destroy_read_struct(&png, &pinfo, NULL);
    info->heap_peak = ctx.heap_peak;
    return ANOMARK_OK;
}

/* The one decoding frame of both variants: RGBA8 (every colour type, as described in the header) or, with
   `gray16`, 16-bit grey samples in host order (alpha stripped; anything else refused). `out` holds
   width * height * bytes_per_pixel bytes; rows are written straight into it. */
static int decode_rows(const uint8_t *data, size_t size, uint8_t *out, size_t out_size, uint32_t width,
                       uint32_t height, int gray16, size_t *heap_peak, char *err) {
    png_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.err = err;
    ctx.data = data;
    ctx.size = size;
    err[0] = 0;
    if (heap_peak) *heap_peak = 0;
    const size_t pixel_bytes = gray16 ? 2 : 4;
    if ((size_t)width * height * pixel_bytes > out_size) {
        snprintf(err, ANOMARK_ERR_LEN, "output buffer too small");
        return ANOMARK_E_ARGUMENT;
    }
    png_structp png = create_read_struct(&ctx, ctx_error, ctx_warning);
    if (!png) return ANOMARK_E_NOMEM;
    png_infop pinfo = png_create_info_struct(png);
    if (!pinfo) {
        png_destroy_read_struct(&png, NULL, NULL);
        return ANOMARK_E_NOMEM;
    }
    /* Row pointers are malloc'd and must be freed on the error path too: keep them volatile. */
    png_bytep *volatile rows = NULL;
    if (setjmp(ctx.jump)) {
        free(rows);
        png_destroy_read_struct(&png, &pinfo, NULL);
        if (heap_peak) *heap_peak = ctx.heap_peak;
        return status_of(&ctx);
    }
    read_header(png, pinfo, &ctx);
    if (png_get_image_width(png, pinfo) != width || png_get_image_height(png, pinfo) != height)
        png_error(png, "image size differs from its header");

    int color_type = png_get_color_type(png, pinfo);
    int bit_depth = png_get_bit_depth(png, pinfo);
    if (gray16) {
        if (bit_depth != 16 || (color_type != PNG_COLOR_TYPE_GRAY && color_type != PNG_COLOR_TYPE_GRAY_ALPHA))
            png_error(png, "not a 16-bit grey PNG");
        if (color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_strip_alpha(png);
        const uint16_t probe = 1;
        if (*(const uint8_t *)&probe == 1) png_set_swap(png); /* PNG is big-endian; the host is not */
    } else {
        /* Everything to 8-bit RGBA, straight alpha. png_set_scale_16 rounds (v*255+32895)>>16 rather
           than dropping the low byte. */
        if (bit_depth == 16) png_set_scale_16(png);
        if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
        if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
        if (png_get_valid(png, pinfo, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
        if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
        png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER); /* no-op when alpha already present */
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, pinfo);
    if (png_get_rowbytes(png, pinfo) != (size_t)width * pixel_bytes)
        png_error(png, "unexpected row size after transforms");

    rows = (png_bytep *)malloc(sizeof(png_bytep) * (height ? height : 1));
    if (!rows) {
        ctx.nomem = 1;
        png_error(png, "out of memory");
    }
    for (uint32_t y = 0; y < height; y++) rows[y] = out + (size_t)y * width * pixel_bytes;
    png_read_image(png, rows);
    png_read_end(png, NULL); /* checks the CRCs of the chunks after IDAT, and IEND */
    free(rows);
    png_destroy_read_struct(&png, &pinfo, NULL);
    if (heap_peak) *heap_peak = ctx.heap_peak;
    return ANOMARK_OK;
}

int anomark_png_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t out_size,
                            uint32_t width, uint32_t height, size_t *heap_peak, char *err) {
    return decode_rows(data, size, out, out_size, width, height, 0, heap_peak, err);
}

int anomark_png_decode_gray16(const uint8_t *data, size_t size, uint16_t *out, size_t out_count, uint32_t width,
                              uint32_t height, char *err) {
    return decode_rows(data, size, (uint8_t *)out, out_count * 2, width, height, 1, NULL, err);
}

int anomark_png_encode_rgba(const uint8_t *rgba, uint32_t width, uint32_t height, int channels,
                            int level, int filters, uint8_t **out, size_t *out_len, char *err) {
    png_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.err = err;
    err[0] = 0;
    *out = NULL;
    *out_len = 0;
    if (channels != 3 && channels != 4) {
        snprintf(err, ANOMARK_ERR_LEN, "channels must be 3 or 4");
        return ANOMARK_E_ARGUMENT;
    }
    if (width == 0 || height == 0) {
        snprintf(err, ANOMARK_ERR_LEN, "PNG cannot store an empty image (%ux%u)", width, height);
        return ANOMARK_E_ARGUMENT;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, ctx_error, ctx_warning);
    if (!png) return ANOMARK_E_NOMEM;
    png_infop pinfo = png_create_info_struct(png);
    if (!pinfo) {
        png_destroy_write_struct(&png, NULL);
        return ANOMARK_E_NOMEM;
    }
    uint8_t *volatile row = NULL;
    if (setjmp(ctx.jump)) {
        free(row);
        free(ctx.out);
        png_destroy_write_struct(&png, &pinfo);
        return status_of(&ctx);
    }
    png_set_write_fn(png, &ctx, ctx_write, ctx_flush);
    png_set_compression_level(png, level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_set_IHDR(png, pinfo, width, height, 8, channels == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, pinfo);
    if (channels == 4) {
        for (uint32_t y = 0; y < height; y++) png_write_row(png, (png_const_bytep)(rgba + (size_t)y * width * 4));
    } else {
        row = (uint8_t *)malloc((size_t)width * 3);
        if (!row) {
            ctx.nomem = 1;
            png_error(png, "out of memory");
        }
        for (uint32_t y = 0; y < height; y++) {
            const uint8_t *s = rgba + (size_t)y * width * 4;
            uint8_t *d = row;
            for (uint32_t x = 0; x < width; x++, s += 4, d += 3) {
                d[0] = s[0];
                d[1] = s[1];
                d[2] = s[2];
            }
            png_write_row(png, row);
        }
        free(row);
        row = NULL;
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &pinfo);
    *out = ctx.out;
    *out_len = ctx.out_len;
    return ANOMARK_OK;
}

void anomark_free(void *p) { free(p); }

const char *anomark_libpng_version(void) { return png_get_libpng_ver(NULL); }
