import Foundation

/// Files of a review folder: the images it shows, as hard links to the inputs where the file system allows (no
/// bytes copied; a later `--approve` renames a new golden into place, so the link keeps showing the old one), copies
/// otherwise.
enum ReviewFiles {
    /// `mkdir -p`.
    static func makeFolders(_ path: String) throws(AnomarkError) {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw AnomarkError(.cannotCreate, file: path, "exists and is not a folder")
        }
        let parent = PathName.parent(path)
        if parent != path { try makeFolders(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw AnomarkError(.cannotCreate, file: path, "cannot create the folder: \(FileIO.errnoText())")
        }
    }

    /// Places `source` at `review/relative`: a hard link, or a copy of `bytes` (read from `source` when nil).
    /// Returns the problem when it failed.
    static func place(_ source: String, bytes: [UInt8]?, in review: String, as relative: String) -> String? {
        let target = PathName.join(review, relative)
        do throws(AnomarkError) {
            try makeFolders(PathName.parent(target))
            unlink(target)
            // AT_SYMLINK_FOLLOW: link the file a symbolic link names, not the link (whose target may be relative).
            if linkat(AT_FDCWD, source, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0 { return nil }
            let content: [UInt8]
            if let bytes { content = bytes } else { content = try FileIO.read(source) }
            try OutputFile.write(content, to: target)
            return nil
        } catch {
            return error.message
        }
    }

    /// Writes `bytes` to `review/relative`, creating folders. Returns the problem when it failed.
    static func write(_ bytes: [UInt8], in review: String, as relative: String) -> String? {
        let target = PathName.join(review, relative)
        do throws(AnomarkError) {
            try makeFolders(PathName.parent(target))
            try OutputFile.write(bytes, to: target)
            return nil
        } catch {
            return error.message
        }
    }
}
