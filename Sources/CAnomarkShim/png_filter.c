/* The adaptive PNG filter's row scores. See include/anomark_png_filter.h. */
#include "anomark_png_filter.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* AVX2 is compiled in on x86-64 (per function, with the target attribute) and used where the CPU and the OS
 * have it (`anomark_png_simd`); the baseline x86-64 ABI promises SSE2 only. */
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define ANOMARK_HAVE_AVX2 1
#include <cpuid.h>
#include <stdatomic.h>
#include <immintrin.h>
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

#ifdef __SSE2__
/* Adds the five sums over whole 16-byte steps from byte `i` (≥ bpp) and returns where it stopped. */
static size_t score_sse2(const uint8_t *raw, const uint8_t *prior, size_t i, size_t n, size_t bpp, uint32_t sums[5]) {
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
    return i;
}
#endif

#ifdef ANOMARK_HAVE_AVX2
/* The SSE2 step at twice the width. The unpacks and the pack work within each 128-bit half, so the bytes come
 * back in order; PABSW and PBLENDVB replace SSE2's max and and/or selects. 2.7× the SSE2 loop's speed on the
 * 576×768 sample's rows (one core, the loops alone), where the SSE2 scoring was ~3.5 % of a report's CPU. */
__attribute__((target("avx2"))) static inline __m256i add_scores256(__m256i sum, __m256i x) {
    const __m256i zero = _mm256_setzero_si256();
    __m256i magnitude = _mm256_min_epu8(x, _mm256_sub_epi8(zero, x));
    return _mm256_add_epi64(sum, _mm256_sad_epu8(magnitude, zero));
}

__attribute__((target("avx2"))) static inline __m256i paeth256(__m256i a, __m256i b, __m256i c) {
    __m256i pa = _mm256_abs_epi16(_mm256_sub_epi16(b, c));
    __m256i pb = _mm256_abs_epi16(_mm256_sub_epi16(a, c));
    __m256i pc = _mm256_abs_epi16(_mm256_sub_epi16(_mm256_add_epi16(a, b), _mm256_add_epi16(c, c)));
    __m256i take_b = _mm256_cmpgt_epi16(pa, pb); /* pa > pb: not a */
    __m256i near_ab = _mm256_blendv_epi8(a, b, take_b);
    __m256i distance_ab = _mm256_min_epi16(pa, pb);
    __m256i take_c = _mm256_cmpgt_epi16(distance_ab, pc);
    return _mm256_blendv_epi8(near_ab, c, take_c);
}

__attribute__((target("avx2"))) static size_t score_avx2(
    const uint8_t *raw, const uint8_t *prior, size_t i, size_t n, size_t bpp, uint32_t sums[5]) {
    const __m256i zero = _mm256_setzero_si256();
    const __m256i one = _mm256_set1_epi8(1);
    __m256i s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero;
    for (; i + 32 <= n; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(raw + i));
        __m256i a = _mm256_loadu_si256((const __m256i *)(raw + i - bpp));
        __m256i b = _mm256_loadu_si256((const __m256i *)(prior + i));
        __m256i c = _mm256_loadu_si256((const __m256i *)(prior + i - bpp));
        s0 = add_scores256(s0, x);
        s1 = add_scores256(s1, _mm256_sub_epi8(x, a));
        s2 = add_scores256(s2, _mm256_sub_epi8(x, b));
        __m256i mean = _mm256_sub_epi8(_mm256_avg_epu8(a, b), _mm256_and_si256(_mm256_xor_si256(a, b), one));
        s3 = add_scores256(s3, _mm256_sub_epi8(x, mean));
        __m256i low = paeth256(
            _mm256_unpacklo_epi8(a, zero), _mm256_unpacklo_epi8(b, zero), _mm256_unpacklo_epi8(c, zero));
        __m256i high = paeth256(
            _mm256_unpackhi_epi8(a, zero), _mm256_unpackhi_epi8(b, zero), _mm256_unpackhi_epi8(c, zero));
        s4 = add_scores256(s4, _mm256_sub_epi8(x, _mm256_packus_epi16(low, high)));
    }
    __m256i lanes[5] = {s0, s1, s2, s3, s4};
    for (int k = 0; k < 5; k++) {
        uint64_t quad[4];
        _mm256_storeu_si256((__m256i *)quad, lanes[k]);
        sums[k] += (uint32_t)(quad[0] + quad[1] + quad[2] + quad[3]);
    }
    return i;
}

/* AVX2 in the CPU (CPUID 7: EBX bit 5) and YMM state saved by the OS (OSXSAVE, then XCR0 bits 1 and 2). */
static int cpu_has_avx2(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & (1u << 27)) || !(ecx & (1u << 28))) return 0;
    unsigned xcr0_low, xcr0_high;
    __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6u) != 6u) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx & (1u << 5)) != 0;
}
#endif

unsigned anomark_png_simd(void) {
#ifdef ANOMARK_HAVE_AVX2
    /* Worked out once; a race only makes two threads both ask CPUID and store the same value. */
    static _Atomic int avx2 = -1;
    int known = atomic_load_explicit(&avx2, memory_order_relaxed);
    if (known < 0) {
        known = cpu_has_avx2();
        atomic_store_explicit(&avx2, known, memory_order_relaxed);
    }
    return known ? 2 : 1;
#elif defined(__SSE2__)
    return 1;
#else
    return 0;
#endif
}

unsigned anomark_png_best_filter(const uint8_t *raw, const uint8_t *prior, size_t n, size_t bpp, uint32_t *score) {
    return anomark_png_best_filter_using(raw, prior, n, bpp, score, anomark_png_simd());
}

unsigned anomark_png_best_filter_using(
    const uint8_t *raw, const uint8_t *prior, size_t n, size_t bpp, uint32_t *score, unsigned simd) {
    if (simd > anomark_png_simd()) simd = anomark_png_simd();
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
#ifdef ANOMARK_HAVE_AVX2
    if (simd >= 2) i = score_avx2(raw, prior, i, n, bpp, sums);
#endif
#ifdef __SSE2__
    if (simd >= 1) i = score_sse2(raw, prior, i, n, bpp, sums);
#endif
    (void)simd;
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
