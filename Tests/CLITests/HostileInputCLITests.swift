import Codecs
import Foundation
import Raster
import Testing

/// Hostile input found by fuzzing (issue 10): each case ends with one `error:` line and its exit code, never a
/// trap, an abort or gigabytes of memory.
@Suite("anomark: hostile input from fuzzing")
struct HostileInputCLITests {
    /// Writes `image` as PNG into `dir` and returns its path.
    static func write(_ image: Pixmap, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(PNG.encode(image)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The two reproductions trapped in `Rect.maxX` (SIGILL, exit 132, no error line).
    @Test(
        "--ignore beyond any image is a usage error",
        arguments: ["9223372036854775807,1,1,1", "1,1,9223372036854775807,9223372036854775807"])
    func ignoreOverflow(region: String) throws {
        let dir = try CLI.tempDir()
        let image = try Self.write(Pixmap(width: 16, height: 12, fill: .white), "a.png", in: dir)
        let run = try CLI.run(["diff", image, image, "--ignore", region])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(
            run.stderr
                == "error: --ignore: ignore region \"\(region)\" is out of range: x, y, width and height must be within ±2147483647\n"
        )
        #expect(run.stdout.isEmpty)
    }

    @Test func largestAllowedRegionsClipToTheImage() throws {
        let dir = try CLI.tempDir()
        let image = try Self.write(Pixmap(width: 16, height: 12, fill: .white), "a.png", in: dir)
        let run = try CLI.run([
            "diff", image, image, "--ignore", "2147483647,2147483647,2147483647,2147483647", "--ignore",
            "0,0,2147483647,2147483647", "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["ignoredPixels"] as? Int == 16 * 12)
    }
}
