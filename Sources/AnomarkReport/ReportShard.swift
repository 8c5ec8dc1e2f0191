import AnomarkKit

/// One of N disjoint, deterministic slices of a report's items (`--shard K/N`), so that AWS Batch array jobs,
/// Kubernetes indexed Jobs or GNU parallel can split one archive over several machines.
///
/// An item belongs to shard `FNV-1a-64(item key) mod N`, where the key is the item's relative image path. The
/// assignment depends on nothing but the key and N: not on the order of the inputs, the number of items, the
/// other shards or the machine, so every shard agrees on it without talking to the others and a given item
/// always lands in the same shard. `K` counts from 0, like `AWS_BATCH_JOB_ARRAY_INDEX` and
/// `JOB_COMPLETION_INDEX`.
public struct ReportShard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// This shard, `0..<count`.
    public var index: Int
    /// The number of shards, ≥ 1.
    public var count: Int

    /// Largest accepted shard count; more would leave most shards empty for any realistic archive.
    public static let maxCount = 1_000_000

    /// A shard; `index` must be in `0..<count` (checked by `init(parsing:)`, trapped here).
    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard index out of range")
        self.index = index
        self.count = count
    }

    /// Reads `K/N`, e.g. `0/4`. Spaces around the numbers are not accepted.
    public init(parsing text: String) throws(ReportShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Self.number(parts[0]), let n = Self.number(parts[1]) else {
            throw .malformed(text)
        }
        guard n >= 1, n <= Self.maxCount else { throw .badCount(n) }
        guard k < n else { throw .indexOutOfRange(index: k, count: n) }
        self.init(index: k, count: n)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// True when the item with this key belongs to this shard.
    public func contains(key: String) -> Bool { Self.shardIndex(for: key, count: count) == index }

    /// The shard (0..<count) an item key belongs to.
    static func shardIndex(for key: String, count: Int) -> Int {
        Int(ReportNaming.fnv1a64(key) % UInt64(count))
    }

    /// Decimal digits only (no sign, no spaces), so that `-1/4` or ` 1/4` are refused rather than guessed.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}

/// Why a `--shard` value was refused.
public enum ReportShardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not `K/N` with two decimal numbers.
    case malformed(String)
    /// N is 0 or absurdly large.
    case badCount(Int)
    /// K is not below N.
    case indexOutOfRange(index: Int, count: Int)

    /// One line saying what is wrong with the `--shard` value.
    public var description: String {
        switch self {
        case .malformed(let text): return "--shard takes K/N with 0 ≤ K < N (e.g. 0/4), got '\(text)'"
        case .badCount(let n): return "--shard: the shard count must be in 1...\(ReportShard.maxCount), got \(n)"
        case .indexOutOfRange(let k, let n):
            return "--shard: the shard index counts from 0 and must be below \(n), got \(k)"
        }
    }
}
