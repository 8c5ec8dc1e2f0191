import CAnomarkShim

/// How the process's allocator treats image-sized buffers (`anomark_allocator.h` has the measurements).
package enum AllocatorPolicy {
    /// Blocks up to this size come from the heap, not from a mapping of their own: 32 MiB, glibc's own ceiling
    /// for its dynamic threshold. A 2048×2048 RGBA image (16 MiB) and every band buffer stays below it, a
    /// 4096×4096 one (64 MiB) above.
    package static let mmapThreshold = 32 << 20
    /// Free memory kept at the top of a heap instead of going back to the system.
    package static let trimThreshold = 256 << 20

    /// Keeps freed image buffers for the next image instead of mapping fresh, page-faulting memory each time (a
    /// report of 100 576×768 photos: 71.5 K → 3.9 K page faults, 0.33 → 0.14 s of kernel time; fewer faults in a
    /// single `annotate`). For executables:
    /// call once at start-up, before any thread starts. Returns whether the C library applied it (glibc does).
    @discardableResult
    package static func keepFreedMemory() -> Bool {
        anomark_allocator_keep_freed_memory(mmapThreshold, trimThreshold) == 1
    }

    /// Address space the heap reserves for huge pages (`useHugePages`): 512 MiB, three times what a 4096×4096
    /// annotate uses. Untouched address space costs no memory.
    package static let hugePageReserve = 512 << 20

    /// Serves the rest of a one-image run (`anomark annotate`) from 2 MiB transparent huge pages: one page fault
    /// where there were 512 (`anomark_allocator.h` has how and why). For a process that allocates from a few
    /// threads only: they then share one arena. Call on the main thread before other threads allocate, after
    /// `keepFreedMemory`. Returns whether it was applied: false on other C libraries, under AddressSanitizer,
    /// when the kernel's transparent huge pages are off, or off the main thread.
    @discardableResult
    package static func useHugePages() -> Bool { anomark_allocator_use_huge_pages(hugePageReserve) == 1 }

    /// Bytes of this process's mappings marked for huge pages; nil when `/proc/self/smaps` cannot be read.
    package static var hugePageAdvisedBytes: Int? {
        let bytes = anomark_allocator_huge_page_advised_bytes()
        return bytes < 0 ? nil : Int(bytes)
    }

    /// Whether AddressSanitizer's allocator serves this process (a sanitizer build): it ignores the policy.
    package static var isSanitizerMalloc: Bool { anomark_allocator_is_sanitizer_malloc() == 1 }
}
