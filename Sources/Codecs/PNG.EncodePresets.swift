extension PNG.EncodeOptions {
    /// Fast output for previews and batch runs (`anomark report`'s default): ISA-L level 3 on bands of detail,
    /// libdeflate level 1 on smooth ones (`Compressor.isalByContent`), adaptive filter. On camera photos 2–2.5×
    /// the speed of libdeflate level 1 (the preset before) for files 1.3–2.3 % larger, within 1 % of zlib
    /// level 6 either side (README, "PNG output").
    public static let fast = PNG.EncodeOptions(compressor: .isalByContent)

    /// The balance used when nothing is asked for: libdeflate at a level chosen per band by content
    /// (`Compressor.libdeflateByContent`: 6 or 5 for smooth rows, 3, 2 or 1 for camera detail), adaptive filter —
    /// or, on smooth bands where a level-1 trial says it compresses better, the up filter at level 2.
    /// No larger than zlib level 6 (Pillow's and libpng's default) on every photo measured (README, "PNG
    /// output"), and faster than libdeflate 6 wherever a lower level is enough.
    public static let `default` = PNG.EncodeOptions(compressor: .libdeflateByContent)

    /// Smallest files at a large time cost: libdeflate level 10 (near-optimal parsing), adaptive filter.
    public static let small = PNG.EncodeOptions(compressor: .libdeflate(level: 10))

    /// Options from a level name as the CLI takes it (`--png-level`): `fast`, `default`, `small`, or a
    /// libdeflate level `0`…`12` with the adaptive filter. Case-insensitive; surrounding spaces are
    /// ignored.
    public init(level text: String) throws(EncodeError) {
        let name = text.trimmingSpaces.lowercased()
        switch name {
        case "fast": self = .fast
        case "default": self = .default
        case "small": self = .small
        default:
            guard name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let level = Int(name), (0...12).contains(level)
            else {
                throw .invalidOption("PNG level \"\(text)\" is not fast, default, small or 0…12")
            }
            self.init(compressor: .libdeflate(level: level))
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (Foundation-free).
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
