import Codecs
import Detections
import Foundation
import TestSupport
import Testing

/// The `anomaly-map` format on the real-shaped maps of samples/anomaly-maps (tools/fixtures/anomaly_maps.py):
/// grey PNGs, `.npy` files, anomalib's sidecar and REST shapes, and the strict `.npy` header.
@Suite("anomaly-map format")
struct AnomalyMapFormatTests {
    static let folder = TestFiles.repo.appendingPathComponent("samples/anomaly-maps")
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }
    static func map(_ name: String) throws -> ScoreMap {
        let detection = try ResultFormats.auto.read(bytes(name))
        guard case .scores(let map)? = detection.mask else { throw ResultError.notAnObject(found: "no score map") }
        return map
    }

    @Test("maps are sniffed by content, Lookout results still read as Lookout")
    func sniffing() throws {
        for name in [
            "anomaly-1.anomaly_map.png", "anomaly-1.model16.png", "anomaly-1.anomaly_map.npy", "anomaly-1.photo32.npy",
            "anomaly-1.json", "anomaly-1.rest.json",
        ] {
            #expect(ResultFormats.auto.format(for: try Self.bytes(name)).name == "anomaly-map", "\(name)")
        }
        let lookout = Array(#"{"DetectAnomalyResult": {"IsAnomalous": false, "Confidence": 0.9}}"#.utf8)
        #expect(ResultFormats.auto.format(for: lookout).name == "lookout")
        #expect(ResultFormats(named: "anomaly-map") != nil)
        #expect(ResultFormats.names == ["auto", "lookout", "dda", "anomaly-map"])
    }

    @Test("16-bit PNG keeps every bit: its samples are the float64 .npy's scores × 65535, rounded")
    func sixteenBitAgainstNPY() throws {
        let png = try Self.map("anomaly-1.model16.png")
        let npy = try Self.map("anomaly-1.anomaly_map.npy")
        #expect(png.width == 256 && png.height == 256 && npy.width == 256 && npy.height == 256)
        guard case .grey16(let samples) = png.values, case .float(let scores) = npy.values else {
            Issue.record("wrong sample kinds")
            return
        }
        var worst = 0.0
        for i in samples.indices { worst = max(worst, abs(Double(samples[i]) - Double(scores[i]) * 65535)) }
        // The generator rounds float32 products: half a level, plus float32's error on values up to 65535.
        #expect(worst <= 0.51)
        #expect(Set(samples).count > 256)  // more levels than 8 bits hold
    }

    @Test("8-bit PNG at photo resolution is the float32 .npy's scores × 255, rounded")
    func eightBitAgainstNPY() throws {
        let png = try Self.map("anomaly-1.anomaly_map.png")
        let npy = try Self.map("anomaly-1.photo32.npy")
        #expect(png.width == 576 && png.height == 768 && npy.width == 576 && npy.height == 768)
        var worst = 0.0
        for i in 0..<(576 * 768) { worst = max(worst, abs(png.score(at: i) - npy.score(at: i)) * 255) }
        #expect(worst <= 0.5001)
        #expect(png.threshold == 0.5)
    }

    @Test("a map alone is judged by its largest score against the threshold")
    func mapVerdict() throws {
        let detection = try ResultFormats.auto.read(Self.bytes("anomaly-1.anomaly_map.npy"))
        let verdict = try #require(detection.verdict)
        #expect(verdict.isAnomalous && verdict.confidence == nil && verdict.threshold == 0.5)
        #expect(abs(try #require(verdict.score) - 0.8995) < 0.001)
        #expect(detection.classes.isEmpty && detection.source.format == "anomaly-map")
        let strict = detection.withMapThreshold(0.95)
        #expect(strict.verdict?.isAnomalous == false && strict.verdict?.threshold == 0.95)
        if case .scores(let map)? = strict.mask { #expect(map.threshold == 0.95) } else { Issue.record("no map") }
    }

    @Test("anomalib's sidecar: verdict, score and threshold, no map")
    func sidecar() throws {
        let detection = try ResultFormats.auto.read(Self.bytes("anomaly-1.json"))
        #expect(detection.mask == nil)
        #expect(detection.verdict == Detection.Verdict(isAnomalous: true, confidence: nil, score: 0.9, threshold: 0.5))
        let low = try AnomalyMapFormat().read(Array(#"{"pred_score": 12.5, "threshold": 20}"#.utf8))
        #expect(low.verdict == Detection.Verdict(isAnomalous: false, confidence: nil, score: 12.5, threshold: 20))
    }

    @Test("anomalib's REST shape: the base64 PNG map with its label and score")
    func rest() throws {
        let detection = try ResultFormats.auto.read(Self.bytes("anomaly-1.rest.json"))
        #expect(detection.verdict?.isAnomalous == true && detection.verdict?.score == 0.9)
        guard case .scores(let map)? = detection.mask, case .grey8 = map.values else {
            Issue.record("no 8-bit map")
            return
        }
        #expect(map.width == 256 && map.height == 256)
    }

    @Test(
        "bad sidecars name the field",
        arguments: [
            (#"{"pred_score": "0.9"}"#, #"pred_score: expected a number, got "0.9""#),
            (#"{"pred_label": 2}"#, "pred_label: expected a boolean, 0, 1, \"Anomalous\" or \"Normal\", got 2"),
            (#"{"anomaly_map": "not base64!"}"#, "anomaly_map: expected base64 text"),
            (#"{"anomaly_map": "AAAA"}"#, "anomaly map: expected a grey PNG or a .npy file"),
            (#"{"threshold": 0.5}"#, "pred_score: missing"),
            (#"{"pred_score": 1, "score": 1}"#, "score: expected one of pred_score and score"),
        ])
    func badSidecar(_ json: String, _ message: String) throws {
        #expect(throws: ResultError.self) { try AnomalyMapFormat().read(Array(json.utf8)) }
        do {
            _ = try AnomalyMapFormat().read(Array(json.utf8))
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    /// A `.npy` file with `header` (padded as NumPy pads it) and `data`.
    static func npy(_ header: String, _ data: [UInt8], version: UInt8 = 1) -> [UInt8] {
        var text = Array(header.utf8)
        let prefix = version == 1 ? 10 : 12
        while (prefix + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
        if version == 1 {
            out += [UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
        } else {
            out += [UInt8(text.count & 0xFF), UInt8(text.count >> 8), 0, 0]
        }
        return out + text + data
    }

    static func floats(_ values: [Float]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
    }

    @Test("a hand-written .npy: version 2 header, float32, 2×3")
    func handWritten() throws {
        let bytes = Self.npy(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Self.floats([0, 0.25, 0.5, 0.75, 1, 0.1]),
            version: 2)
        let map = try AnomalyMapFormat.scoreMap(bytes, threshold: 0.5)
        #expect(map.width == 3 && map.height == 2)
        #expect(map.values == .float([0, 0.25, 0.5, 0.75, 1, 0.1]))
    }

    @Test(
        "the .npy header is read strictly, limits before allocating",
        arguments: [
            ("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1), }", 4, "big-endian"),
            ("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", 8, "descr '<i8': expected '<f4' or '<f8'"),
            ("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", 4, "fortran_order True"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", 32, "expected a 2-D map"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 5), }", 0, "the map is empty"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12, "12 bytes of data"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (99999, 99999), }", 4, "more than the limit"),
            ("{'descr': '<f4', 'descr': '<f4', 'shape': (1, 1), }", 4, "repeats 'descr'"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), 'x': 1}", 4, "unknown key 'x'"),
            ("{'descr': '<f4', 'shape': (1, 1), }", 4, "lacks fortran_order"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), } junk", 4, "text after its dictionary"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1234567890), }", 4, "more than 9 digits"),
            // Found by fuzz-anomaly-map: a newline inside a key made a two-line error.
            ("{'descr': '<f4', 'fortran_\nrder': False, 'shape': (1, 1), }", 4, "not one line of printable ASCII"),
        ])
    func badHeader(_ header: String, _ dataBytes: Int, _ message: String) throws {
        let bytes = Self.npy(header, [UInt8](repeating: 0, count: dataBytes))
        do {
            _ = try AnomalyMapFormat.scoreMap(bytes, threshold: 0.5)
            Issue.record("accepted \(header)")
        } catch {
            #expect(error.description.hasPrefix("anomaly map: .npy: "), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("non-finite scores, a huge header length and truncation are refused")
    func badData() throws {
        let nan = Self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", Self.floats([0.5, .nan]))
        #expect(
            throws: ResultError.invalidScoreMap(
                reason: ".npy: row 0, column 1: a score that is not a finite float32 number")
        ) {
            try AnomalyMapFormat.scoreMap(nan, threshold: 0.5)
        }
        let huge: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(
            throws: ResultError.invalidScoreMap(
                reason: ".npy: header of 2147483647 bytes, more than the limit of 65536")
        ) {
            try AnomalyMapFormat.scoreMap(huge, threshold: 0.5)
        }
        let short = Array(Self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", []).prefix(20))
        #expect(throws: ResultError.invalidScoreMap(reason: ".npy: truncated header")) {
            try AnomalyMapFormat.scoreMap(short, threshold: 0.5)
        }
    }

    @Test("an RGB PNG is not a score map")
    func colourPNG() throws {
        let rgb = [UInt8](
            try Data(
                contentsOf: Self.folder.deletingLastPathComponent().appendingPathComponent("cookies/anomaly-5.mask.png")
            ))
        do {
            _ = try AnomalyMapFormat.scoreMap(rgb, threshold: 0.5)
            Issue.record("accepted a colour PNG")
        } catch {
            #expect(error.description.contains("expected greyscale"), "\(error.description)")
        }
    }

    @Test("maps are looked for beside the image")
    func paths() {
        #expect(
            AnomalyMapFormat().resultPaths(forImage: "dir/a.b.jpg") == [
                "dir/a.b.anomaly_map.png", "dir/a.b.anomaly_map.npy", "dir/a.b_map.png",
            ])
    }
}
