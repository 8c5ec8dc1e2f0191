@_spi(Benchmarks) import Codecs
import Glibc
import Raster

/// `png-curve FILE… [--levels L,L…] [--filters F,F…] [--runs N]`: the size/CPU curve of the libdeflate and
/// ISA-L PNG encoder, to place `PNG.EncodeOptions.default` on it (issue 16).
///
/// Each FILE (PNG or JPEG; photos and masks) is decoded once, untimed. For every level × filter it is
/// encoded on ONE thread (`parallel: false`: a batch worker's cost, and the figure that does not depend on
/// how busy the other core is) and the median thread CPU time of N runs is printed with the size and the
/// size over zlib level 6 with the adaptive filter (libpng's and Pillow's default, measured the same way).
/// `r` is the image's mean adaptive-filter residual, which the default's level is chosen from (per band).
/// Output: one tab-separated line per point, after a header line.
enum PNGCurve {
    /// `levels` and `filters` as given on the command line, comma-separated.
    static func run(paths: [String], levels levelList: String, filters filterList: String, runs: Int) throws {
        // "auto": `Compressor.libdeflateByContent` (the default), printed as level "auto"; "fast":
        // `Compressor.isalByContent` (the `fast` preset); "isal": ISA-L (level 3) alone.
        let levels = try levelList.split(separator: ",").map {
            (text: Substring) throws(System.Failure) -> PNG.Compressor in
            if text == "auto" { return .libdeflateByContent }
            if text == "fast" { return .isalByContent }
            if text == "isal" { return .isal }
            guard let level = Int(text), (0...12).contains(level) else {
                throw System.Failure("--levels: \(text) is not auto, fast, isal or a libdeflate level 0…12")
            }
            return .libdeflate(level: level)
        }
        let filters = try filterList.split(separator: ",").map {
            (text: Substring) throws(System.Failure) -> PNG.Filter in
            guard let filter = PNG.Filter(rawValue: String(text)) else {
                throw System.Failure("--filters: \(text) is not a PNG filter")
            }
            return filter
        }
        print("file\tpixels\tr\tcompressor\tlevel\tfilter\tbytes\tvs_zlib6\tcpu_ms")
        for path in paths {
            let image = try ImageDecoder.decode(try System.read(path)).pixmap
            let name = System.baseName(path)
            let residual = PNG.meanResidual(image, channels: image.isOpaque ? 3 : 4)
            // The columns every line of this image starts with: file, pixels, r.
            let pixels = "\(image.width)x\(image.height)\t\(format(residual, 2))"
            let zlib = PNG.EncodeOptions(compressor: .zlib(level: 6), filter: .adaptive, parallel: false)
            let (reference, referenceMs) = try measure(image, zlib, runs: runs)
            print("\(name)\t\(pixels)\tzlib\t6\tadaptive\t\(reference)\t1.0000\t\(format(referenceMs))")
            for filter in filters {
                for compressor in levels {
                    let options = PNG.EncodeOptions(compressor: compressor, filter: filter, parallel: false)
                    let (bytes, ms) = try measure(image, options, runs: runs)
                    let ratio = Double(bytes) / Double(reference)
                    let (library, level) = describe(compressor)
                    print(
                        "\(name)\t\(pixels)\t\(library)\t\(level)\t\(filter.rawValue)\t\(bytes)\t\(format(ratio, 4))\t\(format(ms))"
                    )
                }
            }
        }
    }

    /// The compressor and level columns of a line.
    private static func describe(_ compressor: PNG.Compressor) -> (String, String) {
        switch compressor {
        case .zlib(let level): return ("zlib", "\(level)")
        case .libdeflate(let level): return ("libdeflate", "\(level)")
        case .isal: return ("isal", "3")
        case .isalByContent: return ("isal", "fast")
        case .libdeflateByContent: return ("libdeflate", "auto")
        }
    }

    /// (bytes, median thread CPU ms) of `runs` encodes.
    private static func measure(_ image: Raster.Pixmap, _ options: PNG.EncodeOptions, runs: Int) throws -> (Int, Double)
    {
        var bytes = 0
        var times: [Double] = []
        for _ in 0..<runs {
            let start = threadCPU()
            bytes = try PNG.encode(image, options: options).count
            times.append(threadCPU() - start)
        }
        times.sort()
        return (bytes, times[times.count / 2] * 1000)
    }

    private static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private static func format(_ x: Double, _ digits: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = Int((x * scale).rounded())
        let whole = n / Int(scale)
        var fraction = String(n % Int(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        return "\(whole).\(fraction)"
    }
}
