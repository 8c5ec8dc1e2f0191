/* glibc malloc tuning for a process that reuses image-sized buffers. See include/anomark_allocator.h. */
#include "anomark_allocator.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
/* mallinfo2 came with glibc 2.33. */
#if __GLIBC_PREREQ(2, 33) && defined(MADV_HUGEPAGE)
#define ANOMARK_HUGE_HEAP 1
#endif
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

#ifdef ANOMARK_HUGE_HEAP
/* Whether the kernel hands out transparent huge pages to a region that asks (`always` or `madvise`). */
static int huge_pages_available(void) {
    FILE *file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "re");
    if (!file) return 0;
    char line[128] = {0};
    int available = fgets(line, sizeof line, file) != NULL && strstr(line, "[never]") == NULL;
    fclose(file);
    return available;
}
#endif

int anomark_allocator_use_huge_pages(size_t reserve) {
#ifdef ANOMARK_HUGE_HEAP
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (reserve > INT_MAX / 2 || reserve < 2 * huge || anomark_allocator_is_sanitizer_malloc() ||
        !huge_pages_available()) {
        return 0;
    }
    if (mallopt(M_ARENA_MAX, 1) != 1 || mallopt(M_MMAP_MAX, 0) != 1 || mallopt(M_TRIM_THRESHOLD, INT_MAX) != 1) {
        return 0;
    }
    /* The main heap's free top chunk ends at the break; mallinfo2's keepcost is its size. One block from the top's
       start to `reserve` past the next 2 MiB boundary can come from nowhere else (no free block is that large,
       and no block is mapped), so the heap grows for it. Shrunk in place (realloc) to end at the boundary, it
       gives the rest back to the top, which then starts there. The block, the spacer, is never written beyond its
       header: it costs address space, not memory, and is never freed. `volatile`: the calls must stay. */
    struct mallinfo2 info = mallinfo2();
    uintptr_t top = (uintptr_t)sbrk(0) - info.keepcost;
    uintptr_t boundary = (top + 64 + huge - 1) & ~(huge - 1);
    size_t spacer = boundary - top - 32; /* less its own chunk header and the top's, 16 bytes each */
    void *volatile block = malloc(spacer + reserve);
    if (!block) return 0;
    if ((uintptr_t)block != top + 16) {
        /* Not carved from the main heap's top: this thread has an arena of its own. */
        free(block);
        return 0;
    }
    if (realloc(block, spacer) != block) return 0;
    uintptr_t end = (uintptr_t)sbrk(0);
    if (end < boundary + huge) return 0;
    return madvise((void *)boundary, end - boundary, MADV_HUGEPAGE) == 0;
#else
    (void)reserve;
    return 0;
#endif
}

long long anomark_allocator_huge_page_advised_bytes(void) {
    FILE *file = fopen("/proc/self/smaps", "re");
    if (!file) return -1;
    char line[4352]; /* a mapping's first line holds a path of up to PATH_MAX bytes */
    unsigned long long start = 0, end = 0, total = 0;
    while (fgets(line, sizeof line, file)) {
        unsigned long long a, b;
        if (sscanf(line, "%llx-%llx ", &a, &b) == 2) { /* a mapping's first line; field lines never parse */
            start = a;
            end = b;
        } else if (strncmp(line, "VmFlags:", 8) == 0 && strstr(line, " hg") != NULL) {
            total += end - start;
        }
    }
    fclose(file);
    return (long long)total;
}
