/*
 * The adaptive PNG filter's choice for one row: libpng's heuristic, scoring all five filter types by the sum of
 * |filtered byte read as signed| over the row, in one pass and without storing the filtered bytes.
 *
 * C rather than Swift for one reason: SSE2's PSADBW sums 16 bytes in one instruction, which Swift cannot ask for.
 * The compiler's vectorisation of the Swift loop took 8 bytes per iteration in 16-bit lanes; here 16 bytes go
 * through four filters in byte lanes and only Paeth widens, or 32 where the CPU has AVX2 (chosen at run time:
 * the x86-64 baseline is SSE2). Where SSE2 is missing (not x86-64), the same sums come from a plain loop. Pure
 * function of its inputs; any thread.
 */
#ifndef ANOMARK_PNG_FILTER_H
#define ANOMARK_PNG_FILTER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Scores filter types 0…4 (none, sub, up, average, Paeth) on the `n` bytes of row `raw`, whose prior row is
 * `prior` (zeros for the first row), with `bpp` bytes per pixel (the left neighbour's distance; 1…8). Returns the
 * type with the smallest sum, the lowest type on ties, and stores that sum in *score.
 */
unsigned anomark_png_best_filter(const uint8_t *raw, const uint8_t *prior, size_t n, size_t bpp, uint32_t *score);

/*
 * The widest kernel this machine runs: 2 AVX2 (32 bytes per step, x86-64 CPUs since 2013–2015, when the OS
 * saves YMM state), 1 SSE2 (16 bytes, every x86-64), 0 the plain loop (other architectures).
 * `anomark_png_best_filter` uses it.
 */
unsigned anomark_png_simd(void);

/* `anomark_png_best_filter` with at most kernel `simd` (clamped to `anomark_png_simd()`): the same result at every
 * level, which the tests check level by level. */
unsigned anomark_png_best_filter_using(
    const uint8_t *raw, const uint8_t *prior, size_t n, size_t bpp, uint32_t *score, unsigned simd);

#ifdef __cplusplus
}
#endif

#endif
