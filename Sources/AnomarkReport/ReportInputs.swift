import AnomarkKit
import Detections
import Foundation
import Overlay

/// Turns the command line's INPUTs into report items: folders of images with results beside them, image files,
/// JSON Lines lists (`{"image", "result"}`), Lookout for Vision / Ground Truth manifests and capture records
/// (the DDA's `.jsonl`: one item per record, its image, mask and overlay named by the record), and MVTec
/// AD-style trees (a folder with `test/` and `ground_truth/`: see `layoutItems`).
///
/// Capture files in a folder (`.jsonl` files an input format claims as records) become their records' items,
/// and the files those records name (image, mask, overlay) are not listed again as images. References go
/// through `--path-map` first (`file://` URLs become paths), then relative ones resolve against `--base DIR`
/// when given (manifests and JSON Lines lists), else against the folder of the file naming them. A record's key is its image's path relative to the folder walked (or holding the
/// capture file), never the capture machine's absolute path.
///
/// Folders are walked recursively in name order, following links to folders once (a link back to a folder being
/// walked, a cycle, or to one walked already is not followed again, with a warning); hidden entries, `*.mask.png` (ground-truth masks, not
/// photos), the report's own output folder (compared by device and inode) and any folder holding a report
/// (a `.anomark/` folder) are skipped; a report written into the walked folder itself skips its own files. Each image (`.jpg`, `.jpeg`, `.png`, any case) is
/// paired with the first of `<image file name>.out`, `<image file name>.json`, `<stem>.json` beside it, else at
/// the mirrored place under `resultsDirectory`: a result beside the image wins over one under `--results`. Relative paths in a JSON Lines file resolve against its
/// folder. Reading a line never stops the run: a bad line becomes a failed item with the reason.
struct ReportInputs: Sendable {
    /// `--results DIR`: where results live when not beside the images (mirrored relative names).
    var resultsDirectory: String?
    /// `--path-map` (`--s3-map`) rules for manifests and capture records.
    var pathMap: PathMap
    /// Folders never scanned (the report's output folder).
    var excludedDirectories: [String]
    /// `--input-format`: which files beside an image are its result, and how inline results are read.
    var inputFormat: ResultFormats
    /// `--base DIR`: the folder relative references of manifests and JSON Lines lists resolve against (after
    /// `--path-map`); nil: the folder of the file naming them.
    var baseDirectory: String?

    /// Image extensions, lower case.
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png"]

    /// A finder; see the properties.
    init(
        resultsDirectory: String? = nil, pathMap: PathMap = .init(), excludedDirectories: [String] = [],
        inputFormat: ResultFormats = .auto, baseDirectory: String? = nil
    ) {
        self.baseDirectory = baseDirectory
        self.resultsDirectory = resultsDirectory
        self.pathMap = pathMap
        self.excludedDirectories = excludedDirectories
        self.inputFormat = inputFormat
    }

    /// All items of all inputs, sorted by key, with unique output names.
    ///
    /// Throws `.inputMissing` for an INPUT that does not exist; problems inside an input become failed items.
    func items(for inputs: [String]) throws(AnomarkError) -> [ReportItem] {
        var warnings: [String] = []
        return try items(for: inputs, warnings: &warnings)
    }

    /// All items of all inputs, and in `warnings` what the walk of folders left out (links to folders walked
    /// already, cycles, dangling links).
    func items(for inputs: [String], warnings: inout [String]) throws(AnomarkError) -> [ReportItem] {
        var items: [ReportItem] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw AnomarkError(.inputMissing, file: input, "no such file or folder")
            }
            if isDirectory.boolValue, let layout = Self.groundTruthLayout(of: input) {
                items += try layoutItems(input, layout: layout)
            } else if isDirectory.boolValue {
                items += try folderItems(input, warnings: &warnings)
            } else if Self.isImage(input) {
                let name = URL(fileURLWithPath: input).lastPathComponent
                let folder = URL(fileURLWithPath: input).deletingLastPathComponent().path
                items.append(imageItem(key: name, imagePath: input, besideRoot: folder))
            } else {
                items += try lineItems(input)
            }
        }
        return Self.assignNames(items)
    }

    /// Sorts by key (stable) and gives each item its unique output name.
    static func assignNames(_ items: [ReportItem]) -> [ReportItem] {
        var sorted = items.enumerated().sorted {
            $0.element.key != $1.element.key
                ? $0.element.key < $1.element.key
                : $0.offset < $1.offset
        }.map(\.element)
        let names = ReportNaming.uniqueStems(for: sorted.map(\.key))
        for i in sorted.indices { sorted[i].name = names[i] }
        return sorted
    }

    /// True for `.jpg`, `.jpeg`, `.png` in any case, except `*.mask.png`.
    static func isImage(_ path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".mask.png") { return false }
        guard let dot = lower.lastIndex(of: ".") else { return false }
        return imageExtensions.contains(String(lower[lower.index(after: dot)...]))
    }

    // MARK: Folders

    func folderItems(_ folder: String, warnings: inout [String]) throws(AnomarkError) -> [ReportItem] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        // Folders are compared by device and inode, not by path: `-o link/report` or `-o ../x/report` is the same
        // folder as the `report` the walk meets. Any folder holding a report (its `.anomark/`) is skipped too,
        // wherever it sits: the outputs of another report are not photos to annotate.
        let excluded = Set(excludedDirectories.compactMap(Self.fileID))
        let rootIsReport = Self.fileID(root.path).map(excluded.contains) == true || Self.holdsReport(root.path)
        guard FileManager.default.isReadableFile(atPath: root.path) else {
            throw AnomarkError(.inputMissing, file: folder, "cannot list the folder")
        }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let files = Self.walk(root.path, display: folder, excluded: excluded, rootIsReport: rootIsReport)
        warnings += files.warnings
        var relatives: [String] = []
        var lists: [String] = []
        for relative in files.files {
            if Self.isImage(relative) {
                if rootIsReport && relative.hasPrefix("contact-sheet") && !relative.contains("/") { continue }
                relatives.append(relative)
            } else if relative.lowercased().hasSuffix(".jsonl") {
                lists.append(relative)
            }
        }
        relatives.sort()
        lists.sort()
        // A file an input format claims beside another image (`a.anomaly_map.png`, `a_map.png` beside `a.jpg`)
        // is that image's result, not a photo of its own.
        let claimed = Set(relatives.flatMap { inputFormat.resultPaths(forImage: $0) })
        relatives.removeAll { claimed.contains($0) }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        // Capture files: their records are the items, and the files they name are not photos of their own.
        var items: [ReportItem] = []
        var named = Set<String>()
        for rel in lists {
            let path = base + "/" + rel
            guard let bytes = try? FileIO.read(path, maxBytes: Self.maxListBytes), inputFormat.claimsRecords(bytes)
            else { continue }
            let records = try lineItems(path, bytes: bytes, keyRoot: root.path)
            for item in records {
                named.formUnion(item.namedFiles.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
            }
            items += records
        }
        for rel in relatives where !named.contains(prefix + rel) {
            items.append(imageItem(key: rel, imagePath: base + "/" + rel, besideRoot: base))
        }
        return items
    }

    /// The files under `root` (relative paths), walked in name order without hidden entries, excluded folders or
    /// folders holding a report. Links to folders are followed once the real folders are walked, each folder
    /// once: a link back to a folder it lies in (a cycle) or to a folder walked already is not followed, with a
    /// warning naming it. A dangling link or a subfolder that cannot be listed is left out with a warning.
    static func walk(_ root: String, display: String, excluded: Set<FileID>, rootIsReport: Bool) -> (
        files: [String], warnings: [String]
    ) {
        var files: [String] = []
        var warnings: [String] = []
        var visited: [FileID: String] = [:]
        var links: [(path: String, relative: String, ancestors: Set<FileID>)] = []
        let shown = display.hasSuffix("/") && display != "/" ? String(display.dropLast()) : display
        func named(_ relative: String) -> String { relative.isEmpty ? shown : "\(shown)/\(relative)" }
        func descend(_ path: String, relative: String, ancestors: Set<FileID>) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                warnings.append("\(named(relative)): cannot list the folder; left out")
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = path + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard stat(full, &info) == 0 else {
                    warnings.append("\(named(rel)): a link to nothing; left out")
                    continue
                }
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    if (info.st_mode & S_IFMT) == S_IFREG { files.append(rel) }
                    continue
                }
                var own = stat()
                if lstat(full, &own) == 0 && (own.st_mode & S_IFMT) == S_IFLNK {
                    links.append((full, rel, ancestors))
                    continue
                }
                enter(full, relative: rel, id: FileID(info), ancestors: ancestors)
            }
        }
        func enter(_ path: String, relative: String, id: FileID, ancestors: Set<FileID>) {
            if excluded.contains(id) || holdsReport(path) { return }
            // A report written into the image folder itself: its images are its own outputs.
            if rootIsReport && !relative.contains("/") && reportFolders.contains(relative) { return }
            visited[id] = relative
            descend(path, relative: relative, ancestors: ancestors.union([id]))
        }
        var top = Set<FileID>()
        if let id = fileID(root) {
            visited[id] = ""
            top.insert(id)
        }
        descend(root.hasSuffix("/") && root != "/" ? String(root.dropLast()) : root, relative: "", ancestors: top)
        // Links last, in the order met: the real folders keep their own names, and each folder is walked once.
        var next = 0
        while next < links.count {
            let link = links[next]
            next += 1
            guard let id = fileID(link.path), let target = realPath(link.path) else { continue }
            let place = realPath((link.path as NSString).deletingLastPathComponent) ?? ""
            if link.ancestors.contains(id) || place == target || place.hasPrefix(target == "/" ? "/" : target + "/") {
                // A link to a folder it lies in, walked or not (one above the walked folder too).
                warnings.append(
                    "\(named(link.relative)): a link back to \(visited[id].map(named) ?? target) (a cycle); not followed"
                )
            } else if let earlier = visited[id] {
                warnings.append(
                    "\(named(link.relative)): a link to \(named(earlier)), walked already; not walked again")
            } else {
                enter(link.path, relative: link.relative, id: id, ancestors: link.ancestors)
            }
        }
        return (files, warnings)
    }

    /// The absolute path of `path` with every link resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The subfolders a report writes images into (`ReportLayout`).
    static let reportFolders: Set<String> = [ReportLayout.annotatedFolder, ReportLayout.thumbnailsFolder]

    /// Device and inode of the file or folder at `path` (following links), nil when it does not exist.
    static func fileID(_ path: String) -> FileID? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// A file's identity whatever its path.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64

        init(device: UInt64, inode: UInt64) {
            self.device = device
            self.inode = inode
        }

        init(_ info: stat) { self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) }
    }

    /// True for a folder a report wrote (it has the report's `.anomark/` folder).
    static func holdsReport(_ folder: String) -> Bool {
        var info = stat()
        return stat(folder + "/" + ReportLayout.markerFolder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The largest JSON Lines file read (a capture file holds one record of a few KB; a list, a line per image).
    static let maxListBytes = 1 << 30

    /// An item for an image whose result is looked up beside it (under `besideRoot` at the key's relative
    /// place), then at the mirrored place under `--results`: a result beside the image wins.
    func imageItem(key: String, imagePath: String, besideRoot: String) -> ReportItem {
        var candidates = resultCandidates(relativePath: key, root: besideRoot)
        if let resultsDirectory { candidates += resultCandidates(relativePath: key, root: resultsDirectory) }
        let found = candidates.first { FileManager.default.fileExists(atPath: $0) }
        return ReportItem(
            key: key, imagePath: imagePath, result: found.map { .file($0) } ?? .none, resultExpected: true,
            resultCandidates: candidates, inputFiles: [imagePath] + (found.map { [$0] } ?? []))
    }

    /// The places under `root` where the input formats look for the result of the image at `rel` (for
    /// `lookout`: `<rel>.out`, `<rel>.json`, `<rel without extension>.json`).
    func resultCandidates(relativePath rel: String, root: String) -> [String] {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        return inputFormat.resultPaths(forImage: rel).map { "\(base)/\($0)" }
    }

    // MARK: JSON Lines and manifests

    /// The items of a JSON Lines file; record keys are relative to `keyRoot` (default: the file's folder).
    func lineItems(_ file: String, bytes given: [UInt8]? = nil, keyRoot: String? = nil) throws(AnomarkError)
        -> [ReportItem]
    {
        let bytes: [UInt8]
        if let given { bytes = given } else { bytes = try FileIO.read(file) }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        var items: [ReportItem] = []
        for (lineNumber, line) in JSONLines.lines(bytes) {
            do throws(ReportLineError) {
                switch try ReportLine.parse([UInt8](line), format: inputFormat) {
                case .list(let entry): items.append(listItem(entry, folder: folder, listFile: file))
                case .manifest(let entry): items.append(manifestItem(entry, folder: folder, manifest: file))
                case .record(let record):
                    items.append(
                        recordItem(
                            record, folder: folder, keyRoot: keyRoot ?? folder, captureFile: file,
                            where: "\(file): line \(lineNumber)"))
                }
            } catch {
                items.append(
                    ReportItem(
                        key: "\(fileName) line \(lineNumber)", imagePath: nil, inputFiles: [file],
                        problem: "\(file): line \(lineNumber): \(error.description)"))
            }
        }
        if items.isEmpty {
            throw AnomarkError(.badData, file: file, "not a folder, an image or a JSON Lines file with entries")
        }
        return items
    }

    func listItem(_ entry: ReportLine.ListEntry, folder: String, listFile: String) -> ReportItem {
        let folder = baseDirectory ?? folder
        let key = Self.normalizedKey(entry.image)
        let imagePath = PathMap.resolve(entry.image, against: folder)
        switch entry.result {
        case .none:
            return ReportItem(key: key, imagePath: imagePath, inputFiles: [imagePath])
        case .path(let path)?:
            let resolved = PathMap.resolve(path, against: folder)
            return ReportItem(
                key: key, imagePath: imagePath, result: .file(resolved), inputFiles: [imagePath, resolved])
        case .object(let detection)?:
            return ReportItem(
                key: key, imagePath: imagePath, result: .inline(detection), inputFiles: [imagePath, listFile])
        }
    }

    func manifestItem(_ entry: ReportLine.ManifestEntry, folder: String, manifest: String) -> ReportItem {
        let key = Self.normalizedKey(PathMap.keyPath(for: entry.sourceRef))
        func failed(_ reason: String) -> ReportItem {
            ReportItem(key: key, imagePath: nil, inputFiles: [manifest], problem: "\(manifest): \(reason)")
        }
        guard let mappedImage = pathMap.localPath(for: entry.sourceRef) else {
            return failed("no --s3-map rule covers \(entry.sourceRef)")
        }
        let folder = baseDirectory ?? folder
        let imagePath = PathMap.resolve(mappedImage, against: folder)
        var isAnomalous: Bool?
        if let label = entry.anomalyLabel {
            guard label == 0 || label == 1 else { return failed("anomaly-label: expected 0 or 1, got \(label)") }
            isAnomalous = label == 1
        }
        var maskPath: String?
        if let ref = entry.anomalyMaskRef {
            guard let mapped = pathMap.localPath(for: ref) else { return failed("no --s3-map rule covers \(ref)") }
            maskPath = PathMap.resolve(mapped, against: folder)
        }
        var classes: [Anomaly] = []
        if let map = entry.anomalyMaskRefMetadata?.internalColorMap {
            do throws(ReportLineError) {
                classes = try ReportLine.classes(of: map)
            } catch {
                return failed(error.description)
            }
        }
        if maskPath != nil && classes.filter({ !$0.isBackground }).isEmpty {
            return failed("anomaly-mask-ref-metadata.internal-color-map: no anomaly classes for the mask")
        }
        let truth = ReportItem.GroundTruth(isAnomalous: isAnomalous, maskPath: maskPath, classes: classes)
        // Results: beside the image (it wins), then in --results (mirrored key, then the bare file name).
        let url = URL(fileURLWithPath: imagePath)
        var candidates = resultCandidates(
            relativePath: url.lastPathComponent, root: url.deletingLastPathComponent().path)
        if let resultsDirectory {
            candidates += resultCandidates(relativePath: key, root: resultsDirectory)
            let name = URL(fileURLWithPath: key).lastPathComponent
            if name != key { candidates += resultCandidates(relativePath: name, root: resultsDirectory) }
        }
        let found = candidates.first { FileManager.default.fileExists(atPath: $0) }
        var inputs = [imagePath]
        if let maskPath { inputs.append(maskPath) }
        if let found { inputs.append(found) }
        return ReportItem(
            key: key, imagePath: imagePath, result: found.map { .file($0) } ?? .none,
            resultExpected: resultsDirectory != nil, resultCandidates: candidates, truth: truth, inputFiles: inputs)
    }

    /// An item for a capture record: its image and mask mapped and resolved, its failure (if inference failed)
    /// the item's problem, so it is listed with the capture's own message.
    func recordItem(
        _ record: CaptureRecord, folder: String, keyRoot: String, captureFile: String, where place: String
    ) -> ReportItem {
        func local(_ reference: String) -> (path: String, problem: String?) {
            let resolved = PathMap.resolve(pathMap.localPath(for: reference) ?? reference, against: folder)
            let path = resolved.hasPrefix("/") ? URL(fileURLWithPath: resolved).standardizedFileURL.path : resolved
            let plain = PathMap.fileURLPath(reference)
            if plain.hasPrefix("/") && pathMap.rule(for: plain) == nil && !FileManager.default.fileExists(atPath: path)
            {
                return (path, "\(place): \(plain) not found (map the capture machine's folder with --path-map OLD=NEW)")
            }
            // The easy mistake: `OLD=captures` run from captures' parent, when NEW is resolved against the
            // capture file's folder (captures/captures/…). Say so, instead of a bare "no such file" later.
            if let rule = pathMap.rule(for: plain), !rule.directory.hasPrefix("/"),
                !FileManager.default.fileExists(atPath: path)
            {
                let missing = "\(place): \(plain) maps to \(path), which is not there"
                // NEW already names the capture file's folder (`.`, `./`, `../captures`…): the advice would be
                // what the user did; the file is simply missing.
                func standardized(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
                if standardized(PathMap.resolve(rule.directory, against: folder)) == standardized(folder) {
                    return (path, missing)
                }
                return (
                    path,
                    missing + " (a relative NEW, here \(rule.directory), is resolved against the capture file's "
                        + "folder: for files beside it, map to .)"
                )
            }
            return (path, nil)
        }
        let image = local(record.image)
        let key = Self.key(forRecordImage: image.path, under: keyRoot)
        func failed(_ reason: String) -> ReportItem {
            ReportItem(key: key, imagePath: image.path, inputFiles: [captureFile], problem: reason)
        }
        if let failure = record.failure { return failed("\(place): inference failed: \(failure)") }
        if let problem = image.problem { return failed(problem) }
        let mask = record.mask.map(local)
        if let problem = mask?.problem { return failed(problem) }
        var item = ReportItem(
            key: key, imagePath: image.path, result: .inline(record.detection), resultMaskPath: mask?.path,
            inputFiles: [image.path, captureFile] + (mask.map { [$0.path] } ?? []))
        item.companionFiles = record.companions.map { local($0).path }
        return item
    }

    /// The image's path relative to `root` when under it, else its file name: keys never carry the capture
    /// machine's absolute paths.
    static func key(forRecordImage path: String, under root: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if standard.hasPrefix(prefix) { return String(standard.dropFirst(prefix.count)) }
        return URL(fileURLWithPath: path).lastPathComponent
    }

    /// Without leading `./`.
    static func normalizedKey(_ path: String) -> String {
        var key = Substring(path)
        while key.hasPrefix("./") { key = key.dropFirst(2) }
        return key.isEmpty ? path : String(key)
    }
}
