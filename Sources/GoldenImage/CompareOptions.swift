import Raster

/// How two images are compared. The default (`.exact`) requires every byte of every pixel to match.
///
/// All tolerances combine: a pixel counts as equal when its bytes are identical, or every channel is
/// within `maxChannelDelta`, or (with a `threshold`) its YIQ distance is within the threshold.
public struct CompareOptions: Sendable, Hashable {
    /// Perceptual threshold 0…1 on pixelmatch's YIQ distance, pixels blended over white first
    /// (0.1 is pixelmatch's default); nil compares exactly.
    ///
    /// A pixel differs when `0.5053·ΔY² + 0.299·ΔI² + 0.1957·ΔQ² > 35215·threshold²`, i.e. when its
    /// normalised distance (`CompareResult.largestYIQDelta` scale) exceeds `threshold`.
    public var threshold: Double?
    /// Counts pixels that pixelmatch's heuristic classifies as anti-aliasing (in either image) in
    /// `CompareResult.antialiasedPixels` instead of as differences.
    public var detectAntialiasing: Bool
    /// Pixels whose every channel (R, G, B and A) differs by at most this many levels count as equal;
    /// 0 (the default) turns the cap off.
    public var maxChannelDelta: Int
    /// How many differing pixels still pass; nil = none, unless `maxDiffRatio` is set.
    public var maxDiffPixels: Int?
    /// Largest passing fraction (0…1) of differing pixels among all pixels of the image.
    public var maxDiffRatio: Double?
    /// Rectangles whose pixels are not compared (clipped to the image; overlaps count once).
    public var ignoreRegions: [Rect]

    /// Options with the given tolerances; with no arguments, an exact comparison.
    public init(
        threshold: Double? = nil, detectAntialiasing: Bool = false, maxChannelDelta: Int = 0,
        maxDiffPixels: Int? = nil, maxDiffRatio: Double? = nil, ignoreRegions: [Rect] = []
    ) {
        self.threshold = threshold
        self.detectAntialiasing = detectAntialiasing
        self.maxChannelDelta = maxChannelDelta
        self.maxDiffPixels = maxDiffPixels
        self.maxDiffRatio = maxDiffRatio
        self.ignoreRegions = ignoreRegions
    }

    /// Every byte must match.
    public static let exact = CompareOptions()

    /// pixelmatch's defaults: YIQ threshold 0.1 with anti-aliasing detection, no differing pixel allowed.
    public static let pixelmatch = CompareOptions(threshold: 0.1, detectAntialiasing: true)

    /// True when nothing but identical bytes can pass.
    public var isExact: Bool {
        threshold == nil && !detectAntialiasing && maxChannelDelta == 0 && maxDiffPixels == nil
            && maxDiffRatio == nil && ignoreRegions.isEmpty
    }

    /// The number of differing pixels the pixel budget allows (nil when only a ratio is set).
    public var allowedDiffPixels: Int? {
        if let maxDiffPixels { return maxDiffPixels }
        return maxDiffRatio == nil ? 0 : nil
    }

    /// These options checked for out-of-range values, for callers that must reject bad input
    /// (`compare` itself clamps instead).
    public func validated() throws(CompareOptionsError) -> CompareOptions {
        if let t = threshold, !(t >= 0 && t <= 1) { throw .thresholdOutOfRange(t) }
        if !(0...255).contains(maxChannelDelta) { throw .channelDeltaOutOfRange(maxChannelDelta) }
        if let n = maxDiffPixels, n < 0 { throw .negativePixelBudget(n) }
        if let r = maxDiffRatio, !(r >= 0 && r <= 1) { throw .ratioOutOfRange(r) }
        if let r = ignoreRegions.first(where: { $0.isEmpty }) { throw .emptyIgnoreRegion(r) }
        if let r = ignoreRegions.first(where: { !Self.isInRange($0) }) { throw .regionOutOfRange(r.description) }
        return self
    }

    /// The largest magnitude an ignore region's `x`, `y`, width or height may have. No image is larger: PNG
    /// allows 2³¹ − 1 pixels a side, JPEG 65 500. Anything beyond is a typo, refused rather than clipped.
    static let maxRegionValue = 2_147_483_647

    /// Parses an ignore region written `x,y,w,h` (integers, spaces allowed; width and height > 0; every value
    /// within ±`maxRegionValue`).
    public static func parseRegion(_ text: String) throws(CompareOptionsError) -> Rect {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.filter { $0 != " " } }
        guard fields.count == 4 else { throw .malformedRegion(text) }
        var numbers: [Int] = []
        for field in fields {
            if let n = Int(field) {
                numbers.append(n)
                continue
            }
            // All digits but too long for an Int: out of range, not malformed.
            let digits = field.first == "-" || field.first == "+" ? field.dropFirst() : Substring(field)
            let isNumber = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
            throw isNumber ? .regionOutOfRange(text) : .malformedRegion(text)
        }
        let rect = Rect(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        guard !rect.isEmpty else { throw .emptyIgnoreRegion(rect) }
        guard isInRange(rect) else { throw .regionOutOfRange(text) }
        return rect
    }

    /// True when every field of `rect` is within ±`maxRegionValue`.
    static func isInRange(_ rect: Rect) -> Bool {
        [rect.x, rect.y, rect.width, rect.height].allSatisfy { $0.magnitude <= UInt(maxRegionValue) }
    }

    /// The options `compare` applies to an image with `bounds`: values clamped into range (NaN → 0)
    /// and ignore regions clipped to the image, empty ones dropped.
    func normalized(within bounds: Rect) -> CompareOptions {
        func unit(_ v: Double) -> Double { v.isNaN ? 0 : min(max(v, 0), 1) }
        var o = self
        o.threshold = threshold.map(unit)
        o.maxChannelDelta = min(max(maxChannelDelta, 0), 255)
        o.maxDiffPixels = maxDiffPixels.map { max($0, 0) }
        o.maxDiffRatio = maxDiffRatio.map(unit)
        o.ignoreRegions = ignoreRegions.map { $0.intersection(bounds) }.filter { !$0.isEmpty }
        return o
    }
}

extension CompareOptions: Codable {
    private enum CodingKeys: String, CodingKey {
        case threshold, detectAntialiasing, maxChannelDelta, maxDiffPixels, maxDiffRatio, ignoreRegions
    }

    /// Decodes the JSON written by `encode(to:)`; missing keys take the exact defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            threshold: try c.decodeIfPresent(Double.self, forKey: .threshold),
            detectAntialiasing: try c.decodeIfPresent(Bool.self, forKey: .detectAntialiasing) ?? false,
            maxChannelDelta: try c.decodeIfPresent(Int.self, forKey: .maxChannelDelta) ?? 0,
            maxDiffPixels: try c.decodeIfPresent(Int.self, forKey: .maxDiffPixels),
            maxDiffRatio: try c.decodeIfPresent(Double.self, forKey: .maxDiffRatio),
            ignoreRegions: (try c.decodeIfPresent([RectCoding].self, forKey: .ignoreRegions) ?? []).map(\.rect))
    }

    /// Every key is written; unset optional tolerances as `null`, so the JSON states what was not applied.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(detectAntialiasing, forKey: .detectAntialiasing)
        try c.encode(maxChannelDelta, forKey: .maxChannelDelta)
        try c.encode(maxDiffPixels, forKey: .maxDiffPixels)
        try c.encode(maxDiffRatio, forKey: .maxDiffRatio)
        try c.encode(ignoreRegions.map(RectCoding.init), forKey: .ignoreRegions)
    }
}
