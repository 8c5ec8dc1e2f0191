import CAnomarkShim
import Raster

/// PNG decoding and encoding: libpng behind the C shim, and the default encoder on libdeflate
/// (`Compressor.libdeflate`, `PNG.DeflateEncoder`).
public enum PNG {
    /// What the header says, read without decoding any pixels.
    public struct Header: Sendable, Equatable {
        /// Width in pixels, as IHDR declares it.
        public var width: Int
        /// Height in pixels, as IHDR declares it.
        public var height: Int
        /// 1, 2, 4, 8 or 16.
        public var bitDepth: Int
        /// PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
        public var colorType: Int
        /// Adam7 interlacing (decoded, but never on the fast path).
        public var interlaced: Bool
        /// A `tRNS` chunk comes before the image data.
        public var hasTransparencyChunk: Bool
    }

    /// Reads the header (IHDR and the chunks before the image data).
    public static func header(_ bytes: [UInt8]) throws(DecodeError) -> Header {
        var heapPeak = 0
        return try header(bytes, heapPeak: &heapPeak)
    }

    /// The header, and in `heapPeak` the most bytes libpng held at once while reading it.
    static func header(_ bytes: [UInt8], heapPeak: inout Int) throws(DecodeError) -> Header {
        if bytes.isEmpty { throw .empty }
        var info = anomark_png_info_t()
        let (status, message) = bytes.withUnsafeBufferPointer { p in
            withShimError { anomark_png_info(p.baseAddress, p.count, &info, $0) }
        }
        heapPeak = info.heap_peak
        try check(status, message)
        return Header(
            width: Int(info.width), height: Int(info.height), bitDepth: Int(info.bit_depth),
            colorType: Int(info.color_type), interlaced: info.interlaced != 0, hasTransparencyChunk: info.has_trns != 0)
    }

    /// Decodes any PNG (every colour type, bit depths 1–16, palette `tRNS`, Adam7) to RGBA8.
    ///
    /// 16-bit samples are rounded to 8 bits; `tRNS` becomes alpha. The pixel count is checked against
    /// `limits` before the pixel buffer is allocated. CRC errors and truncation throw. Well-formed 8-bit
    /// non-interlaced RGBA, palette and grey files take a faster path (`PNG.FastDecoder`, libdeflate); everything
    /// else, and every file with a flaw, is decoded by libpng. Chunks other than IHDR, PLTE, tRNS, IDAT and IEND
    /// are skipped unread, and libpng's own memory is capped (`ANOMARK_PNG_HEAP_BASE` plus 32 bytes per pixel of
    /// width), so no chunk length or compressed metadata can make decoding allocate more than the pixels need.
    public static func decode(_ bytes: [UInt8], limits: DecodeLimits = .init()) throws(DecodeError) -> Pixmap {
        let head = try header(bytes)
        try limits.check(.png, width: head.width, height: head.height)
        if let image = FastDecoder.decode(bytes, header: head) { return image }
        return try decodeWithLibpng(bytes, header: head)
    }

    /// libpng's decoder: every PNG variant, and the error messages for bad files.
    static func decodeWithLibpng(_ bytes: [UInt8], header head: Header) throws(DecodeError) -> Pixmap {
        var heapPeak = 0
        return try decodeWithLibpng(bytes, header: head, heapPeak: &heapPeak)
    }

    /// libpng's decoder; `heapPeak` receives the most bytes libpng held at once, whether decoding succeeded or not.
    static func decodeWithLibpng(_ bytes: [UInt8], header head: Header, heapPeak: inout Int) throws(DecodeError)
        -> Pixmap
    {
        var result: (status: Int32, message: String) = (0, "")
        var peak = 0
        let image = bytes.withUnsafeBufferPointer { src in
            Pixmap(width: head.width, height: head.height) { dst in
                result = withShimError {
                    anomark_png_decode_rgba(
                        src.baseAddress, src.count, dst.baseAddress, dst.count, UInt32(head.width),
                        UInt32(head.height), &peak, $0)
                }
                // On failure the buffer may be partly written; initialise it so the array is valid.
                if result.status != ANOMARK_OK { dst.update(repeating: 0) }
            }
        }
        heapPeak = peak
        try check(result.status, result.message)
        return image
    }

    static func check(_ status: Int32, _ message: String) throws(DecodeError) {
        try checkShimStatus(status, message, format: .png, library: "libpng")
    }

    /// How PNG image data is compressed. A seam: faster deflate implementations plug in here.
    public enum Compressor: Sendable, Equatable {
        /// zlib through libpng, level 0…9.
        case zlib(level: Int)
        /// libdeflate, level 0…12 (0 stores, 1 fastest, 6 balanced, 10–12 slow near-optimal parsing).
        /// Anomark writes the file and filters the rows itself; large images use all cores, with the
        /// same output bytes whatever the core count (`PNG.DeflateEncoder`).
        case libdeflate(level: Int)
        /// Intel's ISA-L (igzip) at its level 3: on camera photos 2–2.5× the speed of libdeflate level 1 for
        /// files 1.3–2.3 % larger, about zlib level 6's size; on smooth (upscaled, synthetic) images up to 12 %
        /// larger than level 1. Written like `libdeflate`: Anomark filters the rows, large images use all cores,
        /// the same bytes whatever the core count. ISA-L picks its kernels (SSE, AVX2, AVX-512) by CPU; the bytes
        /// are only compared across core counts here, not across CPUs. Its levels 0–2 are not offered: in the
        /// fuzzer's AddressSanitizer build, levels 1 and 2 gave different bytes for the same input from one call
        /// to the next (valid streams of the same pixels, but not reproducible output); level 3 never did.
        case isal
        /// The fast preset's compressor (`EncodeOptions.fast`, `anomark report`'s default): per band, ISA-L level
        /// 3 where the adaptive filter's mean residual says there is detail (r ≥ 3, `DeflateEncoder.isalResidual`:
        /// camera photos and their moderate upscales, where it is 1.3–2.3 % larger than libdeflate level 1 at
        /// 2–2.5× its speed), libdeflate level 1 on smooth bands (where ISA-L is up to 12 % larger). With a fixed
        /// filter (no score) every band gets libdeflate level 1.
        case isalByContent
        /// libdeflate at a level chosen per band of rows from how well the adaptive filter predicts them
        /// (`DeflateEncoder.contentLevel`): smooth bands (upscaled, flat, synthetic) get level 6 or 5, which
        /// their long matches need to stay smaller than zlib level 6; camera detail gets level 3, 2 or 1 (the
        /// fastest, for camera photos themselves), already smaller than zlib 6 there at a fraction of its time.
        /// Smooth bands whose rows compress better with the up filter on every row (a level-1 trial on their
        /// first rows; upscaled photos) get that filter at level 2 instead (`DeflateEncoder.upLevel`).
        /// The level is a function of the pixels, so equal pixels still give equal bytes. With a fixed filter
        /// (not `.adaptive`) there is no prediction score and every band gets level 6. The default
        /// (`EncodeOptions.default`).
        case libdeflateByContent
    }

    /// The per-row PNG filter.
    public enum Filter: String, Sendable, Equatable, CaseIterable {
        case none, sub, up, average, paeth
        /// libpng's per-row heuristic over all five filters.
        case adaptive

        var mask: Int32 {
            switch self {
            case .none: return 0x08
            case .sub: return 0x10
            case .up: return 0x20
            case .average: return 0x40
            case .paeth: return 0x80
            case .adaptive: return 0xF8
            }
        }
    }

    /// Whether to store alpha.
    public enum AlphaMode: Sendable, Equatable {
        /// RGB when every pixel is opaque, RGBA otherwise.
        case automatic
        /// Always RGBA.
        case keep
    }

    /// PNG encoder settings. Defaults (`.default`): libdeflate at a level chosen by content
    /// (`Compressor.libdeflateByContent`), adaptive filter, RGB when opaque — no larger than zlib level 6
    /// (libpng's and Pillow's default) on the photos measured, and several times faster. Presets: `PNG.EncodePresets.swift`.
    public struct EncodeOptions: Sendable, Equatable {
        /// Which deflate implementation and level.
        public var compressor: Compressor
        /// How rows are filtered before compression.
        public var filter: Filter
        /// Whether an opaque image is written as RGB.
        public var alpha: AlphaMode
        /// Compress large images on all cores (libdeflate and ISA-L, not zlib). The bytes are the same either
        /// way; batch runs that already keep every core busy with one image each turn it off.
        public var parallel: Bool
        /// Scanline bytes per band (libdeflate and ISA-L, not zlib): the image is cut into bands of whole rows of
        /// about this size, compressed separately (on several cores when `parallel`) and joined into one zlib
        /// stream. The bytes depend on it (and never on the core count). Each libdeflate joint costs a walk over
        /// the band's compressed bytes (about 15 % of level 1's time; ISA-L's bands end joinable) and a little
        /// size, as every band starts with an empty window; so a batch that does not compress in parallel
        /// (`parallel: false`) gains from large bands, while 1 MiB (`defaultBandBytes`) lets two cores share even
        /// a 576×768 image. Values below 1 count as 1 (a band is at least one row).
        public var bandBytes: Int

        /// The default `bandBytes`: 1 MiB.
        public static let defaultBandBytes = 1 << 20

        /// Settings; the defaults are `.default`.
        public init(
            compressor: Compressor = .libdeflateByContent, filter: Filter = .adaptive, alpha: AlphaMode = .automatic,
            parallel: Bool = true, bandBytes: Int = EncodeOptions.defaultBandBytes
        ) {
            self.compressor = compressor
            self.filter = filter
            self.alpha = alpha
            self.parallel = parallel
            self.bandBytes = bandBytes
        }

        /// The fastest useful setting: libdeflate level 1 with the `up` filter (files about 10 % larger than
        /// `default`; for thumbnails and scratch output).
        public static let fastest = EncodeOptions(compressor: .libdeflate(level: 1), filter: .up)
    }

    /// Encodes `image` as PNG: 8-bit RGB when every pixel is opaque (unless `alpha` is `.keep`), RGBA
    /// otherwise. No time, text or gamma chunks: equal pixels give equal bytes.
    public static func encode(_ image: Pixmap, options: EncodeOptions = .init()) throws(EncodeError) -> [UInt8] {
        guard image.width > 0, image.height > 0, image.width <= 0x7FFF_FFFF, image.height <= 0x7FFF_FFFF else {
            throw .unsupportedSize(format: .png, width: image.width, height: image.height)
        }
        let channels: Int32 = options.alpha == .keep || !image.isOpaque ? 4 : 3
        switch options.compressor {
        case .zlib(let level):
            guard (0...9).contains(level) else { throw .invalidOption("zlib level \(level) is not in 0...9") }
            var out: UnsafeMutablePointer<UInt8>?
            var length = 0
            let (status, message) = image.pixels.withUnsafeBufferPointer { p in
                withShimError {
                    anomark_png_encode_rgba(
                        p.baseAddress, UInt32(image.width), UInt32(image.height), channels, Int32(level),
                        options.filter.mask, &out, &length, $0)
                }
            }
            let bytes = takeShimBuffer(out, length)
            switch status {
            case ANOMARK_OK: return bytes
            case ANOMARK_E_NOMEM: throw .outOfMemory
            default: throw .library(format: .png, message: message)
            }
        case .libdeflate, .isal, .isalByContent, .libdeflateByContent:
            return try DeflateEncoder(options: options, channels: Int(channels)).encode(image)
        }
    }
}
