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
        // POSIX calls rather than FileManager/Data: the same errors, without Foundation's start-up cost on
        // a 30 ms annotation.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            switch errno {
            case ENOENT, ENOTDIR: throw AnomarkError(.inputMissing, file: path, "no such file")
            case EACCES: throw AnomarkError(.inputMissing, file: path, "permission denied")
            default: throw AnomarkError(.io, file: path, "cannot open: \(errnoText())")
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw AnomarkError(.io, file: path, "cannot read: \(errnoText())") }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw AnomarkError(.inputMissing, file: path, "is a directory, not a file")
        }
        let size = Int(info.st_size)
        if size > maxBytes {
            throw AnomarkError(.badData, file: path, "file is \(size) bytes, more than the limit of \(maxBytes)")
        }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Foundation.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failed = n < 0
                    break
                }
                count += n
            }
        }
        if failed { throw AnomarkError(.io, file: path, "cannot read: \(errnoText())") }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: into a temporary file in the same folder, then renamed over
    /// the destination. On any failure the temporary file is removed and an existing file at `path` is untouched.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(AnomarkError) {
        let folder = PathName.parent(path)
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw AnomarkError(.cannotCreate, file: path, "folder \(folder) does not exist")
        }
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw AnomarkError(.cannotCreate, file: path, "is a directory")
        }
        let template = PathName.join(folder, "." + PathName.lastComponent(path) + ".tmp-XXXXXX")
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
