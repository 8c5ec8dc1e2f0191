import Foundation

/// Reading inputs and writing outputs with the error mapping the CLI promises.
public enum FileIO {
    /// Reads a whole file, or standard input for `-`. Missing/unreadable → `.inputMissing` (66); a folder or
    /// other read failure → `.io` (74). `maxBytes` guards against absurd inputs (e.g. a result JSON).
    public static func read(_ path: String, maxBytes: Int = 1 << 31) throws(AnomarkError) -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if data.count > maxBytes {
                throw AnomarkError(.badData, file: "<stdin>", "input is larger than \(maxBytes) bytes")
            }
            return [UInt8](data)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AnomarkError(.inputMissing, file: path, "no such file")
        }
        if isDirectory.boolValue { throw AnomarkError(.inputMissing, file: path, "is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AnomarkError(.inputMissing, file: path, "permission denied")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            throw AnomarkError(.badData, file: path, "file is \(size) bytes, more than the limit of \(maxBytes)")
        }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw AnomarkError(.io, file: path, "cannot read: \(error.localizedDescription)")
        }
    }

    /// Writes `bytes` to `path` atomically: into a temporary file in the same folder, then renamed over
    /// the destination. On any failure the temporary file is removed and an existing file at `path` is untouched.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(AnomarkError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AnomarkError(.cannotCreate, file: path, "folder \(folder) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw AnomarkError(.cannotCreate, file: path, "is a directory")
        }
        let template = folder + "/." + url.lastPathComponent + ".tmp-XXXXXX"
        var templateBytes = Array(template.utf8CString)
        let fd = templateBytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw AnomarkError(.cannotCreate, file: path, "cannot create a file in \(folder): \(errnoText())") }
        let tempPath = String(decoding: templateBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        if !written {
            let why = errnoText()
            close(fd)
            throw AnomarkError(.io, file: path, "cannot write: \(why)")
        }
        // mkstemp creates 0600; give the result the usual permissions (0644 less the umask).
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        // No fsync: rename makes the replacement atomic for readers and against crashes of this process, which
        // is the promise; an fsync would cost tens of milliseconds per file in batch runs.
        if close(fd) != 0 { throw AnomarkError(.io, file: path, "cannot write: \(errnoText())") }
        if rename(tempPath, path) != 0 {
            throw AnomarkError(.cannotCreate, file: path, "cannot rename into place: \(errnoText())")
        }
        ok = true
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
