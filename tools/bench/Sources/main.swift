// anomark-bench — the speed and memory harness behind tools/bench/run. Speed is measured here, never in
// unit tests. Build it in release mode (`swift build -c release --product anomark-bench`).
//
// Contract
// - One measurement per process: `decode-jpeg FILE`, `decode-png FILE` and `encode-png FILE --preset NAME`
//   each time N runs (`--runs N`, default 7) and print ONE JSON line (see `Measurement`): the median in
//   milliseconds and the process's peak resident set (VmHWM). Run a fresh process per operation and input,
//   so the peak is that operation's. The C floor (tools/bench/floor.c) prints the same line format.
//   `--tool LABEL` replaces the `tool` field ("swift"), e.g. `swift-1cpu` for a run pinned to one core.
// - `presets [--floor-args]` lists the PNG encoder presets measured (with the floor's settings for each).
// - `gen-inputs --sample JPEG --out DIR` synthesises the large inputs (see `InputGenerator`);
//   `gen-diff-folders --sample JPEG --out DIR` the folder-diff bench's two folders (`DiffFolderInputs`).
// - `exec --tool T --op OP --input LABEL [--output FILE] [--runs N] -- COMMAND…` times a whole command
//   (end-to-end comparisons) and prints the same JSON line.
// - `png-curve FILE… [--levels …] [--filters …]` prints the PNG encoder's size/CPU curve (`PNGCurve`).
// - `report FILE [--strict]` prints the tables and bars from collected JSON lines; `--strict` exits 1 when
//   a bar fails.
// - Errors go to stderr with exit status 2. Linux only (procfs); no Foundation, to keep the peaks honest.
import Glibc

let usage = """
    usage: anomark-bench decode-jpeg FILE [--runs N] [--tool LABEL]
           anomark-bench decode-png FILE [--runs N] [--tool LABEL]
           anomark-bench encode-png FILE --preset NAME [--runs N] [--tool LABEL]
           anomark-bench presets [--floor-args]
           anomark-bench gen-inputs --sample JPEG --out DIR
           anomark-bench gen-diff-folders --sample JPEG --out DIR
           anomark-bench exec --tool T --op OP --input LABEL [--output FILE] [--runs N] -- COMMAND [ARG…]
           anomark-bench report FILE [--strict]
           anomark-bench transcode IN OUT
           anomark-bench compare-identical FILE [--runs N]
           anomark-bench diff-report FILE
           anomark-bench png-curve FILE… [--levels L,L…] [--filters F,F…] [--runs N]
    """

/// The command line split into positional arguments, `--name value` options, flags and what follows `--`.
struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var rest: [String] = []

    static let flagNames: Set = ["--floor-args", "--strict"]

    init(_ args: ArraySlice<String>) throws(System.Failure) {
        var i = args.startIndex
        while i < args.endIndex {
            let a = args[i]
            if a == "--" {
                rest = Array(args[(i + 1)...])
                return
            } else if Arguments.flagNames.contains(a) {
                flags.insert(a)
            } else if a.hasPrefix("--") {
                guard i + 1 < args.endIndex else { throw System.Failure("\(a) needs a value") }
                options[a] = args[i + 1]
                i += 1
            } else {
                positional.append(a)
            }
            i += 1
        }
    }

    func runs() throws(System.Failure) -> Int {
        guard let text = options["--runs"] else { return 7 }
        guard let n = Int(text), n > 0 else { throw System.Failure("--runs needs a positive integer, got \(text)") }
        return n
    }

    func file() throws(System.Failure) -> String {
        guard positional.count == 1 else { throw System.Failure("expected one input file") }
        return positional[0]
    }

    func required(_ name: String) throws(System.Failure) -> String {
        guard let value = options[name] else { throw System.Failure("missing \(name)") }
        return value
    }
}

func main() -> Int32 {
    let all = CommandLine.arguments
    guard all.count >= 2 else {
        System.printError(usage)
        return 2
    }
    do {
        let args = try Arguments(all.dropFirst(2))
        switch all[1] {
        case "decode-jpeg", "decode-png", "encode-png":
            var measurement: Measurement
            switch all[1] {
            case "decode-jpeg": measurement = try CodecBenchmarks.decodeJPEG(path: args.file(), runs: args.runs())
            case "decode-png": measurement = try CodecBenchmarks.decodePNG(path: args.file(), runs: args.runs())
            default:
                let preset = try args.required("--preset")
                measurement = try CodecBenchmarks.encodePNG(path: args.file(), preset: preset, runs: args.runs())
            }
            // The run script labels runs it constrains, e.g. `taskset -c 0 … --tool swift-1cpu`.
            measurement.tool = args.options["--tool"] ?? measurement.tool
            print(measurement.jsonLine)
        case "transcode":
            // The floor of annotate end to end: read, decode, encode (default PNG settings), write.
            guard args.positional.count == 2 else { throw System.Failure("usage: transcode IN OUT") }
            try CodecBenchmarks.transcode(input: args.positional[0], output: args.positional[1])
        case "presets":
            for (name, options) in EncodePresets.all {
                print(args.flags.contains("--floor-args") ? "\(name) \(EncodePresets.floorArguments(options))" : name)
            }
        case "compare-identical":
            print(try DiffBenchmarks.compareIdentical(path: args.file(), runs: args.runs()).jsonLine)
        case "diff-report":
            return try DiffBenchmarks.report(path: args.file()) ? 0 : 1
        case "gen-inputs":
            try InputGenerator.run(sample: args.required("--sample"), directory: args.required("--out"))
        case "gen-diff-folders":
            try DiffFolderInputs.run(sample: args.required("--sample"), directory: args.required("--out"))
        case "exec":
            let measurement = try CommandTimer.run(
                command: args.rest, runs: args.runs(), tool: args.required("--tool"), op: args.required("--op"),
                input: args.required("--input"), output: args.options["--output"])
            print(measurement.jsonLine)
        case "png-curve":
            guard !args.positional.isEmpty else { throw System.Failure("png-curve needs input files") }
            try PNGCurve.run(
                paths: args.positional, levels: args.options["--levels"] ?? "auto,1,2,3,4,5,6,7,8,9",
                filters: args.options["--filters"] ?? "adaptive", runs: args.runs())
        case "report":
            let passed = try Report.run(path: args.file())
            return passed || !args.flags.contains("--strict") ? 0 : 1
        default:
            System.printError(usage)
            return 2
        }
    } catch {
        System.printError("anomark-bench: \(error)")
        return 2
    }
    return 0
}

exit(main())
