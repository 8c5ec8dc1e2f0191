import AnomarkKit
import Foundation
import Testing

/// `anomark annotate` serves its image buffers from huge pages (`AllocatorPolicy.useHugePages`), seen in a
/// fresh process through `ANOMARK_TEST_ALLOCATOR=1`: in this test process other threads hold arenas of their own
/// already, so the policy cannot be checked here.
@Suite("annotate's allocator policy")
struct AllocatorCLITests {
    /// Applied where the kernel hands out transparent huge pages and glibc's malloc serves the process (not
    /// under AddressSanitizer, CI's sanitizer run): then the heap, at least the reserve less the 2 MiB the
    /// spacer may take, is marked for huge pages.
    @Test func annotateMarksItsHeapForHugePages() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("a.png").path
        let run = try CLI.run(
            ["annotate", CLI.sample("anomaly-1.jpg"), CLI.sample("results/anomaly-1.json"), "-o", out],
            environment: ["ANOMARK_TEST_ALLOCATOR": "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let setting = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        let expected = (setting.map { !$0.contains("[never]") } ?? false) && !AllocatorPolicy.isSanitizerMalloc
        let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("allocator: ") })
        let words = line.split(separator: " ")
        #expect(words.count == 6, "\(line)")
        guard words.count == 6 else { return }
        #expect(words[3] == (expected ? "on," : "off,"), "\(line)")
        let advised = try #require(Int(words[4]))
        if expected {
            #expect(advised >= AllocatorPolicy.hugePageReserve - (2 << 20), "\(line)")
        }
        #expect(FileManager.default.fileExists(atPath: out))
    }

    /// Without the variable, nothing is said.
    @Test func saysNothingByDefault() throws {
        let dir = try CLI.tempDir()
        let run = try CLI.run([
            "annotate", CLI.sample("anomaly-1.jpg"), CLI.sample("results/anomaly-1.json"), "-o",
            dir.appendingPathComponent("a.png").path,
        ])
        #expect(run.status == 0)
        #expect(!run.stderr.contains("allocator:"))
    }
}
