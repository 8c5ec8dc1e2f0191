import Codecs
import Raster

/// The codec operations timed in-process: each reads its input file once (untimed), then times N runs.
///
/// Every run builds and drops its own result, so the process's peak (VmHWM) is the cost of one operation
/// plus the input bytes and the runtime (`base_mib`). The run script starts a fresh process per operation
/// and input, so peaks do not carry over from one operation to the next.
enum CodecBenchmarks {
    static func decodeJPEG(path: String, runs: Int) throws -> Measurement {
        let bytes = try System.read(path)
        let base = System.peakResidentKiB()
        var size = (0, 0)
        let times = try Measurement.time(runs: runs) {
            let image = try JPEG.decode(bytes)
            size = (image.width, image.height)
        }
        return Measurement(
            tool: "swift", op: "decode-jpeg", variant: "", input: System.baseName(path), width: size.0,
            height: size.1, timesNs: times, peakKiB: System.peakResidentKiB(), baseKiB: base, outBytes: 0)
    }

    static func decodePNG(path: String, runs: Int) throws -> Measurement {
        let bytes = try System.read(path)
        let base = System.peakResidentKiB()
        var size = (0, 0)
        let times = try Measurement.time(runs: runs) {
            let image = try PNG.decode(bytes)
            size = (image.width, image.height)
        }
        return Measurement(
            tool: "swift", op: "decode-png", variant: "", input: System.baseName(path), width: size.0,
            height: size.1, timesNs: times, peakKiB: System.peakResidentKiB(), baseKiB: base, outBytes: 0)
    }

    /// Decodes `path` (PNG or JPEG, untimed), then times `PNG.encode` with the named preset.
    static func encodePNG(path: String, preset: String, runs: Int) throws -> Measurement {
        guard let options = EncodePresets.named(preset) else {
            let names = EncodePresets.all.map(\.name).joined(separator: ", ")
            throw System.Failure("unknown preset \(preset) (known: \(names))")
        }
        let image = try ImageDecoder.decode(try System.read(path)).pixmap
        let base = System.peakResidentKiB()
        var outBytes = 0
        let times = try Measurement.time(runs: runs) {
            outBytes = try PNG.encode(image, options: options).count
        }
        return Measurement(
            tool: "swift", op: "encode-png", variant: preset, input: System.baseName(path), width: image.width,
            height: image.height, timesNs: times, peakKiB: System.peakResidentKiB(), baseKiB: base,
            outBytes: outBytes)
    }

    /// Reads, decodes and encodes at default PNG settings, writes: the floor the annotate bars compare to,
    /// timed end to end by `exec` like annotate itself.
    static func transcode(input: String, output: String) throws {
        let image = try ImageDecoder.decode(try System.read(input)).pixmap
        try System.write(try PNG.encode(image), to: output)
    }
}
