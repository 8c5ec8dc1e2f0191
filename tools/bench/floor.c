/*
 * floor.c — the C floor for anomark-bench: the same codec operations done by calling libjpeg-turbo and
 * libpng directly, timed the same way (median of N runs, VmHWM peak), printing the same JSON line.
 *
 * The Swift codecs (Sources/Codecs behind Sources/CAnomarkShim) cannot be faster than this: the ratio
 * Swift/floor is what the wrapper costs (extra header pass, copying the encoded bytes into a Swift array,
 * the opacity scan...). Settings mirror the shim exactly:
 * - JPEG: jpeg_mem_src, JDCT_ISLOW, fancy upsampling (default), JCS_EXT_RGBA, one scanline per call;
 * - PNG decode: scale_16, palette_to_rgb, expand_gray_1_2_4_to_8, tRNS_to_alpha, gray_to_rgb,
 *   add_alpha 0xFF after, interlace handling, read_image into caller-owned rows, read_end;
 * - PNG encode, compressor zlib: libpng with the given zlib level and filter mask, RGB rows (alpha
 *   dropped) when the image is opaque and alpha is "auto", output into a doubling buffer from 64 KiB, no
 *   ancillary chunks (as anomark_png_encode_rgba);
 * - PNG encode, compressor libdeflate: rows filtered here (one filter, or the adaptive minimum-sum-of-
 *   absolute-values choice, ties to the lower type, by PNG.RowFilter's own kernel), the whole image compressed by ONE
 *   libdeflate_zlib_compress call on one thread, written as IHDR + IDATs of at most 1 MiB + IEND with
 *   libdeflate's CRC-32 (as PNG.ChunkWriter). The Swift encoder instead cuts the image into ~1 MiB bands
 *   compressed in parallel and joined into one stream: compare with the Swift run pinned to one core too.
 * - PNG encode, compressor isal: the same rows, the whole image compressed by ONE ISA-L (igzip) stateless
 *   call at level L (0...3) with its zlib wrapper.
 *
 * Build: cc -O2 -I Sources/CAnomarkShim/include -o floor floor.c \
 *            $(pkg-config --cflags --libs libpng libjpeg libdeflate libisal)
 * Usage: floor decode-jpeg FILE [--runs N]
 *        floor decode-png FILE [--runs N]
 *        floor encode-png FILE --preset NAME --compressor zlib|libdeflate|isal --level L --filters MASK
 *              --alpha auto|keep [--write OUT.png]
 *              [--runs N]        (FILE is decoded first, untimed; PNG or JPEG by magic bytes)
 * Errors: message on stderr, exit status 2.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jpeglib.h>
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <png.h>

static void die(const char *msg, const char *detail) {
    fprintf(stderr, "floor: %s%s%s\n", msg, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static uint8_t *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
    if (!data || fread(data, 1, (size_t)n, f) != (size_t)n) die("cannot read", path);
    fclose(f);
    *size = (size_t)n;
    return data;
}

static long peak_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long kib = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) kib = strtol(line + 6, NULL, 10);
    fclose(f);
    return kib;
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* One JSON line with the keys anomark-bench prints (see tools/bench/Sources/Measurement.swift). */
static void report(const char *op, const char *variant, const char *input, uint32_t w, uint32_t h,
                   uint64_t *times, int runs, long base_kib, size_t out_bytes) {
    qsort(times, (size_t)runs, sizeof *times, cmp_u64);
    double median = runs % 2 ? (double)times[runs / 2] : ((double)times[runs / 2 - 1] + (double)times[runs / 2]) / 2;
    printf("{\"tool\": \"floor\", \"op\": \"%s\", \"variant\": \"%s\", \"input\": \"%s\", \"width\": %u, "
           "\"height\": %u, \"runs\": %d, \"median_ms\": %.3f, \"min_ms\": %.3f, \"max_ms\": %.3f, "
           "\"peak_mib\": %.3f, \"base_mib\": %.3f, \"out_bytes\": %zu}\n",
           op, variant, base_name(input), w, h, runs, median / 1e6, (double)times[0] / 1e6,
           (double)times[runs - 1] / 1e6, peak_kib() / 1024.0, base_kib / 1024.0, out_bytes);
}

/* --write PATH: the last encoded file is saved there, to check that the floor writes valid PNGs. */
static const char *save_path = NULL;

static void save(const uint8_t *bytes, size_t n) {
    if (!save_path) return;
    FILE *f = fopen(save_path, "wb");
    if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0) die("cannot write", save_path);
}

/* ---- JPEG --------------------------------------------------------------------------------------------- */

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
} jpeg_err;

static void jpeg_exit(j_common_ptr cinfo) {
    char buf[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buf);
    die("libjpeg", buf);
}

static uint8_t *decode_jpeg(const uint8_t *data, size_t size, uint32_t *w, uint32_t *h) {
    struct jpeg_decompress_struct cinfo;
    jpeg_err e;
    cinfo.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = jpeg_exit;
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.out_color_space = JCS_EXT_RGBA;
    jpeg_start_decompress(&cinfo);
    *w = cinfo.output_width;
    *h = cinfo.output_height;
    uint8_t *out = malloc((size_t)*w * *h * 4);
    if (!out) die("out of memory", NULL);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out + (size_t)cinfo.output_scanline * *w * 4;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return out;
}

/* ---- PNG ---------------------------------------------------------------------------------------------- */

typedef struct {
    const uint8_t *data;
    size_t size, pos;
    uint8_t *out;
    size_t out_len, out_cap;
} png_io;

static void png_fail(png_structp png, png_const_charp msg) {
    (void)png;
    die("libpng", msg);
}

static void png_quiet(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
}

static void io_read(png_structp png, png_bytep out, png_size_t n) {
    png_io *io = png_get_io_ptr(png);
    if (io->size - io->pos < n) png_error(png, "file is truncated");
    memcpy(out, io->data + io->pos, n);
    io->pos += n;
}

static void io_write(png_structp png, png_bytep in, png_size_t n) {
    png_io *io = png_get_io_ptr(png);
    if (io->out_cap - io->out_len < n) {
        size_t cap = io->out_cap ? io->out_cap : 65536;
        while (cap - io->out_len < n) cap *= 2;
        uint8_t *p = realloc(io->out, cap);
        if (!p) png_error(png, "out of memory");
        io->out = p;
        io->out_cap = cap;
    }
    memcpy(io->out + io->out_len, in, n);
    io->out_len += n;
}

static void io_flush(png_structp png) { (void)png; }

static uint8_t *decode_png(const uint8_t *data, size_t size, uint32_t *w, uint32_t *h) {
    png_io io = {data, size, 0, NULL, 0, 0};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
    png_infop info = png_create_info_struct(png);
    if (!png || !info) die("out of memory", NULL);
    png_set_read_fn(png, &io, io_read);
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_read_info(png, info);
    *w = png_get_image_width(png, info);
    *h = png_get_image_height(png, info);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (bit_depth == 16) png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    uint8_t *out = malloc((size_t)*w * *h * 4);
    png_bytep *rows = malloc(sizeof(png_bytep) * (*h ? *h : 1));
    if (!out || !rows) die("out of memory", NULL);
    for (uint32_t y = 0; y < *h; y++) rows[y] = out + (size_t)y * *w * 4;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return out;
}

static int is_opaque(const uint8_t *rgba, size_t pixels) {
    uint8_t acc = 0xFF;
    for (size_t i = 0; i < pixels; i++) acc &= rgba[i * 4 + 3];
    return acc == 0xFF;
}

/* Encodes like anomark_png_encode_rgba; returns the encoded size (the bytes are freed). */
static size_t encode_png_zlib(const uint8_t *rgba, uint32_t w, uint32_t h, int keep_alpha, int level, int filters) {
    int channels = keep_alpha || !is_opaque(rgba, (size_t)w * h) ? 4 : 3;
    png_io io = {NULL, 0, 0, NULL, 0, 0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
    png_infop info = png_create_info_struct(png);
    if (!png || !info) die("out of memory", NULL);
    png_set_write_fn(png, &io, io_write, io_flush);
    png_set_compression_level(png, level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_set_IHDR(png, info, w, h, 8, channels == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    if (channels == 4) {
        for (uint32_t y = 0; y < h; y++) png_write_row(png, rgba + (size_t)y * w * 4);
    } else {
        uint8_t *row = malloc((size_t)w * 3);
        if (!row) die("out of memory", NULL);
        for (uint32_t y = 0; y < h; y++) {
            const uint8_t *s = rgba + (size_t)y * w * 4;
            uint8_t *d = row;
            for (uint32_t x = 0; x < w; x++, s += 4, d += 3) {
                d[0] = s[0];
                d[1] = s[1];
                d[2] = s[2];
            }
            png_write_row(png, row);
        }
        free(row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    save(io.out, io.out_len);
    free(io.out);
    return io.out_len;
}

/* ---- PNG with libdeflate ------------------------------------------------------------------------------ */

/* The filter type (0..4) with the smallest sum of |filtered byte as int8|, lowest type on ties: the very kernel
   PNG.RowFilter calls (Sources/CAnomarkShim/png_filter.c, SSE2 or AVX2 on x86-64), compiled in, so that the floor
   scores rows exactly as fast as anomark and the ratio stays what the Swift wrapper costs. */
#include "../../Sources/CAnomarkShim/png_filter.c"

static int best_type(const uint8_t *raw, const uint8_t *prior, size_t n, int bpp) {
    uint32_t score;
    return (int)anomark_png_best_filter(raw, prior, n, (size_t)bpp, &score);
}

static void apply_filter(int type, const uint8_t *raw, const uint8_t *prior, uint8_t *out, size_t n, int bpp) {
    size_t head = n < (size_t)bpp ? n : (size_t)bpp;
    switch (type) {
    case 0: memcpy(out, raw, n); break;
    case 1:
        memcpy(out, raw, head);
        for (size_t i = head; i < n; i++) out[i] = raw[i] - raw[i - bpp];
        break;
    case 2:
        for (size_t i = 0; i < n; i++) out[i] = raw[i] - prior[i];
        break;
    case 3:
        for (size_t i = 0; i < head; i++) out[i] = raw[i] - (prior[i] >> 1);
        for (size_t i = head; i < n; i++) out[i] = raw[i] - ((raw[i - bpp] + prior[i]) >> 1);
        break;
    default:
        for (size_t i = 0; i < head; i++) out[i] = raw[i] - prior[i];
        for (size_t i = head; i < n; i++) out[i] = raw[i] - paeth(raw[i - bpp], prior[i], prior[i - bpp]);
    }
}

static uint8_t *put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
    return p + 4;
}

/* Writes one chunk at p (data already at p + 8) and returns the end. */
static uint8_t *finish_chunk(uint8_t *p, const char *type, size_t length) {
    put32(p, (uint32_t)length);
    memcpy(p + 4, type, 4);
    return put32(p + 8 + length, libdeflate_crc32(0, p + 4, length + 4));
}

/* The zlib stream of `filtered` (`total` bytes) by ISA-L's igzip at `level` 0...3, one shot, into a new buffer. */
static uint8_t *isal_zlib(const uint8_t *filtered, size_t total, int level, size_t *zlen) {
    size_t capacity = total + (total / 65535 + 2) * 5 + 64, level_bytes = level == 1 ? ISAL_DEF_LVL1_DEFAULT
                      : level == 2 ? ISAL_DEF_LVL2_DEFAULT : level == 3 ? ISAL_DEF_LVL3_DEFAULT : 0;
    uint8_t *zlib = malloc(capacity), *level_buffer = level_bytes ? malloc(level_bytes) : NULL;
    struct isal_zstream *stream = calloc(1, sizeof *stream); /* zeroed: stateless_init leaves hist_bits */
    if (!zlib || !stream || (level_bytes && !level_buffer)) die("out of memory", NULL);
    isal_deflate_stateless_init(stream);
    stream->next_in = (uint8_t *)filtered;
    stream->avail_in = (uint32_t)total;
    stream->next_out = zlib;
    stream->avail_out = (uint32_t)capacity;
    stream->level = (uint32_t)level;
    stream->level_buf = level_buffer;
    stream->level_buf_size = (uint32_t)level_bytes;
    stream->end_of_stream = 1;
    stream->gzip_flag = IGZIP_ZLIB;
    if (isal_deflate_stateless(stream) != COMP_OK || stream->avail_in != 0) die("ISA-L could not compress", NULL);
    *zlen = stream->total_out;
    free(stream);
    free(level_buffer);
    return zlib;
}

/* PNG with libdeflate, or with ISA-L when `isal` (level 0...3). */
static size_t encode_png_libdeflate(const uint8_t *rgba, uint32_t w, uint32_t h, int keep_alpha, int level,
                                    int filters, int isal) {
    int bpp = keep_alpha || !is_opaque(rgba, (size_t)w * h) ? 4 : 3;
    size_t n = (size_t)w * bpp, line = n + 1, total = line * h;
    int fixed = filters == 0x08 ? 0 : filters == 0x10 ? 1 : filters == 0x20 ? 2 : filters == 0x40 ? 3
              : filters == 0x80 ? 4 : -1;
    uint8_t *filtered = malloc(total), *rows = calloc(3, n);
    if (!filtered || !rows) die("out of memory", NULL);
    const uint8_t *prior = rows; /* zeros above the first row */
    uint8_t *rgb[2] = {rows + n, rows + 2 * n};
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *src = rgba + (size_t)y * w * 4, *raw = src;
        if (bpp == 3) {
            uint8_t *d = rgb[y & 1];
            for (uint32_t x = 0; x < w; x++, src += 4, d += 3) {
                d[0] = src[0];
                d[1] = src[1];
                d[2] = src[2];
            }
            raw = rgb[y & 1];
        }
        int type = fixed >= 0 ? fixed : best_type(raw, prior, n, bpp);
        filtered[y * line] = (uint8_t)type;
        apply_filter(type, raw, prior, filtered + y * line + 1, n, bpp);
        prior = raw;
    }
    size_t zlen = 0;
    uint8_t *zlib;
    if (isal) {
        zlib = isal_zlib(filtered, total, level, &zlen);
    } else {
        struct libdeflate_compressor *compressor = libdeflate_alloc_compressor(level);
        if (!compressor) die("out of memory", NULL);
        size_t bound = libdeflate_zlib_compress_bound(compressor, total);
        zlib = malloc(bound);
        if (!zlib) die("out of memory", NULL);
        zlen = libdeflate_zlib_compress(compressor, filtered, total, zlib, bound);
        if (zlen == 0) die("libdeflate could not compress", NULL);
        libdeflate_free_compressor(compressor);
    }
    free(filtered);
    free(rows);

    const size_t max_idat = 1 << 20;
    uint8_t *file = malloc(8 + 25 + zlen + 12 * (zlen / max_idat + 1) + 12);
    if (!file) die("out of memory", NULL);
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    memcpy(file, signature, 8);
    uint8_t *p = file + 8, *d = put32(put32(p + 8, w), h);
    d[0] = 8;
    d[1] = bpp == 4 ? 6 : 2;
    d[2] = d[3] = d[4] = 0;
    p = finish_chunk(p, "IHDR", 13);
    for (size_t off = 0; off < zlen; off += max_idat) {
        size_t len = zlen - off < max_idat ? zlen - off : max_idat;
        memcpy(p + 8, zlib + off, len);
        p = finish_chunk(p, "IDAT", len);
    }
    p = finish_chunk(p, "IEND", 0);
    free(zlib);
    size_t size = (size_t)(p - file);
    save(file, size);
    free(file);
    return size;
}

/* ---- main --------------------------------------------------------------------------------------------- */

static const char *option(int argc, char **argv, const char *name, const char *fallback) {
    for (int i = 2; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0) return argv[i + 1];
    return fallback;
}

int main(int argc, char **argv) {
    if (argc < 3) die("usage: floor decode-jpeg|decode-png|encode-png FILE [options] (see floor.c)", NULL);
    const char *op = argv[1], *path = argv[2];
    int runs = atoi(option(argc, argv, "--runs", "7"));
    if (runs < 1) die("--runs needs a positive integer", NULL);
    uint64_t *times = calloc((size_t)runs, sizeof *times);
    size_t size;
    uint8_t *data = read_file(path, &size);
    uint32_t w = 0, h = 0;

    if (strcmp(op, "decode-jpeg") == 0 || strcmp(op, "decode-png") == 0) {
        int jpeg = op[7] == 'j';
        long base = peak_kib();
        for (int i = 0; i < runs; i++) {
            uint64_t t0 = now_ns();
            uint8_t *pixels = jpeg ? decode_jpeg(data, size, &w, &h) : decode_png(data, size, &w, &h);
            times[i] = now_ns() - t0;
            free(pixels);
        }
        report(op, "", path, w, h, times, runs, base, 0);
    } else if (strcmp(op, "encode-png") == 0) {
        const char *preset = option(argc, argv, "--preset", "");
        save_path = option(argc, argv, "--write", NULL);
        const char *compressor = option(argc, argv, "--compressor", "zlib");
        int level = atoi(option(argc, argv, "--level", "6"));
        int filters = atoi(option(argc, argv, "--filters", "248"));
        int keep_alpha = strcmp(option(argc, argv, "--alpha", "auto"), "keep") == 0;
        int use_isal = strcmp(compressor, "isal") == 0;
        int use_libdeflate = use_isal || strcmp(compressor, "libdeflate") == 0;
        if (!use_libdeflate && strcmp(compressor, "zlib") != 0) die("unknown compressor", compressor);
        int is_png = size >= 8 && png_sig_cmp(data, 0, 8) == 0;
        uint8_t *pixels = is_png ? decode_png(data, size, &w, &h) : decode_jpeg(data, size, &w, &h);
        free(data);
        data = NULL;
        long base = peak_kib();
        size_t out_bytes = 0;
        for (int i = 0; i < runs; i++) {
            uint64_t t0 = now_ns();
            out_bytes = use_libdeflate ? encode_png_libdeflate(pixels, w, h, keep_alpha, level, filters, use_isal)
                                       : encode_png_zlib(pixels, w, h, keep_alpha, level, filters);
            times[i] = now_ns() - t0;
        }
        report(op, preset, path, w, h, times, runs, base, out_bytes);
        free(pixels);
    } else {
        die("unknown operation", op);
    }
    free(data);
    free(times);
    return 0;
}
