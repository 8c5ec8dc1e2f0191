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
