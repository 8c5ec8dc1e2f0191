// PNG decoding, both decoders. libpng (every file) and the libdeflate fast path (the files it accepts) must agree
// pixel for pixel whenever the fast path decodes; `PNG.decode` must return what they return; a decoded image must
// survive our encoder and decoder unchanged.
@_spi(Fuzzing) import Codecs
import FuzzSupport
import Raster

/// 2¹⁸ pixels: 1 MiB of RGBA, far below `-malloc_limit_mb`, and fast enough for ~1,000 runs a second (the sample
/// masks, 576×768, are refused for their size here; their crops and the golden images go deep).
let limits = DecodeLimits(maxPixels: 1 << 18)

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    let libpng = try? PNG.decodeWithLibpng(bytes, limits: limits)
    let fast = try? PNG.decodeWithFastPath(bytes, limits: limits)
    if let fast {
        require(libpng == fast, "the fast path decoded pixels libpng does not (or decodes differently)")
    }
    let decoded = try? PNG.decode(bytes, limits: limits)
    require(decoded == (fast ?? libpng), "PNG.decode differs from its decoders")
    if decoded != nil { require((try? ImageFormat.sniff(bytes)) == .png, "decoded a file not sniffed as PNG") }
    guard let image = decoded, image.pixelCount <= 1 << 12 else { return 0 }
    // Round trip through our encoders, the settings picked by the last byte.
    let pick = Int(bytes.last ?? 0)
    let filter = PNG.Filter.allCases[pick % PNG.Filter.allCases.count]
    let compressor: PNG.Compressor = pick & 0x40 != 0 ? .zlib(level: pick % 10) : .libdeflate(level: pick % 13)
    let options = PNG.EncodeOptions(
        compressor: compressor, filter: filter, alpha: pick & 0x80 != 0 ? .keep : .automatic, parallel: false)
    guard let encoded = try? PNG.encode(image, options: options) else {
        fatalError("a decoded image could not be encoded")
    }
    require((try? PNG.decode(encoded, limits: limits)) == image, "encode → decode changed the pixels")
    return 0
}
