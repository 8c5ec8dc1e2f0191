// PNG encoding of arbitrary pixels, every encoder setting. The input picks the image size, RGB or RGBA, the encoder
// (each named preset, each libdeflate and zlib level, ISA-L, the by-content `.default`), the row filter, and for
// libdeflate and ISA-L a small band size and IDAT size (`@_spi(Fuzzing)`) so that even a small image is cut into many
// bands joined by `DeflateBlockScanner` (ISA-L's by its own full flush); the rest of the input is the pixels. Our
// output must decode, through libpng alone AND through the libdeflate fast path alone, to exactly the pixels encoded;
// the header must say what was asked (RGB for an opaque image unless alpha is kept); the parallel writer must give the
// serial writer's bytes.
//
// Input layout (missing bytes read as 0):
//   0, 1  width − 1 and height − 1 (so 1…256 each, checked before anything is allocated)
//   2     bit 0: RGBA pixels (else opaque RGB); bit 1: `AlphaMode.keep`; bit 2: also encode in parallel
//   3     the compressor and preset (`settings`, modulo its count)
//   4     the row filter: 0…5 one of `PNG.Filter.allCases`, anything else the preset's own
//   5     band size in scanline bytes: 0 the library's (1 MiB, through public `PNG.encode`), else 16 × (1…255),
//         but no less than a 32nd of the image's
//   6     largest IDAT payload: 0 the library's (1 MiB), else 1…255 bytes
//   7…    pixels, 3 or 4 bytes each, repeated from the start when the input is shorter than the image
@_spi(Fuzzing) import Codecs
import FuzzSupport
import Raster

/// 256 × 256 at most (256 KiB of RGBA): several hundred runs a second at the cheap levels, and no allocation near
/// `-malloc_limit_mb`.
let maxSide = 256
let limits = DecodeLimits(maxPixels: maxSide * maxSide)

/// Every encoder the library offers: the named presets first (`.fast` is ISA-L by content), then each level of each
/// compressor.
let settings: [PNG.EncodeOptions] =
    [.default, .fast, .fastest, .small]
    + (0...12).map { PNG.EncodeOptions(compressor: .libdeflate(level: $0)) }
    + (0...9).map { PNG.EncodeOptions(compressor: .zlib(level: $0)) }
    // Appended, so that the saved inputs of Fuzz/Regressions keep the settings they were found with.
    + [PNG.EncodeOptions(compressor: .isal)]

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNGEncode(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    func byte(_ i: Int) -> Int { i < bytes.count ? Int(bytes[i]) : 0 }
    let width = byte(0) + 1
    let height = byte(1) + 1
    guard width <= maxSide, height <= maxSide else { return 0 }  // holds by construction; the check is the rule
    let rgba = byte(2) & 1 != 0
    var options = settings[byte(3) % settings.count]
    if byte(4) < PNG.Filter.allCases.count { options.filter = PNG.Filter.allCases[byte(4)] }
    options.alpha = byte(2) & 2 != 0 ? .keep : .automatic
    options.parallel = false
    // At most 32 bands: each allocates a libdeflate compressor (megabytes at levels 10–12), and one band per row
    // of a 256-row image at level 12 takes seconds under ASan on a loaded machine (a -timeout=10 "finding").
    let scanlines = height * ((rgba || options.alpha == .keep ? 4 : 3) * width + 1)
    let bandBytes = byte(5) == 0 ? 0 : max(byte(5) * 16, (scanlines + 31) / 32)
    let maxIDAT = byte(6)

    let image = pixels(width: width, height: height, rgba: rgba, from: bytes.count > 7 ? bytes[7...] : [])
    func encode(_ options: PNG.EncodeOptions) -> [UInt8] {
        do {
            if bandBytes == 0 && maxIDAT == 0 { return try PNG.encode(image, options: options) }
            return try PNG.encode(
                image, options: options, bandBytes: bandBytes == 0 ? 1 << 20 : bandBytes,
                maxIDATLength: maxIDAT == 0 ? 1 << 20 : maxIDAT)
        } catch {
            fatalError("could not encode a \(width)×\(height) image with \(options): \(error)")
        }
    }
    let encoded = encode(options)
    if byte(2) & 4 != 0 {
        var parallel = options
        parallel.parallel = true
        require(encode(parallel) == encoded, "the parallel writer's bytes differ from the serial writer's")
    }

    guard let header = try? PNG.header(encoded) else { fatalError("our output has no readable PNG header") }
    let colorType = options.alpha == .keep || !image.isOpaque ? 6 : 2
    require(
        header.width == width && header.height == height && header.bitDepth == 8 && header.colorType == colorType
            && !header.interlaced,
        "the header says \(header), not \(width)×\(height) colour type \(colorType)")
    // Compared as Bools, never printed: a message with two Pixmaps would print every pixel.
    let libpng: Pixmap
    do { libpng = try PNG.decodeWithLibpng(encoded, limits: limits) } catch {
        fatalError("libpng rejects our output (\(options)): \(error)")
    }
    require(libpng == image, "libpng decodes our output (\(options)) to other pixels")
    let fast: Pixmap?
    do { fast = try PNG.decodeWithFastPath(encoded, limits: limits) } catch {
        fatalError("the fast path's header checks reject our output (\(options)): \(error)")
    }
    guard let fast else { fatalError("the fast path declines our output (\(options))") }
    require(fast == image, "the fast path decodes our output (\(options)) to other pixels")
    return 0
}

/// A `width` × `height` image whose pixels are `source` (3 bytes a pixel, opaque, or 4), repeated as needed; all
/// zero (opaque black, or transparent) when `source` is empty.
func pixels(width: Int, height: Int, rgba: Bool, from source: ArraySlice<UInt8>) -> Pixmap {
    let source = Array(source)
    let step = rgba ? 4 : 3
    return Pixmap(width: width, height: height) { out in
        var j = 0
        for i in stride(from: 0, to: out.count, by: 4) {
            for c in 0..<step {
                out[i + c] = source.isEmpty ? 0 : source[j]
                j += 1
                if j == source.count { j = 0 }
            }
            if !rgba { out[i + 3] = 255 }
        }
    }
}
