import Foundation

/// Reading inputs with the error mapping the CLI promises (outputs: `OutputFile`).
package enum FileIO {
    /// Reads a whole file, or standard input for `-`. Missing/unreadable → `.inputMissing` (66); a folder or
    /// other read failure → `.io` (74). `maxBytes` guards against absurd inputs (e.g. a result JSON).
    package static func read(_ path: String, maxBytes: Int = 1 << 31) throws(AnomarkError) -> [UInt8] {
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

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
