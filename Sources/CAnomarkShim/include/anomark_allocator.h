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
 * Serves the later allocations of a one-image process (`anomark annotate`) from 2 MiB transparent huge pages.
 *
 * A fresh 4 KiB page costs the kernel a fault, a zeroed page and its bookkeeping on first touch, ~1.2 µs on this
 * project's machine; a 576×768 annotate touched ~900 heap pages (photo, mask, band buffers), a 4096×4096 one
 * ~20 K. A huge page costs one fault for 512 of them. glibc asks for huge pages only under its
 * `glibc.malloc.hugetlb` tunable, read from the environment at start-up, so this does by hand what that tunable
 * does for the main heap:
 *
 *   - one arena (M_ARENA_MAX 1) and no mapped blocks (M_MMAP_MAX 0): every thread's blocks, large ones too, come
 *     from the main heap; it is never trimmed (M_TRIM_THRESHOLD at its maximum), so it stays one mapping;
 *   - the heap grows once by `reserve` bytes (address space only, nothing is touched), and its free top is
 *     moved to a 2 MiB boundary by a never-touched spacer block (see allocator.c);
 *   - madvise(MADV_HUGEPAGE) marks the heap from that boundary to its end.
 *
 * Memory is touched as before, in 2 MiB steps: resident memory grows by up to 2 MiB over what the process uses,
 * plus what one never-trimmed heap keeps. Blocks beyond `reserve` come in 4 KiB pages. Not for a process that
 * allocates from many threads at once (one arena serialises them): `report` and folder diffs keep glibc's
 * arenas. Returns 1 when applied. Returns 0, changing nothing, where the C library is not glibc 2.33 or later
 * (mallinfo2), the kernel's transparent huge pages are off (`never`) or AddressSanitizer's allocator serves
 * malloc; 0 too, the mallopt settings made but no heap marked (which changes nothing but speed), when the
 * calling thread has an arena of its own or the heap cannot grow. Call on the main thread before any other
 * thread allocates, after anomark_allocator_keep_freed_memory.
 */
int anomark_allocator_use_huge_pages(size_t reserve);

/* Bytes of this process's mappings marked for huge pages (`hg` in /proc/self/smaps' VmFlags); -1 if unreadable. */
long long anomark_allocator_huge_page_advised_bytes(void);

/*
 * 1 when AddressSanitizer's allocator serves malloc (its runtime is linked in, as under `swift test
 * --sanitize=address`): it ignores mallopt, so anomark_allocator_keep_freed_memory returns 0 there. 0 otherwise.
 */
int anomark_allocator_is_sanitizer_malloc(void);

#ifdef __cplusplus
}
#endif

#endif
