import Foundation
import GoldenImage
import Raster
import Testing

@Suite("CompareOptions and JSON")
struct OptionsAndCodingTests {
    @Test(
        "validation rejects out-of-range options",
        arguments: [
            (CompareOptions(threshold: 1.5), CompareOptionsError.thresholdOutOfRange(1.5)),
            (CompareOptions(threshold: -0.1), .thresholdOutOfRange(-0.1)),
            (CompareOptions(maxChannelDelta: 256), .channelDeltaOutOfRange(256)),
            (CompareOptions(maxDiffPixels: -1), .negativePixelBudget(-1)),
            (CompareOptions(maxDiffRatio: 2), .ratioOutOfRange(2)),
            (
                CompareOptions(ignoreRegions: [Rect(x: 0, y: 0, width: 0, height: 3)]),
                .emptyIgnoreRegion(Rect(x: 0, y: 0, width: 0, height: 3))
            ),
        ])
    func validation(options: CompareOptions, error: CompareOptionsError) {
        #expect(throws: error) { try options.validated() }
        #expect(!error.description.isEmpty)
    }

    @Test("valid options pass validation unchanged")
    func validOptions() throws {
        let o = CompareOptions(
            threshold: 0.1, detectAntialiasing: true, maxChannelDelta: 3, maxDiffPixels: 10, maxDiffRatio: 0.5,
            ignoreRegions: [Rect(x: 1, y: 2, width: 3, height: 4)])
        #expect(try o.validated() == o)
    }

    @Test("compare clamps out-of-range options and reports what it applied")
    func clamping() {
        let image = TestImages.solid(4, 4, .white)
        let r = ImageComparison.compare(
            expected: image, actual: image,
            options: CompareOptions(threshold: 3, maxChannelDelta: 999, maxDiffPixels: -5, maxDiffRatio: .nan))
        #expect(r.options.threshold == 1)
        #expect(r.options.maxChannelDelta == 255)
        #expect(r.options.maxDiffPixels == 0)
        #expect(r.options.maxDiffRatio == 0)
    }

    @Test(
        "ignore regions parse from x,y,w,h",
        arguments: [
            ("1,2,3,4", Rect(x: 1, y: 2, width: 3, height: 4) as Rect?),
            (" 10, 20 ,30,40", Rect(x: 10, y: 20, width: 30, height: 40)),
            ("-5,0,10,10", Rect(x: -5, y: 0, width: 10, height: 10)),
            ("1,2,3", nil), ("1,2,3,4,5", nil), ("a,b,c,d", nil), ("1,2,0,4", nil), ("", nil),
        ])
    func parseRegion(text: String, rect: Rect?) throws {
        if let rect {
            #expect(try CompareOptions.parseRegion(text) == rect)
        } else {
            #expect(throws: CompareOptionsError.self) { try CompareOptions.parseRegion(text) }
        }
    }

    /// `--ignore 9223372036854775807,1,1,1` and `--ignore 1,1,9223372036854775807,9223372036854775807` trapped in
    /// `Rect.maxX` (issue 10); values beyond any image are refused as out of range, not clipped or trapped on.
    @Test(
        "ignore regions beyond any image are out of range",
        arguments: [
            "9223372036854775807,1,1,1", "1,1,9223372036854775807,9223372036854775807", "2147483648,0,1,1",
            "0,-2147483648,1,1", "0,0,1,99999999999999999999", "-99999999999999999999,0,1,1",
        ])
    func regionOutOfRange(text: String) {
        #expect(throws: CompareOptionsError.regionOutOfRange(text)) { try CompareOptions.parseRegion(text) }
        #expect(CompareOptionsError.regionOutOfRange(text).description.contains("±2147483647"))
    }

    @Test func largestRegionsStillParseAndClip() throws {
        let text = "-2147483647,-2147483647,2147483647,2147483647"
        let rect = try CompareOptions.parseRegion(text)
        #expect(rect == Rect(x: -2_147_483_647, y: -2_147_483_647, width: 2_147_483_647, height: 2_147_483_647))
        let far = try CompareOptions.parseRegion("2147483647,2147483647,2147483647,2147483647")
        let image = TestImages.solid(4, 4, .white)
        let r = ImageComparison.compare(
            expected: image, actual: image, options: CompareOptions(ignoreRegions: [rect, far]))
        #expect(r.ignoredPixels == 0 && r.verdict == .pass)
    }

    @Test("library callers: validation refuses, compare clips regions beyond any image without trapping")
    func hugeRegionsFromTheLibrary() {
        let huge = Rect(x: .max, y: 1, width: 1, height: 1)
        let options = CompareOptions(ignoreRegions: [huge, Rect(x: 1, y: 1, width: .max, height: .max)])
        #expect(throws: CompareOptionsError.regionOutOfRange(huge.description)) { try options.validated() }
        let image = TestImages.solid(4, 4, .white)
        let changed = TestImages.changed(image, at: [(0, 0), (2, 2)], to: .black)
        let r = ImageComparison.compare(expected: image, actual: changed, options: options)
        #expect(r.ignoredPixels == 9 && r.differingPixels == 1)
        let diff = DiffImage.render(expected: image, actual: changed, result: r)
        #expect(diff.width == 4 && diff.height == 4)
    }

    @Test("a result round-trips through JSON; identical images encode PSNR as null")
    func jsonRoundTrip() throws {
        let expected = TestImages.pattern(20, 10)
        let actual = TestImages.changed(expected, at: [(3, 3), (4, 7)], to: .white)
        let options = CompareOptions(
            threshold: 0.05, detectAntialiasing: true, maxDiffPixels: 1,
            ignoreRegions: [Rect(x: 15, y: 0, width: 5, height: 5)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for actualImage in [actual, expected] {
            let r = ImageComparison.compare(expected: expected, actual: actualImage, options: options)
            let data = try encoder.encode(r)
            let back = try JSONDecoder().decode(CompareResult.self, from: data)
            #expect(back == r)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["summary"] as? String == r.summary)
            #expect(object["verdict"] as? String == r.verdict.rawValue)
            #expect(object["passed"] as? Bool == r.passed)
            if r.psnr.isFinite {
                #expect(abs(try #require(object["psnr"] as? Double) - r.psnr) < 1e-9)
                let bounds = try #require(object["changedBounds"] as? [String: Int])
                #expect(bounds == ["x": 3, "y": 3, "width": 2, "height": 5])
            } else {
                #expect(object["psnr"] is NSNull)
                #expect(object["changedBounds"] is NSNull)
            }
        }
    }

    @Test("options decode with defaults for missing keys")
    func optionsDefaults() throws {
        let o = try JSONDecoder().decode(CompareOptions.self, from: Data(#"{"threshold":0.2}"#.utf8))
        #expect(o == CompareOptions(threshold: 0.2))
        let exact = try JSONDecoder().decode(CompareOptions.self, from: Data("{}".utf8))
        #expect(exact.isExact)
    }

    @Test("the summary states every tolerance applied")
    func summaryStatesTolerances() {
        let expected = TestImages.solid(10, 10, .white)
        let actual = TestImages.changed(expected, at: [(1, 1), (2, 2)], to: .black)
        let r = ImageComparison.compare(
            expected: expected, actual: actual,
            options: CompareOptions(
                threshold: 0.1, detectAntialiasing: true, maxChannelDelta: 2, maxDiffPixels: 1, maxDiffRatio: 0.5,
                ignoreRegions: [Rect(x: 8, y: 8, width: 2, height: 2)]))
        let s = r.summary
        for part in [
            "FAIL: 2 px differ > 1 allowed", "2% of pixels ≤ 50% allowed", "YIQ threshold 0.1", "per-channel cap 2",
            "anti-aliasing detection on (0 px not counted)", "4 px ignored in 1 region", "largest channel Δ 255",
            "changes within x,y,w,h 1,1,2,2",
        ] {
            #expect(s.contains(part), "\(part) missing in \(s)")
        }
    }
}
