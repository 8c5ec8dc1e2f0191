/// The common command line `annotate IMAGE RESULT [-o OUT] [--mask MASK] [--no-outline]`, read without
/// ArgumentParser.
///
/// ArgumentParser reflects over every option property of a command before it parses, and in a static binary the
/// Swift runtime's protocol-conformance scans that reflection triggers cost about a tenth of a small image's whole
/// run (issue 16). `Anomark.main` tries `match` first and otherwise parses as usual, so this shape only skips that
/// cost: it runs the same `AnnotateRequest.run()` that `Annotate.run()` does, with the same defaults
/// (`AnnotateRequest`'s property initialisers, which `Annotate`'s and `RenderingOptions`' declarations use), and
/// its failures reach the same catch blocks in `Anomark.main`. `--mask` and `--no-outline` are here because they
/// are what a ground-truth or outline-free run adds (and what the benchmarks against Pillow pass); anything else
/// is parsed, so this never becomes a second parser.
///
/// Nothing needs validating: `Annotate.validate()` checks only option values and that RESULT or `--anomaly-map`
/// is given; the defaults pass it (the tests run both paths and compare), RESULT is always given here, and OUT and
/// MASK are not validated there either (what they name is `AnnotateJob`'s to accept or refuse).
enum FastPath {
    /// The request when `arguments` (the command line without the program's name) is exactly `annotate` followed
    /// by two operands IMAGE and RESULT, in any order with at most one `-o OUT`, `--output OUT` or
    /// `--output=OUT`, at most one `--mask MASK` or `--mask=MASK` and at most one `--no-outline`; nil for anything
    /// else, which ArgumentParser then parses.
    ///
    /// An operand is a non-empty word not starting with `-`, except that RESULT may be `-` (standard input); OUT
    /// is a non-empty word not starting with `-`, or `-` (standard output); MASK a non-empty word not starting with
    /// `-`. Every other word that starts with `-` (any other option or flag, `--`, `-h`, `--help`, `--version`, an
    /// OUT such as `-x`) or any other count of operands, outputs, masks or flags falls back, so that ArgumentParser
    /// gives its own answer (help, usage error, …).
    static func match(_ arguments: [String]) -> AnnotateRequest? {
        guard arguments.first == "annotate" else { return nil }
        var operands: [String] = []
        var output: String?
        var mask: String?
        var noOutline = false
        var index = arguments.index(after: arguments.startIndex)
        while index < arguments.endIndex {
            let word = arguments[index]
            index += 1
            if word == "--no-outline" {
                guard !noOutline else { return nil }
                noOutline = true
                continue
            }
            if word == "--mask" || word.hasPrefix("--mask=") {
                let value: String
                if word == "--mask" {
                    guard index < arguments.endIndex else { return nil }
                    value = arguments[index]
                    index += 1
                } else {
                    value = String(word.dropFirst("--mask=".count))
                }
                guard mask == nil, !value.isEmpty, !value.hasPrefix("-") else { return nil }
                mask = value
                continue
            }
            let value: String
            if word == "-o" || word == "--output" {
                guard index < arguments.endIndex else { return nil }
                value = arguments[index]
                index += 1
            } else if word.hasPrefix("--output=") {
                value = String(word.dropFirst("--output=".count))
            } else {
                // `-` is an operand only as RESULT, the second one.
                guard !word.isEmpty, !word.hasPrefix("-") || (word == "-" && operands.count == 1) else { return nil }
                operands.append(word)
                continue
            }
            guard output == nil, !value.isEmpty, value == "-" || !value.hasPrefix("-") else { return nil }
            output = value
        }
        guard operands.count == 2 else { return nil }
        var request = AnnotateRequest(image: operands[0], result: operands[1], output: output)
        request.mask = mask
        request.rendering.noOutline = noOutline
        return request
    }
}
