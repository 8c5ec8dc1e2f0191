/*
 * The allocator policy of a process that handles one image after another (`anomark report`, `annotate`).
 *
 * glibc's malloc gives each block above its mmap threshold (128 KiB at start, raised as such blocks are freed)
 * a fresh mapping, unmaps it on free, and returns free memory at the top of a heap to the system above its trim
 * threshold. Every page of a fresh mapping then costs a page fault and a zeroed page on first touch: in a report
 * of 576×768 photos that was ~950 faults and ~4.5 ms of kernel time per image, 15 % of its CPU, spent on buffers
 * of the same sizes as the image before.
 *
 * anomark_allocator_keep_freed_memory serves blocks below `mmap_threshold` bytes from the heap and keeps up to
 * `trim_threshold` bytes of freed memory for the next image (mallopt M_MMAP_THRESHOLD, M_TRIM_THRESHOLD). Blocks
 * above the threshold (a 4096×4096 RGBA image is 64 MiB) still get their own mapping and go back on free, so
 * what stays is bounded by what the run already used. Returns 1 when applied; 0 where the C library has no such
 * settings (not glibc), which changes nothing but speed. Call once, early, before other threads allocate.
 */
#ifndef ANOMARK_ALLOCATOR_H
#define ANOMARK_ALLOCATOR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int anomark_allocator_keep_freed_memory(size_t mmap_threshold, size_t trim_threshold);

/*
 * 1 when AddressSanitizer's allocator serves malloc (its runtime is linked in, as under `swift test
 * --sanitize=address`): it ignores mallopt, so anomark_allocator_keep_freed_memory returns 0 there. 0 otherwise.
 */
int anomark_allocator_is_sanitizer_malloc(void);

#ifdef __cplusplus
}
#endif

#endif
