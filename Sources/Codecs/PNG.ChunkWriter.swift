import CLibDeflate

extension PNG {
    /// Builds a PNG file in memory: the signature, then chunks of length (big-endian), type, data and
    /// CRC-32 over type + data (computed by libdeflate).
    ///
    /// Image data may arrive in pieces of any size (`appendImageData`); it is cut into IDAT chunks of
    /// at most `maxIDATLength` bytes. PNG decoders concatenate the IDAT payloads into one zlib stream,
    /// so where the cuts fall does not matter to them.
    struct ChunkWriter {
        /// Chunk types as their four ASCII bytes, big-endian.
        enum ChunkType: UInt32 {
            case header = 0x4948_4452  // IHDR
            case imageData = 0x4944_4154  // IDAT
            case end = 0x4945_4E44  // IEND
        }

        /// The file so far.
        private(set) var bytes: [UInt8]
        /// Largest IDAT payload written.
        let maxIDATLength: Int
        /// Offset of the open chunk's length field, if a chunk is open.
        private var openChunk: Int?

        static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

        /// Starts a file with the PNG signature; `capacity` is a hint for the final size.
        init(capacity: Int, maxIDATLength: Int = 1 << 20) {
            precondition(maxIDATLength > 0 && maxIDATLength <= 0x7FFF_FFFF, "IDAT length out of range")
            bytes = []
            bytes.reserveCapacity(capacity)
            bytes += Self.signature
            self.maxIDATLength = maxIDATLength
        }

        /// IHDR for an 8-bit, non-interlaced image with deflate compression and adaptive filtering
        /// (filter method 0); `colorType` 2 is RGB, 6 is RGBA.
        mutating func appendHeader(width: Int, height: Int, colorType: UInt8) {
            begin(.header)
            appendBigEndian(UInt32(width))
            appendBigEndian(UInt32(height))
            bytes += [8, colorType, 0, 0, 0]
            end()
        }

        /// Appends zlib stream bytes, opening and closing IDAT chunks as they fill.
        mutating func appendImageData(_ data: UnsafeBufferPointer<UInt8>) {
            var rest = data
            while !rest.isEmpty {
                if openChunk == nil { begin(.imageData) }
                let used = bytes.count - openChunk! - 8
                let take = Swift.min(rest.count, maxIDATLength - used)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: rest.prefix(take)))
                rest = UnsafeBufferPointer(rebasing: rest.dropFirst(take))
                if used + take == maxIDATLength { end() }
            }
        }

        /// Closes the last IDAT and writes IEND.
        mutating func finish() {
            if openChunk != nil { end() }
            begin(.end)
            end()
        }

        private mutating func begin(_ type: ChunkType) {
            precondition(openChunk == nil, "chunk already open")
            openChunk = bytes.count
            appendBigEndian(0)  // length, patched by `end()`
            appendBigEndian(type.rawValue)
        }

        private mutating func end() {
            guard let start = openChunk else { preconditionFailure("no open chunk") }
            let length = bytes.count - start - 8
            let crc = bytes.withUnsafeMutableBufferPointer { p in
                let base = p.baseAddress!
                for k in 0..<4 { base[start + k] = UInt8(truncatingIfNeeded: UInt32(length) >> (24 - 8 * UInt32(k))) }
                return libdeflate_crc32(0, base + start + 4, length + 4)
            }
            appendBigEndian(crc)
            openChunk = nil
        }

        private mutating func appendBigEndian(_ value: UInt32) {
            bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
    }
}
