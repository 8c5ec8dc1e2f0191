import Raster

// Entry points for `tools/bench` (`anomark-bench png-curve`): SPI, not API. Import with
// `@_spi(Benchmarks) import Codecs`.

@_spi(Benchmarks) extension PNG {
    /// The adaptive filter's mean |residual| r over the whole image, as RGB (3) or RGBA (4) scanlines: the
    /// figure `DeflateEncoder.contentLevel` reads per band to choose the default's level. Lets the curve say
    /// which r each measured image has.
    public static func meanResidual(_ image: Pixmap, channels: Int) -> Double {
        precondition(channels == 3 || channels == 4, "PNG rows are RGB or RGBA")
        let rows = RowFilter(filter: .adaptive, channels: channels, width: image.width)
        let count = image.height * rows.scanlineBytes
        guard count > 0 else { return 0 }
        let scanlines = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
        defer { scanlines.deallocate() }
        let score = rows.filter(image, rows: 0..<image.height, into: scanlines) ?? 0
        return Double(score) / Double(count)
    }
}
