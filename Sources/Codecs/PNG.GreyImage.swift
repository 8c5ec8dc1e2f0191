import CAnomarkShim
import Raster

extension PNG {
    /// A greyscale PNG's samples at their stored depth, as anomaly score maps are saved: 8-bit (value / 255) or
    /// 16-bit (value / 65535). RGBA decoding would round 16-bit samples to 8 bits; this keeps every bit.
    public struct GreyImage: Sendable, Equatable {
        /// The samples, row-major.
        public enum Samples: Sendable, Equatable {
            /// Bit depths 1–8, widened to 8 bits (as libpng scales them: 1-bit 1 → 255).
            case eight([UInt8])
            /// Bit depth 16.
            case sixteen([UInt16])
        }

        /// Columns.
        public var width: Int
        /// Rows.
        public var height: Int
        /// `width × height` samples.
        public var samples: Samples
    }

    /// Decodes a greyscale PNG (colour type 0, or 4 with its alpha ignored) at its own depth. Any other colour
    /// type is refused (`unsupportedColorSpace`): a score map's value is its grey level, and an RGB image holds
    /// no one number per pixel. The pixel count is checked against `limits` before anything is allocated.
    public static func decodeGrey(_ bytes: [UInt8], limits: DecodeLimits = .init()) throws(DecodeError) -> GreyImage {
        let head = try header(bytes)
        guard head.colorType == 0 || head.colorType == 4 else {
            let names = [2: "RGB", 3: "palette", 6: "RGBA"]
            throw .unsupportedColorSpace(
                format: .png, detail: "\(names[head.colorType] ?? "type \(head.colorType)"), expected greyscale")
        }
        try limits.check(.png, width: head.width, height: head.height)
        let count = head.width * head.height
        if head.bitDepth < 16 {
            // The RGBA path widens grey to R = G = B exactly; R is the sample.
            let rgba = try decode(bytes, limits: limits)
            let grey = rgba.pixels.withUnsafeBufferPointer { p in
                [UInt8](unsafeUninitializedCapacity: count) { out, n in
                    for i in 0..<count { out[i] = p[i &* 4] }
                    n = count
                }
            }
            return GreyImage(width: head.width, height: head.height, samples: .eight(grey))
        }
        var result: (status: Int32, message: String) = (0, "")
        let samples = bytes.withUnsafeBufferPointer { src in
            [UInt16](unsafeUninitializedCapacity: count) { out, n in
                result = withShimError {
                    anomark_png_decode_gray16(
                        src.baseAddress, src.count, out.baseAddress, count, UInt32(head.width), UInt32(head.height),
                        $0)
                }
                // On failure the buffer may be partly written; initialise it so the array is valid.
                if result.status != ANOMARK_OK { out.initialize(repeating: 0) }
                n = count
            }
        }
        try check(result.status, result.message)
        return GreyImage(width: head.width, height: head.height, samples: .sixteen(samples))
    }
}
