import Codecs

/// The named `PNG.EncodeOptions` the bench measures, and how `floor.c` reproduces each.
///
/// Keep this list in step with the presets `PNG.EncodeOptions` declares (Sources/Codecs/PNG*.swift): a
/// preset missing here is simply not measured. `zlib-6` is not a preset but libpng's and Pillow's default,
/// the old encoder path, measured for comparison; `libdeflate-6` was the default before the level was
/// chosen by content. `floorArguments` are what `tools/bench/run` passes to the
/// C floor so that it compresses with the same library, level, filters and alpha rule.
enum EncodePresets {
    static let all: [(name: String, options: PNG.EncodeOptions)] = [
        ("default", .default),
        ("fast", .fast),
        ("fastest", .fastest),
        ("small", .small),
        ("libdeflate-6", PNG.EncodeOptions(compressor: .libdeflate(level: 6))),
        ("zlib-6", PNG.EncodeOptions(compressor: .zlib(level: 6))),
    ]

    static func named(_ name: String) -> PNG.EncodeOptions? {
        all.first { $0.name == name }?.options
    }

    /// `<compressor> <level> <filter mask> <alpha>` for floor.c's `encode-png` (filter masks as libpng's
    /// `png_set_filter`: 0x08 none … 0x80 paeth, 0xF8 adaptive; alpha `auto` drops it when opaque, `keep`).
    static func floorArguments(_ options: PNG.EncodeOptions) -> String {
        let filter: Int
        switch options.filter {
        case .none: filter = 0x08
        case .sub: filter = 0x10
        case .up: filter = 0x20
        case .average: filter = 0x40
        case .paeth: filter = 0x80
        case .adaptive: filter = 0xF8
        }
        let alpha = options.alpha == .keep ? "keep" : "auto"
        switch options.compressor {
        case .zlib(let level): return "zlib \(level) \(filter) \(alpha)"
        case .libdeflate(let level): return "libdeflate \(level) \(filter) \(alpha)"
        // The floor has one compressor for the whole image: ISA-L 3, what camera detail gets from `isalByContent`.
        case .isal, .isalByContent: return "isal 3 \(filter) \(alpha)"
        // The floor has one level for the whole image: 5, what the bench's smooth 4096² photo gets.
        case .libdeflateByContent: return "libdeflate 5 \(filter) \(alpha)"
        }
    }
}
