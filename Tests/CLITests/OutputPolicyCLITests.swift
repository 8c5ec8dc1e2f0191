import Codecs
import Foundation
import Raster
import Testing

/// The output policy (issue 10) as a user meets it: special files, symbolic links, standard output, outputs
/// that are inputs, interrupted runs, file size limits.
@Suite("output policy (the built binary)")
struct OutputPolicyCLITests {
    /// A small image and its result in a fresh folder.
    static func setUp() throws -> (dir: URL, image: String, result: String) {
        let dir = try CLI.tempDir()
        let image = dir.appendingPathComponent("photo.png").path
        let result = dir.appendingPathComponent("r.json").path
        var pixmap = Pixmap(width: 64, height: 48, fill: Color(r: 90, g: 120, b: 200))
        pixmap.fill(Rect(x: 8, y: 8, width: 20, height: 20), with: .white)
        try Data(try PNG.encode(pixmap)).write(to: URL(fileURLWithPath: image))
        try Data(#"{"DetectAnomalyResult": {"IsAnomalous": false, "Confidence": 0.93}}"#.utf8)
            .write(to: URL(fileURLWithPath: result))
        return (dir, image, result)
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    static func names(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func dashWritesTheImageToStandardOutputAndTheSummaryToStandardError() throws {
        let (dir, image, result) = try Self.setUp()
        let file = dir.appendingPathComponent("file.png").path
        #expect(try CLI.run(["annotate", image, result, "-o", file]).status == 0)
        let run = try CLI.run(["annotate", image, result, "-o", "-", "--summary", "json"], in: dir)
        #expect(run.status == 0)
        #expect(run.stdoutBytes == (try Self.bytes(file)), "stdout holds the PNG and nothing else")
        #expect(run.stderr.contains("\"isAnomalous\""), "the summary goes to stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("-").path))
    }

    @Test func aFIFOIsWrittenInPlace() throws {
        let (dir, image, result) = try Self.setUp()
        let fifo = dir.appendingPathComponent("pipe").path
        let copy = dir.appendingPathComponent("copy.png").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "exec cat \"$0\" > \"$1\"", fifo, copy]
        try reader.run()
        let run = try CLI.run(["annotate", image, result, "-o", fifo])
        // Were the FIFO replaced by a file, its reader would wait for a writer forever: fail, do not hang.
        for _ in 0..<200 where reader.isRunning { usleep(50_000) }
        if reader.isRunning { kill(reader.processIdentifier, SIGKILL) }
        reader.waitUntilExit()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.fileType(fifo) == S_IFIFO, "the FIFO is still a FIFO")
        #expect(try PNG.decode([UInt8](Self.bytes(copy))).width >= 64, "its reader got the whole PNG")
        #expect(try Self.names(dir) == ["copy.png", "photo.png", "pipe", "r.json"])
    }

    @Test func aCharacterDeviceIsWrittenInPlace() throws {
        let (dir, image, result) = try Self.setUp()
        // A private /dev/null when allowed (root), so that a regression cannot replace the system's node;
        // without the right to create one, /dev/null itself, which that user cannot replace either.
        var device = dir.appendingPathComponent("null").path
        // makedev(1, 3): Linux keeps small major and minor numbers in the low 16 bits.
        if mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) != 0 { device = "/dev/null" }
        let run = try CLI.run(["annotate", image, result, "-o", device, "--summary", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"isAnomalous\""))
        #expect(Self.fileType(device) == S_IFCHR, "\(device) is still a character device")
        #expect(try Self.names(dir).filter { $0.hasPrefix(".") }.isEmpty, "no temporary file")
    }

    @Test func aSymbolicLinkIsFollowedAndItsTargetReplaced() throws {
        let (dir, image, result) = try Self.setUp()
        let folder = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let link = dir.appendingPathComponent("link.png").path
        let target = folder.appendingPathComponent("target.png").path
        #expect(symlink("elsewhere/target.png", link) == 0)
        // A dangling link: the target is created.
        #expect(try CLI.run(["annotate", image, result, "-o", link]).status == 0)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(try PNG.decode([UInt8](Self.bytes(target))).width >= 64)
        // An existing target is replaced, permissions kept, the link stays.
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o640)
        #expect(try CLI.run(["annotate", image, result, "-o", link]).status == 0)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(try PNG.decode([UInt8](Self.bytes(target))).width >= 64)
        var info = stat()
        stat(target, &info)
        #expect(info.st_mode & 0o777 == 0o640)
        #expect(try Self.names(folder) == ["target.png"], "no temporary file beside the target")
    }

    @Test func aSocketIsRefused() throws {
        let (dir, image, result) = try Self.setUp()
        let path = dir.appendingPathComponent("sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        let run = try CLI.run(["annotate", image, result, "-o", path])
        #expect(run.status == 73)
        #expect(run.stderrLines.map(String.init) == ["error: \(path): is a socket; Anomark does not write to sockets"])
        #expect(Self.fileType(path) == S_IFSOCK)
    }

    /// `anomark ARGS` in `dir` must refuse with `error: <out>: is also an input (<role>)`, changing nothing.
    static func expectRefused(_ arguments: [String], out: String, role: String, in dir: URL) throws {
        let before = try names(dir).map { name in (name, try? bytes(dir.appendingPathComponent(name).path)) }
        let run = try CLI.run(arguments, in: dir)
        #expect(run.status == 64, "\(arguments)")
        #expect(run.stderrLines.map(String.init) == ["error: \(out): is also an input (\(role))"], "\(arguments)")
        #expect(run.stdout.isEmpty)
        let after = try names(dir).map { name in (name, try? bytes(dir.appendingPathComponent(name).path)) }
        #expect(before.map(\.0) == after.map(\.0) && before.map(\.1) == after.map(\.1), "nothing written")
    }

    @Test func anOutputThatIsAnInputIsRefusedBeforeAnythingIsWritten() throws {
        let (dir, _, _) = try Self.setUp()
        #expect(symlink("photo.png", dir.appendingPathComponent("alias.png").path) == 0)
        #expect(link(dir.appendingPathComponent("r.json").path, dir.appendingPathComponent("hard.json").path) == 0)
        try Data(try PNG.encode(Pixmap(width: 64, height: 48, fill: .white)))
            .write(to: dir.appendingPathComponent("m.png"))
        try Self.expectRefused(
            ["annotate", "photo.png", "r.json", "-o", "photo.png"], out: "photo.png", role: "the image", in: dir)
        try Self.expectRefused(
            ["annotate", "photo.png", "r.json", "-o", "./photo.png"], out: "./photo.png", role: "the image", in: dir)
        try Self.expectRefused(
            ["annotate", "alias.png", "r.json", "-o", "photo.png"], out: "photo.png", role: "the image", in: dir)
        try Self.expectRefused(
            ["annotate", "photo.png", "r.json", "-o", "alias.png"], out: "alias.png", role: "the image", in: dir)
        try Self.expectRefused(
            ["annotate", "photo.png", "r.json", "-o", "hard.json"], out: "hard.json", role: "the result", in: dir)
        try Self.expectRefused(
            ["annotate", "photo.png", "r.json", "--mask", "m.png", "-o", "m.png"], out: "m.png", role: "--mask",
            in: dir)
    }

    /// An anomaly map found beside the image (not named on the command line) is an input too.
    @Test func anOutputOverTheAnomalyMapBesideTheImageIsRefused() throws {
        let (dir, _, _) = try Self.setUp()
        try FileManager.default.copyItem(
            at: CLI.repo.appendingPathComponent("samples/anomaly-maps/anomaly-1.model16.png"),
            to: dir.appendingPathComponent("photo_map.png"))
        try Data(#"{"pred_score": 0.9, "pred_label": true, "threshold": 0.5}"#.utf8)
            .write(to: dir.appendingPathComponent("photo.json"))
        try Self.expectRefused(
            ["annotate", "photo.png", "photo.json", "-o", "photo_map.png"], out: "photo_map.png",
            role: "the anomaly map", in: dir)
    }

    @Test func aDiffImageOverTheGoldenIsRefused() throws {
        let (dir, _, _) = try Self.setUp()
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("photo.png"), to: dir.appendingPathComponent("new.png"))
        try Self.expectRefused(
            ["diff", "photo.png", "new.png", "--diff", "photo.png"], out: "photo.png", role: "the expected image",
            in: dir)
        try Self.expectRefused(
            ["diff", "photo.png", "new.png", "--diff", "./new.png"], out: "./new.png", role: "the actual image",
            in: dir)
    }

    @Test func diffWritesItsImageToStandardOutputAndTheSummaryToStandardError() throws {
        let (dir, _, _) = try Self.setUp()
        let run = try CLI.run(["diff", "photo.png", "photo.png", "--diff", "-"], in: dir)
        #expect(run.status == 0)
        #expect(try PNG.decode([UInt8](run.stdoutBytes)).width == 64)
        #expect(run.stderr.hasPrefix("PASS"))
    }

    /// Starts `annotate` paused right after its temporary file is complete; returns the process and that path.
    static func startPaused(_ image: String, _ result: String, out: String) throws -> (Process, String) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["annotate", image, result, "-o", out]
        var environment = ProcessInfo.processInfo.environment
        environment["ANOMARK_TEST_PAUSE_AFTER_TEMP"] = "1"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // exited without pausing: the test below fails on the missing prefix
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        let prefix = "anomark-test: paused after creating "
        #expect(text.hasPrefix(prefix), "\(text)")
        return (process, String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(
        "an interrupted run removes its temporary file and dies of the signal",
        arguments: [SIGINT, SIGTERM, SIGHUP])
    func interruptedRun(signal: Int32) throws {
        let (dir, image, result) = try Self.setUp()
        let out = dir.appendingPathComponent("out.png").path
        try Data("previous".utf8).write(to: URL(fileURLWithPath: out))
        let (process, temporary) = try Self.startPaused(image, result, out: out)
        #expect(FileManager.default.fileExists(atPath: temporary), "the temporary file exists while paused")
        kill(process.processIdentifier, signal)
        // A handler that does not end the process must fail the test, not hang it.
        for _ in 0..<400 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal, "a shell reports \(128 + signal)")
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(try Self.names(dir) == ["out.png", "photo.png", "r.json"])
        #expect(try Self.bytes(out) == Data("previous".utf8), "the existing output is untouched")
    }

    @Test func aFileSizeLimitIsAnErrorLineNotASignal() throws {
        let (dir, image, result) = try Self.setUp()
        let out = dir.appendingPathComponent("out.png").path
        try Data("previous".utf8).write(to: URL(fileURLWithPath: out))
        // 1 block of 512 bytes: less than the PNG. Spawned with no signal blocked, as from a shell: with SIGXFSZ
        // blocked (the test runner's threads block signals, and Process passes its mask on) any binary would
        // see EFBIG, and this test would prove nothing.
        let log = dir.appendingPathComponent("stderr.txt").path
        let status = try Self.spawnUnmasked(
            [
                "/bin/sh", "-c", "ulimit -f 1; exec \"$0\" \"$@\" 2>\"$LOG\" >&2", CLI.binary.path, "annotate", image,
                result, "-o", out,
            ], environment: ["LOG=\(log)"])
        #expect(status == 74 << 8, "exited 74, not killed by SIGXFSZ (wait status \(status))")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "error: \(out): cannot write: File too large\n")
        try FileManager.default.removeItem(atPath: log)
        #expect(try Self.names(dir) == ["out.png", "photo.png", "r.json"], "the temporary file is removed")
        #expect(try Self.bytes(out) == Data("previous".utf8))
    }

    /// Runs `arguments` (a full path first) with an empty signal mask and default signal actions, standard
    /// streams inherited; returns the raw wait status.
    static func spawnUnmasked(_ arguments: [String], environment: [String]) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = (ProcessInfo.processInfo.environment.map { "\($0)=\($1)" } + environment).map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], nil, &attributes, argv, envp)
        #expect(spawned == 0)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    @Test func aClosedStandardErrorDoesNotCrash() throws {
        let (dir, image, _) = try Self.setUp()
        let run = try CLI.run(
            ["-c", "exec \"$0\" \"$@\" 2>&-", CLI.binary.path, "annotate", image, "missing.json"], in: dir,
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(run.status == 66, "the error exit code, not a trap")
    }
}
