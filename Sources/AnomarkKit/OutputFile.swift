import CAnomarkShim
import Foundation

/// One file a command writes, and the one policy every output of Anomark follows (annotate `-o`, diff `--diff`,
/// every file of a report):
///
/// - `-` is standard output. The bytes go there and nothing else may (commands send their summary to stderr).
/// - An existing character device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is opened and written in
///   place: no temporary file, no rename, so the node stays what it is.
/// - A socket, a block device or a folder is refused: `.cannotCreate` (73).
/// - A symbolic link is followed to its final target, which is replaced like a file; the link stays.
/// - Anything else (a regular file, or nothing yet) is replaced atomically: the bytes go to a temporary
///   `.<name>.tmp-XXXXXX` in the target's folder, which is then renamed over it. A failed write removes the
///   temporary file and leaves an existing file as it was; a replaced file keeps its permissions.
/// - An output that is the same file as one of the inputs (same device and inode: through symbolic links, hard
///   links and any spelling of the path) is refused by `check` with `.usage` (64), before anything is read.
///
/// Temporary files are registered in CAnomarkShim's registry: after `installSignalHandlers()`, SIGINT, SIGTERM
/// and SIGHUP remove them before the process dies of the signal.
public struct OutputFile: Sendable, Equatable {
    /// How the bytes reach the file.
    public enum Kind: Sendable, Equatable {
        /// `-`: written to standard output.
        case standardOutput
        /// An existing character device or FIFO, opened and written as it is.
        case inPlace
        /// A temporary file renamed over `target` (created if missing).
        case replaced
    }

    /// The path as the user gave it (what error messages name).
    public let path: String
    /// How `write` will write.
    public let kind: Kind
    /// The file written: `path`, or the final target of the symbolic link at `path`.
    public let target: String

    /// Decides how `path` is written and refuses what must not be: an output that is also one of `inputs`
    /// (`.usage`, `error: <path>: is also an input (<role>)`), a socket, block device or folder
    /// (`.cannotCreate`). Call it before reading any input.
    ///
    /// - Parameters:
    ///   - path: the output as the user gave it; `-` is standard output.
    ///   - inputs: the files the command reads, each with the role that names it in the error
    ///     (`"the image"`, `"--mask"`); `-` is standard input; nil and missing files are skipped.
    package static func check(_ path: String, inputs: [(role: String, path: String?)] = []) throws(AnomarkError)
        -> OutputFile
    {
        if path == "-" {
            // Appending the output to one of the inputs (`-o - >> image.png`) is refused too.
            try refuseInputs(inputs, output: path) { fstat(1, &$0) == 0 && ($0.st_mode & S_IFMT) == S_IFREG }
            return OutputFile(path: path, kind: .standardOutput, target: path)
        }
        let target = try resolveLinks(path)
        var info = stat()
        if stat(target, &info) != 0 {
            if errno != ENOENT && errno != ENOTDIR {
                throw AnomarkError(.cannotCreate, file: path, "cannot use as output: \(FileIO.errnoText())")
            }
            return OutputFile(path: path, kind: .replaced, target: target)
        }
        try refuseInputs(inputs, output: path) { stat(target, &$0) == 0 }
        switch info.st_mode & S_IFMT {
        case S_IFCHR, S_IFIFO: return OutputFile(path: path, kind: .inPlace, target: target)
        case S_IFSOCK: throw AnomarkError(.cannotCreate, file: path, "is a socket; Anomark does not write to sockets")
        case S_IFBLK: throw AnomarkError(.cannotCreate, file: path, "is a block device; refusing to write over it")
        case S_IFDIR: throw AnomarkError(.cannotCreate, file: path, "is a directory")
        default: return OutputFile(path: path, kind: .replaced, target: target)
        }
    }

    /// `check(path)` then `write(bytes)`: for outputs that no input can be (a report's own files).
    public static func write(_ bytes: [UInt8], to path: String) throws(AnomarkError) {
        try check(path).write(bytes)
    }

    /// Writes `bytes` as `kind` says. Errors: `.cannotCreate` (73) when the file cannot be opened or created,
    /// `.io` (74) when writing fails (a full disk, `ulimit -f`: EFBIG, a reader that went away: EPIPE).
    public func write(_ bytes: [UInt8]) throws(AnomarkError) {
        switch kind {
        case .standardOutput:
            try Self.writeAll(bytes, to: 1, name: "<stdout>")
        case .inPlace:
            let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            if fd < 0 {
                throw AnomarkError(.cannotCreate, file: path, "cannot open for writing: \(FileIO.errnoText())")
            }
            defer { close(fd) }
            try Self.writeAll(bytes, to: fd, name: path)
        case .replaced:
            try replace(with: bytes)
        }
    }

    private func replace(with bytes: [UInt8]) throws(AnomarkError) {
        let folder = PathName.parent(target)
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw AnomarkError(.cannotCreate, file: path, "folder \(folder) does not exist")
        }
        // A replaced file keeps its permission bits; a new one gets 0666 less the umask, as open(2) would.
        let existing = stat(target, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? info.st_mode & 0o777 : nil
        var template = Array(PathName.join(folder, "." + PathName.lastComponent(target) + ".tmp-XXXXXX").utf8CString)
        var slot: Int32 = -1
        let fd = template.withUnsafeMutableBufferPointer { anomark_tempfile_create($0.baseAddress!, &slot) }
        if fd < 0 {
            throw AnomarkError(.cannotCreate, file: path, "cannot create a file in \(folder): \(FileIO.errnoText())")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { anomark_tempfile_discard(slot, temporary) }
        }
        do {
            try Self.writeAll(bytes, to: fd, name: path)
        } catch {
            close(fd)
            throw error
        }
        fchmod(fd, existing ?? (0o666 & ~Self.umaskValue))
        // No fsync: rename makes the replacement atomic for readers and against crashes of this process, which
        // is the promise; an fsync would cost tens of milliseconds per file in batch runs.
        if close(fd) != 0 { throw AnomarkError(.io, file: path, "cannot write: \(FileIO.errnoText())") }
        Self.pauseForTests(temporary)
        if anomark_tempfile_commit(slot, temporary, target) != 0 {
            throw AnomarkError(.cannotCreate, file: path, "cannot rename into place: \(FileIO.errnoText())")
        }
        committed = true
    }

    /// Installs the handlers that remove temporary files on SIGINT, SIGTERM and SIGHUP and then re-raise the
    /// signal with its default action (shells see 130, 143, 129), and ignores SIGXFSZ and SIGPIPE so that
    /// `ulimit -f` and a closed pipe become write errors (74) with an error line. For executables: call once
    /// at start-up, before any thread starts.
    package static func installSignalHandlers() {
        anomark_tempfiles_install_handlers()
        // Reading the umask means setting it for a moment; do it now, while there is one thread, rather than on
        // the first write, when a report's workers may be creating files.
        _ = umaskValue
    }

    // MARK: Helpers

    /// Throws when the file `fill` describes (false: none) is one of `inputs`.
    private static func refuseInputs(
        _ inputs: [(role: String, path: String?)], output: String, _ fill: (inout stat) -> Bool
    ) throws(AnomarkError) {
        var out = stat()
        guard !inputs.isEmpty, fill(&out) else { return }
        for (role, path) in inputs {
            guard let path else { continue }
            var info = stat()
            let found = path == "-" ? fstat(0, &info) == 0 : stat(path, &info) == 0
            if found && info.st_dev == out.st_dev && info.st_ino == out.st_ino {
                throw AnomarkError(.usage, file: output, "is also an input (\(role))")
            }
        }
    }

    /// The final target of the symbolic links at `path` (itself when it is none); a dangling link's target
    /// is where the file will be created.
    static func resolveLinks(_ path: String) throws(AnomarkError) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            if count < 0 {
                throw AnomarkError(.cannotCreate, file: path, "cannot read the link: \(FileIO.errnoText())")
            }
            let link = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : PathName.join(PathName.parent(current), link)
        }
        throw AnomarkError(.cannotCreate, file: path, "too many levels of symbolic links")
    }

    /// Writes every byte of `bytes` to `fd` (a short write continues where it stopped; EINTR is retried);
    /// failures are `.io` errors naming `name`.
    package static func writeAll(_ bytes: [UInt8], to fd: Int32, name: String) throws(AnomarkError) {
        let failure = bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure { throw AnomarkError(.io, file: name, "cannot write: \(String(cString: strerror(failure)))") }
    }

    /// `ANOMARK_TEST_PAUSE_AFTER_TEMP=1` (tests only): once the temporary file is complete, say so on stderr and
    /// wait for a signal, so a test can interrupt the run at that exact point instead of racing it.
    private static func pauseForTests(_ temporary: String) {
        guard let flag = getenv("ANOMARK_TEST_PAUSE_AFTER_TEMP"), String(cString: flag) == "1" else { return }
        StandardError.write("anomark-test: paused after creating \(temporary)\n")
        while true { pause() }
    }

    /// The process umask, read once (reading it means setting it, which is not safe while threads create files).
    private static let umaskValue: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()
}
