// Raster — pixels, colour, rectangles and blending. Pure Swift; imports no C.
//
// Contract
// - `Pixmap` is the one image type of Anomark: a flat, contiguous RGBA8 buffer, row-major, top row first,
//   4 bytes per pixel in the order R, G, B, A, rows packed with no padding (stride = width × 4).
// - Alpha is straight (NOT premultiplied): that is how PNG stores it and what the codecs hand over,
//   and the photos we annotate are opaque, where the two coincide.
// - A `Pixmap` owns its pixels and nothing else (value semantics, copy-on-write through `[UInt8]`).
//   Painting lives in `Canvas…` files, blending in `Blend.swift`, geometry in `Rect.swift`.
// - Nothing here throws: sizes are validated by whoever allocates (see `Pixmap.init(width:height:)`,
//   which traps on negative or overflowing sizes — callers check limits first, e.g. the codecs).
// - Everything that draws clips to the pixmap: out-of-bounds coordinates are never an error.

/// An RGBA8 image with straight alpha in one flat buffer (`stride == width * 4`).
public struct Pixmap: Sendable, Equatable {
    /// Width in pixels (≥ 0).
    public let width: Int
    /// Height in pixels (≥ 0).
    public let height: Int
    /// `width * height * 4` bytes, R G B A per pixel, rows top to bottom with no padding. Read it freely; outside
    /// Raster it is written only through `withUnsafeMutableBytes` / `withUnsafeMutableBufferPointer` (and the
    /// subscript), which cannot change its size, so `pixels.count == width * height * 4` always holds.
    public internal(set) var pixels: [UInt8]

    /// Bytes per row.
    @inlinable public var stride: Int { width &* 4 }

    /// Number of pixels (`width * height`).
    @inlinable public var pixelCount: Int { width &* height }

    /// The full image rectangle.
    @inlinable public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// A pixmap filled with one colour (transparent black by default).
    public init(width: Int, height: Int, fill: Color = .transparent) {
        let count = Pixmap.byteCount(width: width, height: height)
        self.width = width
        self.height = height
        if fill == .transparent {
            self.pixels = [UInt8](repeating: 0, count: count)
        } else {
            var px = [UInt8](repeating: 0, count: count)
            px.withUnsafeMutableBytes { raw in
                let word = fill.packed
                let p = raw.bindMemory(to: UInt32.self)
                for i in 0..<p.count { p[i] = word }
            }
            self.pixels = px
        }
    }

    /// Wraps existing RGBA8 bytes. `pixels.count` must be exactly `width * height * 4`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == Pixmap.byteCount(width: width, height: height), "pixel buffer size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Creates a pixmap whose bytes are written by `initializer` without zero-filling first
    /// (decoders write every byte). The closure must initialise all `width * height * 4` bytes.
    public init(
        width: Int, height: Int, uninitialized initializer: (UnsafeMutableBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        let count = Pixmap.byteCount(width: width, height: height)
        self.width = width
        self.height = height
        self.pixels = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try initializer(buffer)
            initialized = count
        }
    }

    /// Calls `body` with the pixel bytes to change in place (copied first only when shared, as any `[UInt8]`).
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try pixels.withUnsafeMutableBytes(body)
    }

    /// Calls `body` with the pixel bytes to change in place, typed (copied first only when shared).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        try pixels.withUnsafeMutableBufferPointer(body)
    }

    /// `width * height * 4`, trapping on negative sizes or overflow.
    public static func byteCount(width: Int, height: Int) -> Int {
        precondition(width >= 0 && height >= 0, "negative pixmap size")
        let (pixels, o1) = width.multipliedReportingOverflow(by: height)
        let (bytes, o2) = pixels.multipliedReportingOverflow(by: 4)
        precondition(!o1 && !o2, "pixmap size overflows")
        return bytes
    }

    /// The pixel at (x, y). Traps when out of bounds; hot loops should use the buffer directly.
    public subscript(x: Int, y: Int) -> Color {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel out of bounds")
            let i = (y &* width &+ x) &* 4
            return Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel out of bounds")
            let i = (y &* width &+ x) &* 4
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
            pixels[i + 3] = newValue.a
        }
    }

    /// True when every pixel has alpha 255.
    public var isOpaque: Bool {
        // AND of whole pixels as 32-bit words, which the compiler vectorises (a byte-strided loop over the
        // alpha bytes does not): the alpha byte of the result is 255 only if every pixel's is. Called on every
        // PNG encode, over the full-size image (report thumbnails check opacity from their own sums instead).
        pixels.withUnsafeBytes { raw in
            let count = raw.count / 4
            var acc: UInt32 = 0xFFFF_FFFF
            var i = 0
            while i < count {
                acc &= raw.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)
                i &+= 1
            }
            return UInt32(littleEndian: acc) >> 24 == 0xFF
        }
    }

    /// A copy of the pixels inside `rect` (clipped to the image).
    public func cropped(to rect: Rect) -> Pixmap {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return Pixmap(width: 0, height: 0) }
        return Pixmap(width: r.width, height: r.height) { dst in
            pixels.withUnsafeBufferPointer { src in
                let rowBytes = r.width * 4
                for row in 0..<r.height {
                    let s = ((r.y + row) * width + r.x) * 4
                    let d = row * rowBytes
                    UnsafeMutableRawPointer(dst.baseAddress! + d)
                        .copyMemory(from: src.baseAddress! + s, byteCount: rowBytes)
                }
            }
        }
    }
}
