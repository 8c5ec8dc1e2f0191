/*
 * libjpeg(-turbo) behind setjmp: see anomark_shim.h for the contract.
 *
 * One coarse function per operation, each with its own error manager: `error_exit` formats the
 * library's message and longjmps back into the same C function, never into Swift. libjpeg only
 * *warns* about a truncated or corrupt stream (it pads with grey); in strict mode `emit_message`
 * turns the first warning into an error.
 */
#include "anomark_shim.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char *err;
    int strict;
    int warnings;
    int truncated;
    int warned_error; /* strict mode: the jump came from a warning */
} err_mgr;

static void on_error_exit(j_common_ptr cinfo) {
    err_mgr *e = (err_mgr *)cinfo->err;
    char buf[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buf);
    snprintf(e->err, ANOMARK_ERR_LEN, "%s", buf);
    longjmp(e->jump, 1);
}

static void on_emit_message(j_common_ptr cinfo, int level) {
    err_mgr *e = (err_mgr *)cinfo->err;
    if (level >= 0) return; /* trace messages */
    e->warnings++;
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) e->truncated = 1;
    if (e->strict) {
        char buf[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, buf);
        snprintf(e->err, ANOMARK_ERR_LEN, "%s", buf);
        e->warned_error = 1;
        longjmp(e->jump, 1);
    }
}

static void on_output_message(j_common_ptr cinfo) { (void)cinfo; /* never print to stderr */ }

static void init_err(err_mgr *e, char *err, int strict) {
    memset(e, 0, sizeof *e);
    jpeg_std_error(&e->pub);
    e->pub.error_exit = on_error_exit;
    e->pub.emit_message = on_emit_message;
    e->pub.output_message = on_output_message;
    e->err = err;
    e->strict = strict;
    err[0] = 0;
}

static int failure_status(const err_mgr *e) {
    if (e->truncated) return ANOMARK_E_TRUNCATED;
    if (e->warned_error) return ANOMARK_E_WARNING;
    return ANOMARK_E_LIBRARY;
}

static int map_space(J_COLOR_SPACE s) {
    switch (s) {
    case JCS_GRAYSCALE: return ANOMARK_JPEG_GRAY;
    case JCS_RGB: return ANOMARK_JPEG_RGB;
    case JCS_YCbCr: return ANOMARK_JPEG_YCBCR;
    case JCS_CMYK: return ANOMARK_JPEG_CMYK;
    case JCS_YCCK: return ANOMARK_JPEG_YCCK;
    default: return ANOMARK_JPEG_OTHER;
    }
}

int anomark_jpeg_info(const uint8_t *data, size_t size, anomark_jpeg_info_t *info, char *err) {
    struct jpeg_decompress_struct cinfo;
    err_mgr e;
    init_err(&e, err, 0);
    cinfo.err = &e.pub;
    if (setjmp(e.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return failure_status(&e);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 14, 0xFFFF); /* Adobe marker: decoded by the library */
    jpeg_read_header(&cinfo, TRUE);
    info->width = cinfo.image_width;
    info->height = cinfo.image_height;
    info->components = cinfo.num_components;
    info->color_space = map_space(cinfo.jpeg_color_space);
    info->progressive = cinfo.progressive_mode ? 1 : 0;
    info->adobe_inverted = cinfo.saw_Adobe_marker ? 1 : 0;
    jpeg_destroy_decompress(&cinfo);
    return ANOMARK_OK;
}

int anomark_jpeg_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t out_size,
                             uint32_t width, uint32_t height, int strict, int *warnings, char *err) {
    struct jpeg_decompress_struct cinfo;
    err_mgr e;
    init_err(&e, err, strict);
    cinfo.err = &e.pub;
    uint8_t *volatile cmyk_row = NULL;
    *warnings = 0;
    if ((size_t)width * height * 4 > out_size) {
        snprintf(err, ANOMARK_ERR_LEN, "output buffer too small");
        return ANOMARK_E_ARGUMENT;
    }
    if (setjmp(e.jump)) {
        free(cmyk_row);
        jpeg_destroy_decompress(&cinfo);
        *warnings = e.warnings;
        return failure_status(&e);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width != width || cinfo.image_height != height) {
        snprintf(err, ANOMARK_ERR_LEN, "image size differs from its header");
        jpeg_destroy_decompress(&cinfo);
        return ANOMARK_E_ARGUMENT;
    }
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    /* Fixed, deterministic decoding choices: accurate integer IDCT, fancy upsampling (default). */
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&cinfo);
    if (cmyk) {
        cmyk_row = (uint8_t *)malloc((size_t)width * 4);
        if (!cmyk_row) {
            snprintf(err, ANOMARK_ERR_LEN, "out of memory");
            jpeg_destroy_decompress(&cinfo);
            return ANOMARK_E_NOMEM;
        }
    }
    /* Adobe writes CMYK inverted (0 = full ink); with the Adobe marker libjpeg hands the values
       back as stored, so invert = the common convention of Photoshop files. */
    int inverted = cinfo.saw_Adobe_marker;
    while (cinfo.output_scanline < cinfo.output_height) {
        uint8_t *dst = out + (size_t)cinfo.output_scanline * width * 4;
        if (!cmyk) {
            JSAMPROW row = dst;
            jpeg_read_scanlines(&cinfo, &row, 1);
            continue;
        }
        JSAMPROW row = cmyk_row;
        jpeg_read_scanlines(&cinfo, &row, 1);
        for (uint32_t x = 0; x < width; x++) {
            unsigned c = cmyk_row[4 * x], m = cmyk_row[4 * x + 1], y = cmyk_row[4 * x + 2], k = cmyk_row[4 * x + 3];
            if (!inverted) {
                c = 255 - c;
                m = 255 - m;
                y = 255 - y;
                k = 255 - k;
            }
            /* now c,m,y,k are "255 = no ink": RGB = (255 - ink) * (255 - K) / 255 */
            dst[4 * x] = (uint8_t)((c * k + 127) / 255);
            dst[4 * x + 1] = (uint8_t)((m * k + 127) / 255);
            dst[4 * x + 2] = (uint8_t)((y * k + 127) / 255);
            dst[4 * x + 3] = 255;
        }
    }
    jpeg_finish_decompress(&cinfo);
    free(cmyk_row);
    cmyk_row = NULL;
    *warnings = e.warnings;
    jpeg_destroy_decompress(&cinfo);
    return ANOMARK_OK;
}

int anomark_jpeg_encode_rgba(const uint8_t *rgba, uint32_t width, uint32_t height, int quality,
                             uint8_t **out, size_t *out_len, char *err) {
    struct jpeg_compress_struct cinfo;
    err_mgr e;
    init_err(&e, err, 0);
    cinfo.err = &e.pub;
    /* jpeg_mem_dest writes the buffer pointer through &b, so b lives in memory and survives the
       longjmp; it is freed on the error path. */
    unsigned char *b = NULL;
    unsigned long len = 0;
    *out = NULL;
    *out_len = 0;
    if (width == 0 || height == 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION) {
        snprintf(err, ANOMARK_ERR_LEN, "JPEG cannot store a %ux%u image", width, height);
        return ANOMARK_E_ARGUMENT;
    }
    if (setjmp(e.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(b);
        return ANOMARK_E_LIBRARY;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &b, &len);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_EXT_RGBA;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(rgba + (size_t)cinfo.next_scanline * width * 4);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = b;
    *out_len = len;
    return ANOMARK_OK;
}

int anomark_libjpeg_version(void) { return JPEG_LIB_VERSION; }
