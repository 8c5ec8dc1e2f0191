import Foundation
import GoldenImage

/// The images of a folder tree, as relative paths, for `anomark diff EXPECTED_DIR ACTUAL_DIR`.
///
/// Recursive; PNG and JPEG by extension (`FolderPairing.isImageName`). Symbolic links are followed only to files
/// inside the tree (a link out of it, or to a folder, is skipped: no escapes, no cycles); sockets, FIFOs and devices
/// are skipped; names that are not UTF-8 are skipped. Folders in `excluded` (the review folder) are not entered.
enum FolderScan {
    /// The most images one tree may hold: beyond, the listing alone would take gigabytes.
    static let maxImages = 1_000_000

    /// Relative `/`-separated paths of the images under `root`, unsorted.
    static func images(in root: String, excluding excluded: [String] = []) throws(AnomarkError) -> [String] {
        var info = stat()
        guard stat(root, &info) == 0 else { throw AnomarkError(.inputMissing, file: root, "no such folder") }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw AnomarkError(.usage, file: root, "is not a folder (give two folders or two image files)")
        }
        guard let real = realPath(root) else { throw AnomarkError(.io, file: root, "cannot resolve the path") }
        let skip = Set(excluded.compactMap(realPath))
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : PathName.join(root, relative)
            guard let dir = opendir(folder) else {
                throw AnomarkError(.io, file: folder, "cannot list: \(FileIO.errnoText())")
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) {
                        String(validatingCString: $0)
                    }
                }
                guard let name, name != ".", name != ".." else { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                let path = PathName.join(root, child)
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    if let r = realPath(path), skip.contains(r) { continue }
                    pending.append(child)
                case S_IFREG:
                    if FolderPairing.isImageName(name) { found.append(child) }
                case S_IFLNK:
                    guard FolderPairing.isImageName(name), let target = realPath(path), target.hasPrefix(real + "/"),
                        stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG
                    else { continue }
                    found.append(child)
                default:
                    continue
                }
                if found.count > maxImages {
                    throw AnomarkError(.badData, file: root, "more than \(maxImages) images")
                }
            }
        }
        return found
    }

    /// The canonical absolute path, or nil when it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }
}
