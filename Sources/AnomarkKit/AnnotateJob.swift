import Codecs
import Detections
import Foundation
import Overlay
import Raster

/// One `anomark annotate` run: read the inputs, annotate, encode, write the output as `OutputFile` says.
public struct AnnotateJob: Sendable {
    /// The image path as given.
    public var imagePath: String
    /// The result file path, or `-` for standard input; nil with only `anomalyMapPath`.
    public var resultPath: String?
    /// An anomaly score map (grey PNG or `.npy`) to paint (`--anomaly-map`); the result, if any, is its sidecar.
    public var anomalyMapPath: String?
    /// How to read it (`--input-format`): sniffed by default.
    public var inputFormat: ResultFormats
    /// A mask PNG to use instead of the result's `AnomalyMask` (or a capture record's `mask.png`).
    public var maskPath: String?
    /// `--truth`: a binary ground-truth mask (white anomaly on black, as MVTec AD's) to compare the prediction
    /// with; the output then shows their agreement per pixel and the IoU.
    public var truthPath: String?
    /// `--path-map`: where a capture record's absolute references are now.
    public var pathMap: PathMap = .init()
    /// Output path (`-`: standard output, see `OutputFile`); nil → `<image stem>.annotated.png` in the current
    /// directory.
    public var outputPath: String?
    /// How the image is annotated.
    public var options: AnnotateOptions
    /// PNG encoder settings (ignored for a `.jpg` output).
    public var png: PNG.EncodeOptions
    /// JPEG quality for a `.jpg` output (1…100).
    public var jpegQuality: Int
    /// The output format when given (`--output-format`); nil decides by the output's extension.
    public var outputFormat: OutputFormat.Name?

    /// A job; nothing is read until `run`.
    public init(
        imagePath: String, resultPath: String?, anomalyMapPath: String? = nil, maskPath: String? = nil,
        outputPath: String? = nil,
        options: AnnotateOptions = .init(), png: PNG.EncodeOptions = .init(), jpegQuality: Int = 90,
        inputFormat: ResultFormats = .auto,
        outputFormat: OutputFormat.Name? = nil
    ) {
        self.outputFormat = outputFormat
        self.imagePath = imagePath
        self.resultPath = resultPath
        self.anomalyMapPath = anomalyMapPath
        self.inputFormat = inputFormat
        self.maskPath = maskPath
        self.outputPath = outputPath
        self.options = options
        self.png = png
        self.jpegQuality = jpegQuality
    }

    /// `<image stem>.annotated.png`, in the current directory.
    static func defaultOutputPath(for imagePath: String) -> String {
        let name = PathName.stem(imagePath)
        return "\(name.isEmpty || name == "/" ? "image" : name).annotated.png"
    }

    /// What a finished run reports.
    public struct Outcome: Sendable {
        /// Where the image was written.
        public var outputPath: String
        /// The annotation: pixels, warnings, what was measured.
        public var annotation: Annotation
        /// What the result file said.
        public var detection: Detection
        /// The size of the encoded output.
        public var bytesWritten: Int
    }

    /// Runs the job. On failure nothing is written and an existing output file is left as it was.
    public func run(annotator: Annotator) throws(AnomarkError) -> Outcome {
        let output = outputPath ?? Self.defaultOutputPath(for: imagePath)
        // Before reading anything: an output that is an input (or a socket) is refused, not overwritten; then a
        // name we cannot write in any format we have is a usage error, whatever the inputs hold.
        let destination = try OutputFile.check(
            output,
            inputs: [
                ("the image", imagePath), ("the result", resultPath), ("--mask", maskPath),
                ("--anomaly-map", anomalyMapPath), ("--truth", truthPath),
            ])
        let format = try OutputFormat.forPath(output, named: outputFormat, png: png, jpegQuality: jpegQuality)
        let (annotation, detection) = try annotate(annotator: annotator, output: output)
        let bytes = try Self.encode(annotation.image, format: format, name: output)
        try destination.write(bytes)
        return Outcome(outputPath: output, annotation: annotation, detection: detection, bytesWritten: bytes.count)
    }

    /// Reads the inputs and annotates exactly as `run` does — a capture record chosen for the image, an anomaly
    /// map found beside it — but writes nothing: for callers that want the pixels (the `Anomark` library).
    public func annotate(annotator: Annotator) throws(AnomarkError) -> (annotation: Annotation, detection: Detection) {
        try annotate(annotator: annotator, output: nil)
    }

    /// The reading half of `run`; `output`, when there is one, must not be a capture record's mask either.
    private func annotate(annotator: Annotator, output: String?) throws(AnomarkError) -> (
        annotation: Annotation, detection: Detection
    ) {
        var resultName = resultPath == "-" ? "<stdin>" : resultPath ?? anomalyMapPath ?? "result"
        // The result first: it is small, and a bad one should not cost an image decode.
        var detection: Detection?
        var maskPath = self.maskPath
        if let resultPath {
            let resultBytes = try FileIO.read(resultPath, maxBytes: Self.maxResultBytes)
            if resultPath != "-" && inputFormat.claimsRecords(resultBytes) {
                let record = try captureRecord(in: resultBytes, name: resultName)
                detection = record.detection
                if maskPath == nil, let recordMask = record.mask {
                    // The capture's mask is an input too: the output must not replace it.
                    if let output { _ = try OutputFile.check(output, inputs: [("the capture's mask", recordMask)]) }
                    maskPath = recordMask
                }
            } else {
                detection = try Self.decodeResult(resultBytes, name: resultName, format: inputFormat)
            }
        }
        // A map found beside the image is an input too (one given with --anomaly-map was checked with the rest).
        if let output, anomalyMapPath == nil, let beside = Self.anomalyMapBeside(imagePath, for: detection) {
            _ = try OutputFile.check(output, inputs: [("the anomaly map", beside)])
        }
        if let mapped = try Self.attachAnomalyMap(
            to: detection, imagePath: imagePath, mapPath: anomalyMapPath, threshold: options.mapThreshold)
        {
            if anomalyMapPath != nil || detection?.mask == nil { resultName = mapped.mapName ?? resultName }
            detection = mapped.detection
        }
        guard let detection else {
            throw AnomarkError(.usage, file: imagePath, "no result: give RESULT or --anomaly-map")
        }
        let image = try FileIO.read(imagePath)
        let mask = try maskPath.map { path throws(AnomarkError) in try FileIO.read(path) }
        var input = AnnotateInput(
            image: image, imageName: imagePath, detection: detection, resultName: resultName, mask: mask,
            maskName: maskPath)
        if let truthPath {
            input.truth = Self.binaryTruth(mask: try FileIO.read(truthPath))
            input.truthName = truthPath
        }
        return (try annotator.annotate(input, options: options), detection)
    }

    /// A binary ground-truth mask (`--truth`) as a detection without verdict: one class, `anomaly`, in white on
    /// black (MVTec AD's masks), labelled like any mask (alpha ≥ 128, `--color-tolerance`).
    static func binaryTruth(mask: [UInt8]) -> Detection {
        GroundTruth.binary(source: "mvtec", className: "anomaly", isAnomalous: nil, maskPath: nil).detection(mask: mask)
    }

    /// A result is small: 64 MiB at most.
    static let maxResultBytes = 64 << 20

    /// Reads and validates a result file (`-` = standard input) in `format` (sniffed by `.auto`).
    package static func readResult(_ path: String, format: ResultFormats = .auto) throws(AnomarkError) -> Detection {
        let name = path == "-" ? "<stdin>" : path
        return try decodeResult(FileIO.read(path, maxBytes: maxResultBytes), name: name, format: format)
    }

    static func decodeResult(_ bytes: [UInt8], name: String, format: ResultFormats) throws(AnomarkError) -> Detection {
        do {
            return try format.read(bytes)
        } catch {
            throw AnomarkError(.badData, file: name, error.description)
        }
    }

    /// The record of a capture file (the DDA's JSON Lines) for this image: the one whose image has the same file
    /// name, else the file's only record. Its mask reference comes back mapped (`pathMap`) and resolved against
    /// the capture file's folder; a failed capture is an error carrying its message.
    func captureRecord(in bytes: [UInt8], name: String) throws(AnomarkError) -> (detection: Detection, mask: String?) {
        let folder = URL(fileURLWithPath: resultPath ?? ".").deletingLastPathComponent().path
        let imageName = URL(fileURLWithPath: imagePath).lastPathComponent
        var records: [(line: Int, record: CaptureRecord)] = []
        for (lineNumber, line) in JSONLines.lines(bytes) {
            do throws(ResultError) {
                let value: JSONValue
                do throws(JSONReadError) {
                    value = try JSONValue.parse(Array(line))
                } catch {
                    throw ResultError.invalidJSON(reason: "\(error)")
                }
                guard let record = try inputFormat.record(line: value) else {
                    throw ResultError.notAnObject(found: "a line that is not a capture record")
                }
                records.append((lineNumber, record))
            } catch {
                throw AnomarkError(.badData, file: name, "line \(lineNumber): \(error.description)")
            }
        }
        let local = { (reference: String) in
            PathMap.resolve(pathMap.localPath(for: reference) ?? reference, against: folder)
        }
        let matching = records.filter { URL(fileURLWithPath: local($0.record.image)).lastPathComponent == imageName }
        // Without a match, the only record is taken when the format was named: `auto` would otherwise draw
        // another image's result without a word.
        let only = records.count == 1 && inputFormat.name != "auto" ? records.first : nil
        guard let (line, record) = matching.first ?? only else {
            let names = records.prefix(3).map { URL(fileURLWithPath: local($0.record.image)).lastPathComponent }
            throw AnomarkError(
                .badData, file: name,
                "no capture record is for \(imageName) (records are for "
                    + names.joined(separator: ", ") + (records.count > 3 ? ", …" : "")
                    + "; --input-format dda takes a file's only record whatever its image)")
        }
        if let failure = record.failure {
            throw AnomarkError(.badData, file: name, "line \(line): inference failed: \(failure)")
        }
        if self.maskPath == nil, let reference = record.mask, !FileManager.default.fileExists(atPath: local(reference))
        {
            throw AnomarkError(
                .inputMissing, file: name,
                "line \(line): the mask \(local(reference)) is not there (map the capture machine's folder with "
                    + "--path-map OLD=NEW)")
        }
        return (record.detection, record.mask.map(local))
    }

    /// Completes an anomaly-map detection: the map of `mapPath` (`--anomaly-map`), else — for a sidecar read
    /// without a map — the first of `AnomalyMapFormat.mapPaths` beside the image; then `threshold`
    /// (`--map-threshold`) applied. Returns nil when there is no anomaly map in play (a Lookout result is
    /// returned untouched as nil), else the detection and the map file's name (nil when the map came inline).
    package static func attachAnomalyMap(
        to detection: Detection?, imagePath: String, mapPath: String?, threshold: Double?
    ) throws(AnomarkError) -> (detection: Detection, mapName: String?)? {
        let format = AnomalyMapFormat()
        let path = mapPath ?? anomalyMapBeside(imagePath, for: detection)
        var result = detection
        if let path {
            let bytes = try FileIO.read(path, maxBytes: 64 << 20)
            let sidecarThreshold = detection?.verdict?.threshold ?? AnomalyMapFormat.defaultThreshold
            let map: ScoreMap
            do {
                map = try AnomalyMapFormat.scoreMap(bytes, threshold: sidecarThreshold)
            } catch {
                throw AnomarkError(.badData, file: path, error.description)
            }
            if var sidecar = detection {
                sidecar.mask = .scores(map)
                result = sidecar
            } else {
                result = AnomalyMapFormat.detection(map: map)
            }
        }
        guard var result, result.source.format == format.name || path != nil else { return nil }
        if let threshold { result = result.withMapThreshold(threshold) }
        return (result, path)
    }

    /// The score map beside `imagePath` (`<stem>.anomaly_map.png|npy`, `<stem>_map.png`, the first that exists)
    /// when `detection` is an anomaly-map sidecar without a map of its own; nil otherwise.
    static func anomalyMapBeside(_ imagePath: String, for detection: Detection?) -> String? {
        guard let detection, detection.source.format == AnomalyMapFormat().name, detection.mask == nil else {
            return nil
        }
        let folder = (imagePath as NSString).deletingLastPathComponent
        return AnomalyMapFormat.mapPaths(forImage: (imagePath as NSString).lastPathComponent)
            .map { folder.isEmpty ? $0 : folder + "/" + $0 }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Encodes an image as PNG or JPEG; failures name the output file.
    public static func encode(_ image: Pixmap, format: OutputFormat, name: String) throws(AnomarkError) -> [UInt8] {
        do {
            switch format {
            case .png(let options): return try PNG.encode(image, options: options)
            case .jpeg(let quality): return try JPEG.encode(image, quality: quality)
            }
        } catch {
            throw AnomarkError(.cannotCreate, file: name, error.description)
        }
    }
}
