// Codecs — PNG and JPEG decoding and encoding, uncompressed BMP decoding, format sniffing and EXIF orientation.
//
// Contract
// - Images are `Raster.Pixmap`: flat RGBA8, straight (not premultiplied) alpha, stride = width × 4.
//   Every decoder returns RGBA8 whatever the file holds (grey, palette, 16-bit, CMYK …).
// - Inputs are byte arrays; this module does no file I/O. The format is sniffed from magic bytes,
//   never from a file name (`ImageFormat.sniff`).
// - Limits: the pixel count is checked against `DecodeLimits.maxPixels` (default 100 megapixels, never more
//   than `DecodeLimits.largestMaxPixels` = 2³²) from the header, BEFORE any pixel buffer is allocated.
// - Memory: beyond the pixel buffer, decoding a PNG costs libpng at most 8 MiB plus 32 bytes per pixel of width
//   (the shim counts and caps libpng's heap); chunks other than IHDR, PLTE, tRNS, IDAT and IEND are skipped
//   unread, so declared chunk lengths, text and compressed metadata cost nothing.
// - Errors are typed per stage: `DecodeError` (sniffing and decoding) and `EncodeError`. They carry
//   libpng's / libjpeg's own message. Nothing traps on bad input.
// - libpng and libjpeg report errors by longjmp; all such calls live in the C target `CAnomarkShim`
//   (one coarse function per operation, each with its own setjmp), never across a Swift frame.
// - BMP (`BMP`): uncompressed 24/32-bit only, either row order, decoded in Swift; every header size and offset
//   is checked against the byte count and the limits before the pixel buffer is allocated. Other BMPs
//   (palettes, RLE, 16-bit) are refused naming what they hold.
// - A truncated or corrupt JPEG is an error by default (libjpeg merely warns and pads with grey);
//   `JPEG.DecodeOptions(lenient: true)` accepts it.
// - Encoders write no time, text or gamma chunks: equal pixels give equal bytes. PNG image data is
//   compressed by libdeflate by default, or by ISA-L's igzip (`PNG.Compressor.isal`, `.isalByContent`) through
//   the same writer (`PNG.DeflateEncoder`: our own row filters and chunk writer, large images compressed in
//   bands on all cores and joined into one zlib stream, output independent of the core count);
//   `PNG.Compressor.zlib` keeps libpng's own path. libdeflate and ISA-L never longjmp; ISA-L's stream is zeroed
//   before use (its init leaves the window size as it finds it).
import CAnomarkShim
import Raster

/// Versions of the C libraries linked in, for diagnostics and golden-image notes.
public enum CodecLibraries {
    /// libpng's version string, e.g. "1.6.39".
    public static var libpngVersion: String { String(cString: anomark_libpng_version()) }
    /// libjpeg's API version (62 for libjpeg-turbo's libjpeg 6b ABI).
    public static var libjpegVersion: Int { Int(anomark_libjpeg_version()) }
}

/// Calls a shim function with a message buffer and returns `(status, message)`.
@inline(__always)
func withShimError(_ body: (UnsafeMutablePointer<CChar>) -> Int32) -> (status: Int32, message: String) {
    var buffer = [CChar](repeating: 0, count: Int(ANOMARK_ERR_LEN))
    let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    return (status, message)
}

/// Turns a decoder shim's status and message into a `DecodeError` (nothing for `ANOMARK_OK`).
func checkShimStatus(_ status: Int32, _ message: String, format: ImageFormat, library: String) throws(DecodeError) {
    switch status {
    case ANOMARK_OK: return
    case ANOMARK_E_TRUNCATED: throw .truncated(format: format, message: message)
    case ANOMARK_E_NOMEM: throw .outOfMemory
    default: throw .corrupt(format: format, message: message.isEmpty ? "\(library) error \(status)" : message)
    }
}

/// Copies a malloc'd buffer from the shim into a Swift array and frees it.
func takeShimBuffer(_ pointer: UnsafeMutablePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let pointer else { return [] }
    defer { anomark_free(pointer) }
    return [UInt8](UnsafeBufferPointer(start: pointer, count: count))
}
