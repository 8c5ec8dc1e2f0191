import AnomarkKit
import Detections
import Foundation

/// MVTec AD-style trees (the `mvtec` ground-truth source, `MVTecLayout`): a folder INPUT holding `test/` and
/// `ground_truth/` is one category. Its items are the images `test/<defect>/<name>` (keyed by that relative
/// path, in name order), each with its truth: `good` is normal without mask, any other defect folder anomalous
/// with `ground_truth/<defect>/<stem>_mask.png` (a missing mask makes the item fail, naming the path).
/// Predictions mirror the tree under `--results` (`<results>/test/<defect>/<name>.json`, `.out` or any input
/// format's file); without `--results` they are looked for beside the images, and an image without one shows
/// its ground truth alone. Training images (`train/`) are not read.
extension ReportInputs {
    /// The folder layout `folder` is in, judged by its entries; nil for a plain folder of images.
    static func groundTruthLayout(of folder: String) -> (any GroundTruthSource)? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        return GroundTruthSources.layout(forEntries: entries)
    }

    /// The items of a dataset root in `layout`.
    func layoutItems(_ root: String, layout: any GroundTruthSource) throws(AnomarkError) -> [ReportItem] {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        let test = URL(fileURLWithPath: base).appendingPathComponent(MVTecLayout.testFolder).standardizedFileURL
        guard
            let walker = FileManager.default.enumerator(
                at: test, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        else {
            throw AnomarkError(.inputMissing, file: test.path, "cannot list the folder")
        }
        let prefix = test.path + "/"
        var relatives: [String] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = MVTecLayout.testFolder + "/" + path.dropFirst(prefix.count)
            if layout.isImage(relative) { relatives.append(relative) }
        }
        relatives.sort()
        // The defect folders' own result files are not photos (an anomaly map beside its image).
        let claimed = Set(relatives.flatMap { inputFormat.resultPaths(forImage: $0) })
        return relatives.filter { !claimed.contains($0) }.map { relative in
            let imagePath = base + "/" + relative
            var truth = layout.truth(forImage: relative)
            var problem: String?
            if let mask = truth?.maskPath {
                let maskPath = base + "/" + mask
                truth?.maskPath = maskPath
                if !FileManager.default.fileExists(atPath: maskPath) {
                    problem = "\(maskPath): no such file (the ground-truth mask of \(relative))"
                }
            }
            let candidates = resultCandidates(relativePath: relative, root: resultsDirectory ?? base)
            let found = candidates.first { FileManager.default.fileExists(atPath: $0) }
            let inputs = [imagePath] + (truth?.maskPath.map { [$0] } ?? []) + (found.map { [$0] } ?? [])
            return ReportItem(
                key: relative, imagePath: imagePath, result: found.map { .file($0) } ?? .none,
                resultExpected: resultsDirectory != nil, resultCandidates: candidates, truth: truth,
                inputFiles: inputs, problem: problem)
        }
    }
}
