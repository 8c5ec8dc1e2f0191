import Foundation

/// Writing to standard error without ever trapping. `FileHandle.standardError.write` traps when the write
/// fails (stderr closed with `2>&-`, a pipe whose reader went away: EBADF, EPIPE); a diagnostic that cannot be
/// shown must not turn into a crash, so these writes drop what the system refuses.
package enum StandardError {
    /// Writes `text` as it is (add the newline yourself); errors are ignored.
    package static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(2, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
