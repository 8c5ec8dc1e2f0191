import Glibc

/// `exec`: times a whole command, process start to exit — the end-to-end comparisons (anomark annotate vs
/// Pillow vs ImageMagick).
///
/// Each run spawns the command (`posix_spawnp`, stdout and stderr inherited) and waits for it with `wait4`,
/// which also returns the child's own peak resident set (`ru_maxrss`): the figure `/usr/bin/time -f %M`
/// prints, without parsing its output. The command must succeed every time.
enum CommandTimer {
    static func run(
        command: [String], runs: Int, tool: String, op: String, input: String, output: String?
    ) throws -> Measurement {
        guard !command.isEmpty else { throw System.Failure("exec: no command after --") }
        var times: [UInt64] = []
        var peakKiB = 0
        for _ in 0..<runs {
            let start = System.nanoseconds()
            let (status, maxRSS) = try spawnAndWait(command)
            times.append(System.nanoseconds() - start)
            guard status == 0 else {
                throw System.Failure("exec: \(command.joined(separator: " ")) exited with status \(status)")
            }
            peakKiB = max(peakKiB, maxRSS)
        }
        return Measurement(
            tool: tool, op: op, variant: "", input: input, width: 0, height: 0, timesNs: times, peakKiB: peakKiB,
            baseKiB: 0, outBytes: output.flatMap(System.fileSize) ?? 0)
    }

    /// Runs `command` and returns its exit status (or 128 + signal) and peak resident set in KiB.
    private static func spawnAndWait(_ command: [String]) throws -> (status: Int32, maxRSSKiB: Int) {
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
        argv.append(nil)
        defer { for p in argv { free(p) } }
        // The environment is passed on as read from procfs: the C `environ` global is shared mutable state
        // to Swift 6.
        var env: [UnsafeMutablePointer<CChar>?] = environment().map { strdup($0) }
        env.append(nil)
        defer { for p in env { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], nil, nil, &argv, &env)
        guard spawned == 0 else {
            throw System.Failure("exec: cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw System.Failure("exec: wait4 failed") }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (code, Int(usage.ru_maxrss))
    }

    /// This process's environment as `NAME=value` strings.
    private static func environment() -> [String] {
        let bytes = System.readProcFile("/proc/self/environ")
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
