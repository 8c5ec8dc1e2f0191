/* The adaptive PNG filter's row scores. See include/anomark_png_filter.h. */
#include "anomark_png_filter.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* |byte read as Int8| is min(v, 256 - v). */
static inline uint32_t score_of(uint8_t v) {
    uint8_t negated = (uint8_t)(0u - v);
    return v < negated ? v : negated;
}

/* The spec's predictor (a if pa <= pb and pa <= pc, else b if pb <= pc, else c) as two selects, which
 * compilers vectorise where they can (tools/bench/floor.c's filter loops use it too). */
static inline uint8_t paeth(uint8_t a, uint8_t b, uint8_t c) {
    int pa = b - c;
    int pb = a - c;
    int pc = a + b - 2 * c;
    pa = pa < 0 ? -pa : pa;
    pb = pb < 0 ? -pb : pb;
    pc = pc < 0 ? -pc : pc;
    uint8_t near_ab = pa <= pb ? a : b;
    int distance_ab = pa <= pb ? pa : pb;
    return distance_ab <= pc ? near_ab : c;
}

#ifdef __SSE2__
/* Sum of |x as Int8| over 16 bytes, added to the two 64-bit lanes of `sum`. */
static inline __m128i add_scores(__m128i sum, __m128i x) {
    const __m128i zero = _mm_setzero_si128();
    __m128i magnitude = _mm_min_epu8(x, _mm_sub_epi8(zero, x));
    return _mm_add_epi64(sum, _mm_sad_epu8(magnitude, zero));
}

static inline __m128i abs16(__m128i x) { return _mm_max_epi16(x, _mm_sub_epi16(_mm_setzero_si128(), x)); }

/* Paeth's prediction for 8 pixels' bytes in 16-bit lanes; the same selects as `paeth`. */
static inline __m128i paeth16(__m128i a, __m128i b, __m128i c) {
    __m128i pa = abs16(_mm_sub_epi16(b, c));
    __m128i pb = abs16(_mm_sub_epi16(a, c));
    __m128i pc = abs16(_mm_sub_epi16(_mm_add_epi16(a, b), _mm_add_epi16(c, c)));
    __m128i take_b = _mm_cmpgt_epi16(pa, pb); /* pa > pb: not a */
    __m128i near_ab = _mm_or_si128(_mm_and_si128(take_b, b), _mm_andnot_si128(take_b, a));
    __m128i distance_ab = _mm_min_epi16(pa, pb);
    __m128i take_c = _mm_cmpgt_epi16(distance_ab, pc);
    return _mm_or_si128(_mm_and_si128(take_c, c), _mm_andnot_si128(take_c, near_ab));
}
#endif

unsigned anomark_png_best_filter(const uint8_t *raw, const uint8_t *prior, size_t n, size_t bpp, uint32_t *score) {
    uint32_t sums[5] = {0, 0, 0, 0, 0};
    size_t head = bpp < n ? bpp : n;
    /* The first pixel has no left neighbour: a = c = 0. */
    for (size_t i = 0; i < head; i++) {
        uint8_t x = raw[i], b = prior[i];
        sums[0] += score_of(x);
        sums[1] += score_of(x);
        sums[2] += score_of((uint8_t)(x - b));
        sums[3] += score_of((uint8_t)(x - (b >> 1)));
        sums[4] += score_of((uint8_t)(x - b));
    }
    size_t i = head;
#ifdef __SSE2__
    {
        const __m128i zero = _mm_setzero_si128();
        const __m128i one = _mm_set1_epi8(1);
        __m128i s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero;
        for (; i + 16 <= n; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(raw + i));
            __m128i a = _mm_loadu_si128((const __m128i *)(raw + i - bpp));
            __m128i b = _mm_loadu_si128((const __m128i *)(prior + i));
            __m128i c = _mm_loadu_si128((const __m128i *)(prior + i - bpp));
            s0 = add_scores(s0, x);
            s1 = add_scores(s1, _mm_sub_epi8(x, a));
            s2 = add_scores(s2, _mm_sub_epi8(x, b));
            /* ⌊(a + b) / 2⌋: PAVGB rounds up, so take back the odd bit. */
            __m128i mean = _mm_sub_epi8(_mm_avg_epu8(a, b), _mm_and_si128(_mm_xor_si128(a, b), one));
            s3 = add_scores(s3, _mm_sub_epi8(x, mean));
            __m128i low = paeth16(_mm_unpacklo_epi8(a, zero), _mm_unpacklo_epi8(b, zero), _mm_unpacklo_epi8(c, zero));
            __m128i high = paeth16(_mm_unpackhi_epi8(a, zero), _mm_unpackhi_epi8(b, zero), _mm_unpackhi_epi8(c, zero));
            s4 = add_scores(s4, _mm_sub_epi8(x, _mm_packus_epi16(low, high)));
        }
        __m128i lanes[5] = {s0, s1, s2, s3, s4};
        for (int k = 0; k < 5; k++) {
            uint64_t pair[2];
            _mm_storeu_si128((__m128i *)pair, lanes[k]);
            sums[k] += (uint32_t)(pair[0] + pair[1]);
        }
    }
#endif
    for (; i < n; i++) {
        uint8_t x = raw[i], a = raw[i - bpp], b = prior[i], c = prior[i - bpp];
        sums[0] += score_of(x);
        sums[1] += score_of((uint8_t)(x - a));
        sums[2] += score_of((uint8_t)(x - b));
        sums[3] += score_of((uint8_t)(x - (uint8_t)((a + b) >> 1)));
        sums[4] += score_of((uint8_t)(x - paeth(a, b, c)));
    }
    unsigned best = 0;
    for (unsigned k = 1; k < 5; k++) {
        if (sums[k] < sums[best]) best = k;
    }
    *score = sums[best];
    return best;
}
