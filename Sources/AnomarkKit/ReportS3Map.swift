/// Maps `s3://` references in manifests to local folders (`--s3-map s3://bucket/prefix=DIR`).
///
/// Manifests name images and masks by their S3 location; a report runs on a local copy (e.g. after
/// `aws s3 sync`). A reference `s3://bucket/prefix/rest` maps to `DIR/rest` for the longest matching prefix.
/// A prefix matches whole path segments only: `s3://b/cookies` maps `s3://b/cookies/a.jpg` but not
/// `s3://b/cookies2/a.jpg`.
public struct ReportS3Map: Sendable, Equatable {
    /// One `PREFIX=DIR` rule; `prefix` has no trailing `/`.
    public struct Rule: Sendable, Equatable {
        /// `s3://bucket[/prefix]`.
        public var prefix: String
        /// The local folder holding a copy of it.
        public var directory: String

        /// A rule; `prefix` without a trailing `/`.
        public init(prefix: String, directory: String) {
            self.prefix = prefix
            self.directory = directory
        }
    }

    /// The rules, longest prefix first.
    public private(set) var rules: [Rule]

    /// A map from rules in any order.
    public init(rules: [Rule] = []) {
        self.rules = rules.sorted { $0.prefix.utf8.count > $1.prefix.utf8.count }
    }

    /// Reads `--s3-map` values, each `s3://bucket[/prefix]=DIR`.
    public init(parsing values: [String]) throws(ReportS3MapError) {
        var rules: [Rule] = []
        for value in values {
            guard let equals = value.firstIndex(of: "=") else { throw .malformed(value) }
            var prefix = String(value[..<equals])
            let directory = String(value[value.index(after: equals)...])
            while prefix.hasSuffix("/") { prefix.removeLast() }
            guard prefix.hasPrefix("s3://"), prefix.utf8.count > 5, !directory.isEmpty else {
                throw .malformed(value)
            }
            rules.append(Rule(prefix: prefix, directory: directory))
        }
        self.init(rules: rules)
    }

    /// The local path for a reference; nil when it is an `s3://` reference no rule covers. References that are
    /// not `s3://` are returned unchanged (local paths, resolved by the caller).
    public func localPath(for reference: String) -> String? {
        guard reference.hasPrefix("s3://") else { return reference }
        for rule in rules {
            guard reference.hasPrefix(rule.prefix) else { continue }
            let rest = reference.dropFirst(rule.prefix.count)
            if rest.isEmpty { return rule.directory }
            guard rest.hasPrefix("/") else { continue }
            let directory = rule.directory.hasSuffix("/") ? String(rule.directory.dropLast()) : rule.directory
            return directory + rest
        }
        return nil
    }

    /// The part of an `s3://` reference after the bucket (`s3://b/cookies/a.jpg` → `cookies/a.jpg`): the item's
    /// key, the same whichever folder the bucket was copied to.
    public static func keyPath(for reference: String) -> String {
        guard reference.hasPrefix("s3://") else { return reference }
        let rest = reference.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else { return String(rest) }
        return String(rest[rest.index(after: slash)...])
    }
}

/// Why an `--s3-map` value was refused.
public enum ReportS3MapError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let value):
            return "--s3-map takes s3://bucket/prefix=DIR, got '\(value)'"
        }
    }
}
