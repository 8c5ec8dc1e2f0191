import Codecs
import Foundation
import GoldenImage
import Raster

/// One `anomark diff` run: decode two images, compare them, optionally write a diff image.
///
/// Exit status: 0 within tolerance, 1 pixels differ, 2 sizes differ; bad input is an `AnomarkError` (64+).
public struct DiffJob: Sendable {
    /// The golden (expected) image's path.
    public var expectedPath: String
    /// The actual image's path.
    public var actualPath: String
    /// The tolerances, validated when the job runs.
    public var options: CompareOptions
    /// Where to write the diff image (nil: none; `-`: standard output, see `OutputFile`).
    public var diffPath: String?
    /// Write expected | actual | diff side by side instead of the diff alone.
    public var composite: Bool

    /// A comparison of two image files, exact unless `options` say otherwise.
    public init(
        expectedPath: String, actualPath: String, options: CompareOptions = .exact, diffPath: String? = nil,
        composite: Bool = false
    ) {
        self.expectedPath = expectedPath
        self.actualPath = actualPath
        self.options = options
        self.diffPath = diffPath
        self.composite = composite
    }

    /// What a comparison concluded, with the exit status it maps to.
    public struct Outcome: Sendable {
        /// What the comparison found.
        public var result: CompareResult
        /// 0 pass, 1 pixels differ, 2 sizes differ.
        public var exitStatus: Int32 {
            switch result.verdict {
            case .pass: return 0
            case .differs: return 1
            case .sizeMismatch: return 2
            }
        }
    }

    /// Decodes both images, compares them and writes the diff image when asked; refuses a diff path that is one of the inputs.
    public func run() throws(AnomarkError) -> Outcome {
        let validated: CompareOptions
        do {
            validated = try options.validated()
        } catch {
            throw AnomarkError(.usage, file: nil, error.description)
        }
        // Before reading anything: a diff image over the golden (or the actual) image is refused.
        let destination = try diffPath.map { path throws(AnomarkError) in
            try OutputFile.check(
                path, inputs: [("the expected image", expectedPath), ("the actual image", actualPath)])
        }
        let expected = try Self.decode(expectedPath)
        let actual = try Self.decode(actualPath)
        let result = ImageComparison.compare(expected: expected, actual: actual, options: validated)
        if let diffPath, let destination {
            let sizes = (expected: result.expectedSize, actual: result.actualSize)
            guard DiffImage.size(expected: sizes.expected, actual: sizes.actual, composite: composite) != nil else {
                let limit = DiffImage.maxPixels(expected: sizes.expected, actual: sizes.actual)
                throw AnomarkError(
                    .cannotCreate, file: diffPath,
                    "a diff image of \(sizes.expected) and \(sizes.actual) images would have more than \(limit) pixels")
            }
            let image =
                composite
                ? DiffImage.composite(expected: expected, actual: actual, result: result, options: .init())
                : DiffImage.render(expected: expected, actual: actual, result: result, options: .init())
            let bytes = try AnnotateJob.encode(image, format: .png(.default), name: diffPath)
            try destination.write(bytes)
        }
        return Outcome(result: result)
    }

    /// Decodes an image file as stored (no EXIF turn: goldens compare pixels as written).
    static func decode(_ path: String) throws(AnomarkError) -> Pixmap {
        let bytes = try FileIO.read(path)
        do {
            return try ImageDecoder.decode(bytes).pixmap
        } catch {
            throw AnomarkError(.badData, file: path, error.description)
        }
    }

    /// The result as pretty-printed JSON (`--json`).
    public static func json(_ result: CompareResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? String(decoding: encoder.encode(result), as: UTF8.self)) ?? "{}"
    }
}
