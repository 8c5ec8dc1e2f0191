import Glibc

/// The few operating-system services the bench needs (Linux: peak memory comes from procfs), without Foundation: Foundation adds several MiB to
/// the resident set of every process, and the peak-memory figures should show the codecs, not a runtime.
enum System {
    /// Why a bench command could not go on; printed to stderr, exit status 2.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads a whole file.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw Failure("cannot open \(path)") }
        defer { fclose(file) }
        guard fseek(file, 0, SEEK_END) == 0 else { throw Failure("cannot seek in \(path)") }
        let size = ftell(file)
        guard size >= 0, fseek(file, 0, SEEK_SET) == 0 else { throw Failure("cannot size \(path)") }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = size == 0 ? 0 : fread(buffer.baseAddress, 1, size, file)
        }
        guard bytes.count == size else { throw Failure("short read from \(path)") }
        return bytes
    }

    /// Writes a whole file (replacing it).
    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        guard let file = fopen(path, "wb") else { throw Failure("cannot create \(path)") }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else { throw Failure("cannot write \(path)") }
    }

    /// The size of a file in bytes, or nil when it does not exist.
    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Monotonic time in nanoseconds.
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }

    /// This process's peak resident set (`VmHWM` in /proc/self/status) in KiB; 0 when unavailable.
    static func peakResidentKiB() -> Int {
        let bytes = readProcFile("/proc/self/status")
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst(6).filter { $0.isNumber }
            return Int(digits) ?? 0
        }
        return 0
    }

    /// Reads a procfs file. They report size 0, so they are read in chunks rather than with `read(_:)`.
    static func readProcFile(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Prints to stderr.
    static func printError(_ message: String) {
        // Through the descriptor: the C `stderr` global is shared mutable state to Swift 6.
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// The last path component.
    static func baseName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
