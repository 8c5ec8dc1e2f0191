/* glibc malloc tuning for a process that reuses image-sized buffers. See include/anomark_allocator.h. */
#include "anomark_allocator.h"

#include <limits.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Defined by AddressSanitizer's runtime only; a weak reference is null without it, whatever this file's flags. */
extern void __asan_init(void) __attribute__((weak));

int anomark_allocator_is_sanitizer_malloc(void) { return __asan_init != 0; }

int anomark_allocator_keep_freed_memory(size_t mmap_threshold, size_t trim_threshold) {
#ifdef __GLIBC__
    if (mmap_threshold > INT_MAX || trim_threshold > INT_MAX) return 0;
    /* Setting either disables glibc's dynamic adjustment of both, which is the point: the values stay put. */
    int mapped = mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
    int trimmed = mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
    return mapped == 1 && trimmed == 1;
#else
    (void)mmap_threshold;
    (void)trim_threshold;
    return 0;
#endif
}
