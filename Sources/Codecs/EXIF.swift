import Raster

/// Reads the EXIF orientation (tag 0x0112 in IFD0 of the APP1 "Exif" segment) of a JPEG.
///
/// Pure Swift and bounds-checked: a malformed segment yields `nil` (treated as upright), never a trap.
public enum EXIF {
    /// The orientation stored in a JPEG's EXIF data, or nil when there is none or it is unreadable.
    public static func orientation(jpeg bytes: [UInt8]) -> Orientation? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var i = 2
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            if marker == 0xFF {  // fill byte
                i += 1
                continue
            }
            if marker == 0xDA || marker == 0xD9 { return nil }  // start of scan / end of image
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                i += 2
                continue
            }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return nil }
            let start = i + 4
            let end = i + 2 + length
            if marker == 0xE1, end - start >= 6, Array(bytes[start..<start + 6]) == [0x45, 0x78, 0x69, 0x66, 0, 0] {
                return orientation(tiff: bytes[(start + 6)..<end])
            }
            i = end
        }
        return nil
    }

    /// Orientation from a TIFF structure (the body of an EXIF segment).
    static func orientation(tiff: ArraySlice<UInt8>) -> Orientation? {
        let t = Array(tiff)
        guard t.count >= 8 else { return nil }
        let little: Bool
        switch (t[0], t[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ o: Int) -> Int? {
            guard o >= 0, o + 2 <= t.count else { return nil }
            return little ? Int(t[o]) | Int(t[o + 1]) << 8 : Int(t[o]) << 8 | Int(t[o + 1])
        }
        func u32(_ o: Int) -> Int? {
            guard let a = u16(o), let b = u16(o + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for n in 0..<min(count, 1000) {
            let entry = ifd + 2 + n * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(entry + 2), type == 3, let value = u16(entry + 8) else { return nil }
                return Orientation(rawValue: value)
            }
        }
        return nil
    }
}
