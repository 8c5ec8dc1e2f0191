import Raster

// Entry points for the libFuzzer harnesses in `Fuzz/` (see `Fuzz/README.md`): SPI, not API. They let a harness
// drive each of PNG's two decoders on its own, which `PNG.decode` never does (it tries the fast path first and
// hands libpng only what the fast path declines). Import with `@_spi(Fuzzing) import Codecs`.

@_spi(Fuzzing) extension PNG {
    /// libpng's decoder alone, after the header and limit checks of `decode`.
    public static func decodeWithLibpng(_ bytes: [UInt8], limits: DecodeLimits) throws(DecodeError) -> Pixmap {
        let head = try header(bytes)
        try limits.check(.png, width: head.width, height: head.height)
        return try decodeWithLibpng(bytes, header: head)
    }

    /// The libdeflate fast path alone, after the header and limit checks of `decode`: nil when it declines the
    /// file (`decode` would then ask libpng).
    public static func decodeWithFastPath(_ bytes: [UInt8], limits: DecodeLimits) throws(DecodeError) -> Pixmap? {
        let head = try header(bytes)
        try limits.check(.png, width: head.width, height: head.height)
        return FastDecoder.decode(bytes, header: head)
    }
}

@_spi(Fuzzing) extension PNG {
    /// `encode` with the libdeflate writer's band size and IDAT size chosen by the caller, so that a small image
    /// is cut into many bands (each joined to the next by `DeflateBlockScanner`) and many IDAT chunks, which
    /// only multi-megabyte images reach through `encode`. The zlib compressor has no bands: `encode` as is.
    public static func encode(
        _ image: Pixmap, options: EncodeOptions, bandBytes: Int, maxIDATLength: Int
    ) throws(EncodeError) -> [UInt8] {
        guard image.width > 0, image.height > 0, image.width <= 0x7FFF_FFFF, image.height <= 0x7FFF_FFFF else {
            throw .unsupportedSize(format: .png, width: image.width, height: image.height)
        }
        let channels = options.alpha == .keep || !image.isOpaque ? 4 : 3
        if case .zlib = options.compressor { return try encode(image, options: options) }
        var encoder = try DeflateEncoder(options: options, channels: channels)
        encoder.bandBytes = bandBytes
        encoder.maxIDATLength = min(max(1, maxIDATLength), 0x7FFF_FFFF)
        return try encoder.encode(image)
    }
}
