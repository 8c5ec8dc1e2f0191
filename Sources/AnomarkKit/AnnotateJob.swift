import Codecs
import Detections
import Foundation
import Overlay
import Raster

/// One `anomark annotate` run: read the inputs, annotate, encode, write the output as `OutputFile` says.
public struct AnnotateJob: Sendable {
    /// The image path as given.
    public var imagePath: String
    /// The result file path, or `-` for standard input.
    public var resultPath: String
    /// How to read it (`--input-format`): sniffed by default.
    public var inputFormat: ResultFormats
    /// A mask PNG to use instead of the result's `AnomalyMask`.
    public var maskPath: String?
    /// Output path (`-`: standard output, see `OutputFile`); nil → `<image stem>.annotated.png` in the current
    /// directory.
    public var outputPath: String?
    public var options: AnnotateOptions
    /// PNG encoder settings (ignored for a `.jpg` output).
    public var png: PNG.EncodeOptions
    public var jpegQuality: Int
    /// The output format when given (`--output-format`); nil decides by the output's extension.
    public var outputFormat: OutputFormat.Name?

    public init(
        imagePath: String, resultPath: String, maskPath: String? = nil, outputPath: String? = nil,
        options: AnnotateOptions = .init(), png: PNG.EncodeOptions = .init(), jpegQuality: Int = 90,
        inputFormat: ResultFormats = .auto,
        outputFormat: OutputFormat.Name? = nil
    ) {
        self.outputFormat = outputFormat
        self.imagePath = imagePath
        self.resultPath = resultPath
        self.inputFormat = inputFormat
        self.maskPath = maskPath
        self.outputPath = outputPath
        self.options = options
        self.png = png
        self.jpegQuality = jpegQuality
    }

    /// `<image stem>.annotated.png`, in the current directory.
    public static func defaultOutputPath(for imagePath: String) -> String {
        let name = PathName.stem(imagePath)
        return "\(name.isEmpty || name == "/" ? "image" : name).annotated.png"
    }

    /// What a finished run reports.
    public struct Outcome: Sendable {
        public var outputPath: String
        public var annotation: Annotation
        /// What the result file said.
        public var detection: Detection
        public var bytesWritten: Int
    }

    /// Runs the job. On failure nothing is written and an existing output file is left as it was.
    public func run(annotator: Annotator) throws(AnomarkError) -> Outcome {
        let output = outputPath ?? Self.defaultOutputPath(for: imagePath)
        let resultName = resultPath == "-" ? "<stdin>" : resultPath
        // Before reading anything: an output that is an input (or a socket) is refused, not overwritten; then a
        // name we cannot write in any format we have is a usage error, whatever the inputs hold.
        let destination = try OutputFile.check(
            output, inputs: [("the image", imagePath), ("the result", resultPath), ("--mask", maskPath)])
        let format = try OutputFormat.forPath(output, named: outputFormat, png: png, jpegQuality: jpegQuality)
        // The result first: it is small, and a bad one should not cost an image decode.
        let detection = try Self.readResult(resultPath, format: inputFormat)
        let image = try FileIO.read(imagePath)
        let mask = try maskPath.map { path throws(AnomarkError) in try FileIO.read(path) }
        let input = AnnotateInput(
            image: image, imageName: imagePath, detection: detection, resultName: resultName, mask: mask,
            maskName: maskPath)
        let annotation = try annotator.annotate(input, options: options)
        let bytes = try Self.encode(annotation.image, format: format, name: output)
        try destination.write(bytes)
        return Outcome(outputPath: output, annotation: annotation, detection: detection, bytesWritten: bytes.count)
    }

    /// Reads and validates a result file (`-` = standard input) in `format` (sniffed by `.auto`). A result is
    /// small: 64 MiB at most.
    public static func readResult(_ path: String, format: ResultFormats = .auto) throws(AnomarkError) -> Detection {
        let name = path == "-" ? "<stdin>" : path
        let bytes = try FileIO.read(path, maxBytes: 64 << 20)
        do {
            return try format.read(bytes)
        } catch {
            throw AnomarkError(.badData, file: name, error.description)
        }
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
