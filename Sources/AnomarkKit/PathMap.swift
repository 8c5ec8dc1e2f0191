/// Maps the references inputs were written with to where the files are now: `--path-map OLD=NEW` (repeatable;
/// `--s3-map` is the same option under its first name).
///
/// Manifests name images and masks by their S3 location, capture records (DDA) by absolute paths on the capture
/// machine, often as `file:///…` URLs; a report runs on a local copy (e.g. after `aws s3 sync` or an `rsync` of
/// `/aws_dda/inference-results`). OLD is `s3://bucket[/prefix]` or an absolute path (a `file://` URL counts as
/// its path). A reference `OLD/rest` maps to `NEW/rest` for the longest matching OLD; a prefix matches whole path
/// segments only: `s3://b/cookies` maps `s3://b/cookies/a.jpg` but not `s3://b/cookies2/a.jpg`. Mapping comes
/// before relative references are resolved (against the folder of the file naming them), so a relative NEW is
/// resolved like a relative reference.
public struct PathMap: Sendable, Equatable {
    /// One `OLD=NEW` rule; `prefix` has no trailing `/`.
    public struct Rule: Sendable, Equatable {
        /// `s3://bucket[/prefix]` or an absolute path.
        public var prefix: String
        /// The folder holding a copy of it now.
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

    /// Reads `--path-map` / `--s3-map` values, each `s3://bucket[/prefix]=DIR` or `/absolute/path=DIR`.
    public init(parsing values: [String]) throws(PathMapError) {
        var rules: [Rule] = []
        for value in values {
            guard let equals = value.firstIndex(of: "=") else { throw .malformed(value) }
            var prefix = Self.fileURLPath(String(value[..<equals]))
            let directory = String(value[value.index(after: equals)...])
            while prefix.hasSuffix("/") && prefix.utf8.count > 1 { prefix.removeLast() }
            let isS3 = prefix.hasPrefix("s3://") && prefix.utf8.count > 5
            let isPath = prefix.hasPrefix("/") && prefix != "/"
            guard isS3 || isPath, !directory.isEmpty else { throw .malformed(value) }
            rules.append(Rule(prefix: prefix, directory: directory))
        }
        self.init(rules: rules)
    }

    /// The path for a reference, before it is resolved; nil when it is an `s3://` reference no rule covers.
    /// A `file://` URL becomes its path; absolute paths no rule covers and relative references are returned as
    /// they are (the caller resolves relative ones).
    package func localPath(for reference: String) -> String? {
        let reference = Self.fileURLPath(reference)
        if let rule = rule(for: reference) {
            let rest = reference.dropFirst(rule.prefix.count)
            if rest.isEmpty { return rule.directory }
            let directory = rule.directory.hasSuffix("/") ? String(rule.directory.dropLast()) : rule.directory
            return directory + rest
        }
        return reference.hasPrefix("s3://") ? nil : reference
    }

    /// The rule covering `reference` (a path or `s3://` reference, not a `file://` URL), if any.
    package func rule(for reference: String) -> Rule? {
        rules.first { rule in
            guard reference.hasPrefix(rule.prefix) else { return false }
            let rest = reference.dropFirst(rule.prefix.count)
            return rest.isEmpty || rest.hasPrefix("/")
        }
    }

    /// The path of a `file://` URL (`file:///a/b` and `file://localhost/a/b` → `/a/b`); anything else unchanged.
    package static func fileURLPath(_ reference: String) -> String {
        guard reference.hasPrefix("file://") else { return reference }
        var rest = reference.dropFirst(7)
        if rest.hasPrefix("localhost/") { rest = rest.dropFirst(9) }
        // `file:/abs` (one slash) is also written by some tools; `file://host/…` names another machine.
        return rest.hasPrefix("/") ? String(rest) : reference
    }

    /// An absolute path unchanged; a relative one under `folder` (the folder of the file naming it).
    package static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") { return path }
        return folder.isEmpty ? path : (folder.hasSuffix("/") ? folder + path : folder + "/" + path)
    }

    /// The part of an `s3://` reference after the bucket (`s3://b/cookies/a.jpg` → `cookies/a.jpg`): the item's
    /// key, the same whichever folder the bucket was copied to.
    package static func keyPath(for reference: String) -> String {
        guard reference.hasPrefix("s3://") else { return reference }
        let rest = reference.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else { return String(rest) }
        return String(rest[rest.index(after: slash)...])
    }
}

/// Why a `--path-map` (`--s3-map`) value was refused.
public enum PathMapError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)

    /// One line saying what is wrong with the `--path-map` value.
    public var description: String {
        switch self {
        case .malformed(let value):
            return "--path-map takes OLD=NEW, OLD an s3://bucket/prefix or an absolute path, got '\(value)'"
        }
    }
}
