/// MVTec AD-style dataset trees (source name `mvtec`), one category per root:
///
/// ```
/// <category>/test/<defect>/NNN.png              the test images; the defect folder names the class
/// <category>/test/good/NNN.png                  normal images (no mask)
/// <category>/ground_truth/<defect>/NNN_mask.png binary masks: white (255) anomaly on black
/// <category>/train/good/…                       training images (not read)
/// ```
///
/// A root is recognised by having both a `test` and a `ground_truth` folder. Images are `test/<defect>/<name>`
/// with a `.png`, `.jpg` or `.jpeg` extension (any case), one folder deep; their mask is
/// `ground_truth/<defect>/<stem>_mask.png`. Masks are binary, so IoU is class-agnostic (the truth's anomaly
/// pixels against every predicted anomaly pixel), named after the defect folder.
public struct MVTecLayout: GroundTruthSource {
    /// `mvtec`.
    public let name = "mvtec"
    /// The folder of test images.
    package static let testFolder = "test"
    /// The folder of masks.
    static let truthFolder = "ground_truth"
    /// The defect folder of normal images.
    static let normalFolder = "good"
    /// What a mask's name adds to its image's stem.
    static let maskSuffix = "_mask.png"

    /// The layout.
    public init() {}

    /// A root has `test` and `ground_truth` (`GroundTruthSource.recognises(entries:)`).
    public func recognises(entries: [String]) -> Bool {
        entries.contains(Self.testFolder) && entries.contains(Self.truthFolder)
    }

    /// `test/<defect>/<image>` (`GroundTruthSource.isImage(_:)`).
    public func isImage(_ relativePath: String) -> Bool { parts(relativePath) != nil }

    /// `good` is normal without mask; any other defect folder is anomalous with
    /// `ground_truth/<defect>/<stem>_mask.png` (`GroundTruthSource.truth(forImage:)`).
    public func truth(forImage relativePath: String) -> GroundTruth? {
        guard let (defect, stem) = parts(relativePath) else { return nil }
        if defect == Self.normalFolder {
            return .binary(source: name, className: defect, isAnomalous: false, maskPath: nil)
        }
        return .binary(
            source: name, className: defect, isAnomalous: true,
            maskPath: "\(Self.truthFolder)/\(defect)/\(stem)\(Self.maskSuffix)")
    }

    /// The defect folder and the file's stem of a test image's path, nil for any other path.
    private func parts(_ path: String) -> (defect: String, stem: String)? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count == 3, components[0] == Self.testFolder, !components[1].isEmpty,
            !components[1].hasPrefix("."), let dot = components[2].lastIndex(of: "."),
            dot != components[2].startIndex
        else { return nil }
        let ext = components[2][components[2].index(after: dot)...].lowercased()
        guard ["png", "jpg", "jpeg"].contains(ext) else { return nil }
        return (String(components[1]), String(components[2][..<dot]))
    }
}
