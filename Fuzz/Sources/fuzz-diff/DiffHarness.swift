// The golden-image comparison: two small images and a `CompareOptions` variant built from the input bytes
// (thresholds, anti-aliasing, channel caps, pixel and ratio budgets, ignore regions — in range and absurd), then
// `ImageComparison.compare`, `validated()`, the diff image and the composite; and `CompareOptions.parseRegion` on
// the input as text.
import FuzzSupport
import GoldenImage
import Raster

/// Reads the input front to back; past the end it yields zeros.
struct Reader {
    let bytes: [UInt8]
    var i = 0
    mutating func byte() -> UInt8 {
        defer { i += 1 }
        return i < bytes.count ? bytes[i] : 0
    }
    /// A value from a small set of interesting integers, or a small one.
    mutating func integer() -> Int {
        let b = byte()
        switch b {
        case 250: return .max
        case 251: return .min
        case 252: return 2_147_483_647
        case 253: return -2_147_483_648
        case 254: return Int(byte()) << 24
        default: return Int(b) - 16
        }
    }
    mutating func double() -> Double {
        let b = byte()
        switch b {
        case 255: return .nan
        case 254: return .infinity
        case 253: return -1
        default: return Double(b) / 200
        }
    }
}

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiff(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    var r = Reader(bytes: bytes)
    let flags = r.byte()
    let w1 = Int(r.byte() % 24) + 1
    let h1 = Int(r.byte() % 24) + 1
    let sameSize = flags & 1 == 0
    let w2 = sameSize ? w1 : Int(r.byte() % 24) + 1
    let h2 = sameSize ? h1 : Int(r.byte() % 24) + 1
    var options = CompareOptions()
    if flags & 2 != 0 { options.threshold = r.double() }
    options.detectAntialiasing = flags & 4 != 0
    if flags & 8 != 0 { options.maxChannelDelta = r.integer() }
    if flags & 16 != 0 { options.maxDiffPixels = r.integer() }
    if flags & 32 != 0 { options.maxDiffRatio = r.double() }
    for _ in 0..<Int(flags >> 6) {
        options.ignoreRegions.append(Rect(x: r.integer(), y: r.integer(), width: r.integer(), height: r.integer()))
    }
    // The pixels: the expected image from the next bytes; the actual one is the expected with bytes of the input
    // mixed in, so most pixels match and the interesting classification paths run.
    let pixels = Array(bytes.dropFirst(r.i))
    func byteAt(_ k: Int) -> UInt8 { pixels.isEmpty ? 0 : pixels[k % pixels.count] }
    let expected = Pixmap(width: w1, height: h1, pixels: (0..<(w1 * h1 * 4)).map { byteAt($0) })
    let actual = Pixmap(
        width: w2, height: h2,
        pixels: (0..<(w2 * h2 * 4)).map { k in k % 7 == 0 ? byteAt(k / 7 + 3) : byteAt(k) })

    let result = ImageComparison.compare(expected: expected, actual: actual, options: options)
    if sameSize {
        require(result.comparedPixels + result.ignoredPixels == expected.pixelCount, "pixels unaccounted for")
        require(result.differingPixels + result.antialiasedPixels <= result.comparedPixels, "too many classes")
        let same = ImageComparison.compare(expected: expected, actual: expected, options: options)
        require(same.verdict == .pass && same.differingPixels == 0, "an image differs from itself")
    } else {
        require(result.verdict == .sizeMismatch || (w1 == w2 && h1 == h2), "sizes differ but compared")
    }
    if let valid = try? options.validated() {
        require(valid == options, "validation changed valid options")
        require(valid.ignoreRegions.allSatisfy { !$0.isEmpty }, "an empty region passed validation")
    }
    let diff = DiffImage.render(expected: expected, actual: actual, result: result)
    require(diff.width == max(w1, w2) && diff.height == max(h1, h2), "diff image has the wrong size")
    let composite = DiffImage.composite(expected: expected, actual: actual, diff: diff)
    require(composite.width == w1 + w2 + diff.width + 8, "composite has the wrong width")
    _ = result.summary

    let text = String(decoding: bytes.prefix(64), as: UTF8.self)
    if let region = try? CompareOptions.parseRegion(text) {
        require(!region.isEmpty, "parsed an empty region")
        require((try? CompareOptions.parseRegion(region.description)) == region, "a region does not round-trip")
    }
    return 0
}
