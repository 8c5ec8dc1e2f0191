import Foundation
import GoldenImage
import PageAssets

/// What a folder comparison found: every item in path order, the counts, the exit status, and its renderings as
/// text lines, JSON (`--json`) and JUnit XML (`--junit`).
package struct FolderDiffOutcome: Sendable {
    /// The goldens, as given.
    package var expectedDirectory: String
    /// The images checked, as given.
    package var actualDirectory: String
    /// Every path of either folder, in byte order.
    package var items: [FolderDiffItem]
    /// What `--approve` did, in path order (empty without it).
    package var approvals: [FolderApproval.Action] = []

    /// The version of the `--json` document (`schemaVersion`); bumped only on an incompatible change.
    package static let schemaVersion = 1

    /// Items per status.
    package var counts: [FolderItemStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: FolderItemStatus.allCases.map { ($0, 0) })
        for item in items { counts[item.status, default: 0] += 1 }
        return counts
    }

    /// 0 all passed, 1 anything changed, new or deleted, 2 failed items only. Items `--approve` resolved do not
    /// count.
    package var exitStatus: Int32 {
        let resolved = Set(approvals.filter { $0.problem == nil }.map(\.path))
        let open = items.filter { !resolved.contains($0.path) }.map(\.status)
        if open.contains(where: { $0 == .changed || $0 == .new || $0 == .deleted }) { return 1 }
        return open.contains(.failed) ? 2 : 0
    }

    /// One line per item that did not pass, e.g. `changed  a/b.png: FAIL: 12 px differ > 0 allowed; …`. Paths are
    /// printed with control characters escaped, so each item stays on one line.
    package var lines: [String] {
        items.filter { $0.status != .passed }.map { item in
            let label = item.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            var line = label + " " + Self.printable(item.path)
            if let error = item.error {
                line += ": " + Self.printable(error)
            } else if let result = item.result {
                line += ": " + result.summary
            }
            return line
        }
    }

    /// `200 images: 179 passed, 10 changed, 5 new, 5 deleted, 1 failed`.
    package var countLine: String {
        let c = counts
        let parts = FolderItemStatus.allCases.map { "\(c[$0]!) \($0.rawValue)" }
        return "\(items.count) image\(items.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// `text` with C0/C1 controls and DEL as `\u{…}`.
    static func printable(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            if s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s == "\u{2028}" || s == "\u{2029}" {
                out += "\\u{" + String(s.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    // MARK: JSON

    /// The `--json` document (schema in the README, "Folder diff JSON"), pretty-printed with sorted keys.
    package var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(Document(self)), as: UTF8.self)) ?? "{}"
    }

    /// The `--json` document's top level.
    struct Document: Encodable {
        var schemaVersion = FolderDiffOutcome.schemaVersion
        var kind = "anomark-diff-folder"
        var expected: String
        var actual: String
        var counts: [String: Int]
        var exitStatus: Int32
        var items: [Item]

        init(_ outcome: FolderDiffOutcome) {
            expected = outcome.expectedDirectory
            actual = outcome.actualDirectory
            counts = Dictionary(uniqueKeysWithValues: outcome.counts.map { ($0.key.rawValue, $0.value) })
            counts["total"] = outcome.items.count
            exitStatus = outcome.exitStatus
            items = outcome.items.map(Item.init)
        }
    }

    /// One item: every key always present, `null` where it does not apply.
    struct Item: Encodable {
        var item: FolderDiffItem

        init(_ item: FolderDiffItem) { self.item = item }

        enum CodingKeys: String, CodingKey {
            case path, status, error, differingPixels, differingRatio, largestChannelDelta, largestYIQDelta, psnr
            case changedBounds, expectedSize, actualSize, options, summary, diffImage
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            let r = item.result
            try c.encode(item.path, forKey: .path)
            try c.encode(item.status, forKey: .status)
            try c.encode(item.error, forKey: .error)
            try c.encode(r?.differingPixels, forKey: .differingPixels)
            try c.encode(r?.differingRatio, forKey: .differingRatio)
            try c.encode(r?.largestChannelDelta, forKey: .largestChannelDelta)
            try c.encode(r?.largestYIQDelta, forKey: .largestYIQDelta)
            try c.encode(r.flatMap { $0.psnr.isFinite ? $0.psnr : nil }, forKey: .psnr)
            try c.encode(r?.changedBounds.map(RectCoding.init), forKey: .changedBounds)
            try c.encode(r?.expectedSize, forKey: .expectedSize)
            try c.encode(r?.actualSize, forKey: .actualSize)
            try c.encode(r?.options ?? item.options, forKey: .options)
            try c.encode(r?.summary, forKey: .summary)
            try c.encode(item.diffImage, forKey: .diffImage)
        }
    }

    // MARK: JUnit

    /// JUnit XML: one `<testcase>` per item; changed, new and deleted are `<failure>`s, failed items `<error>`s.
    package var junit: String {
        let c = counts
        let failures = c[.changed]! + c[.new]! + c[.deleted]!
        func attr(_ s: String) -> String { HTMLText.escape(s, xml: true) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites tests=\"\(items.count)\" failures=\"\(failures)\" errors=\"\(c[.failed]!)\">\n"
        out += "  <testsuite name=\"anomark diff \(attr(expectedDirectory)) \(attr(actualDirectory))\" "
        out += "tests=\"\(items.count)\" failures=\"\(failures)\" errors=\"\(c[.failed]!)\" skipped=\"0\">\n"
        for item in items {
            out += "    <testcase classname=\"anomark.diff\" name=\"\(attr(item.path))\""
            switch item.status {
            case .passed:
                out += "/>\n"
                continue
            case .changed:
                let message = item.result?.summary ?? "changed"
                out += ">\n      <failure type=\"changed\" message=\"\(attr(message))\"/>\n"
            case .new:
                out += ">\n      <failure type=\"new\" message=\"only in \(attr(actualDirectory)); no golden\"/>\n"
            case .deleted:
                out +=
                    ">\n      <failure type=\"deleted\" message=\"only in \(attr(expectedDirectory)); no actual image\"/>\n"
            case .failed:
                out += ">\n      <error type=\"unreadable\" message=\"\(attr(item.error ?? "failed"))\"/>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
