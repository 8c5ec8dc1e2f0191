import Codecs
// Uncompressed BMP decoding (the DDA's test captures hold BMPs named .jpg). The header agrees with the decoded
// size and the limits; the sniffer's front door gives the same pixels as `BMP.decode`; nothing traps on any
// header, however hostile (sizes and offsets are checked against the byte count before allocating).
import FuzzSupport
import Raster

/// 2¹⁸ pixels: 1 MiB of RGBA, far below `-malloc_limit_mb`.
let limits = DecodeLimits(maxPixels: 1 << 18)

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBMP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    let header = try? BMP.header(bytes)
    guard let image = try? BMP.decode(bytes, limits: limits) else { return 0 }
    require(header != nil, "decoded a file whose header was refused")
    if let header {
        require(image.width == header.width && image.height == header.height, "header and pixels disagree")
    }
    require(image.pixelCount <= limits.maxPixels, "decoded more pixels than the limit")
    if (try? ImageFormat.sniff(bytes)) == .bmp {
        let sniffed = try? ImageDecoder.decode(bytes, limits: limits)
        require(sniffed?.pixmap == image, "ImageDecoder differs from BMP.decode")
    }
    return 0
}
