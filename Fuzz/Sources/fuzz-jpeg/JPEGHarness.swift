import Codecs
// JPEG decoding and EXIF. Strict decoding either fails or gives exactly the pixels lenient decoding gives; the
// header agrees with the decoded size; the EXIF reader never traps and its orientation applies to the image.
import FuzzSupport
import Raster

/// 2¹⁸ pixels: 1 MiB of RGBA (libjpeg's own buffers come on top), far below `-malloc_limit_mb`.
let limits = DecodeLimits(maxPixels: 1 << 18)

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    let orientation = EXIF.orientation(jpeg: bytes)
    guard let header = try? JPEG.header(bytes) else { return 0 }
    let strict = try? JPEG.decode(bytes, options: .init(limits: limits))
    let lenient = try? JPEG.decode(bytes, options: .init(limits: limits, lenient: true))
    if let strict {
        require(strict == lenient, "strict and lenient decoding disagree on a file both accept")
        require(strict.width == header.width && strict.height == header.height, "header and pixels disagree")
    }
    if let image = strict ?? lenient {
        let upright = image.applying(orientation ?? .up)
        require(upright.pixelCount == image.pixelCount, "turning the image lost pixels")
        // libjpeg takes any marker after SOI; the sniffer (and so the CLI) wants FF D8 FF. Where both agree, the
        // front door must give the same pixels.
        if (try? ImageFormat.sniff(bytes)) == .jpeg {
            let sniffed = try? ImageDecoder.decode(bytes, limits: limits, lenientJPEG: true)
            require(sniffed?.pixmap == lenient, "ImageDecoder differs from JPEG.decode")
        }
    }
    return 0
}
