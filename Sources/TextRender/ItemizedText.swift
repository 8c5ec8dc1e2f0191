import CHarfBuzz

/// A line of text cut into the runs HarfBuzz shapes, in the order they appear from left to right, with the
/// characters no font has. Independent of the pixel size, so it is worked out once per text.
///
/// The cuts, in the usual order: bidi levels (FriBidi) split the line into directional runs; within them the
/// script (Common and Inherited characters such as spaces, digits and marks take their neighbours' script) and
/// then the font chosen per grapheme cluster (`FontSet.font(for:)`) split it further. Runs never split a cluster.
struct ItemizedText {
    struct Run: Equatable {
        /// Scalar offsets in the line, logical order.
        let range: Range<Int>
        let rightToLeft: Bool
        let script: hb_script_t
        /// Index in the renderer's `FontSet`.
        let font: Int
    }

    /// The line's scalars, the context every run is shaped in.
    let scalars: [UInt32]
    /// Runs in visual order (left to right).
    let runs: [Run]
    /// Scalars drawn as missing-glyph boxes, ascending, each once.
    let missing: [UInt32]

    init(_ text: String, fonts: FontSet) {
        let scalars = text.unicodeScalars.map(\.value)
        self.scalars = scalars
        guard !scalars.isEmpty else {
            runs = []
            missing = []
            return
        }
        let levels = Bidi.levels(scalars)

        // Grapheme clusters: their first scalar, script, level and font.
        struct Cluster {
            let start: Int
            var script: hb_script_t
            let level: UInt8
            var font: Int  // -1: only default-ignorables, takes its neighbour's font
        }
        var clusters: [Cluster] = []
        var missing = Set<UInt32>()
        var offset = 0
        var significant: [UInt32] = []
        for character in text {
            significant.removeAll(keepingCapacity: true)
            var count = 0
            for scalar in character.unicodeScalars {
                count += 1
                if !scalar.properties.isDefaultIgnorableCodePoint { significant.append(scalar.value) }
            }
            var font = -1
            if !significant.isEmpty {
                let choice = fonts.font(for: significant)
                font = choice.font
                missing.formUnion(choice.missing)
            }
            clusters.append(
                Cluster(start: offset, script: Shaper.script(of: scalars[offset]), level: levels[offset], font: font))
            offset += count
        }
        Self.resolveNeighbours(&clusters, unresolved: { Self.isNeutral($0.script) }, take: { $0.script = $1.script })
        Self.resolveNeighbours(&clusters, unresolved: { $0.font < 0 }, take: { $0.font = $1.font })

        // Runs in logical order, then visual.
        var logical: [Run] = []
        var levelsOfRuns: [UInt8] = []
        var runStart = 0
        for i in clusters.indices {
            let end = i + 1 < clusters.count ? clusters[i + 1].start : scalars.count
            let c = clusters[i]
            let next = i + 1 < clusters.count ? clusters[i + 1] : nil
            if let next, next.level == c.level, next.script == c.script, next.font == c.font { continue }
            logical.append(
                Run(
                    range: runStart..<end, rightToLeft: c.level & 1 == 1, script: c.script,
                    font: c.font < 0 ? fonts.boxFont : c.font))
            levelsOfRuns.append(c.level)
            runStart = end
        }
        runs = Bidi.visualOrder(levels: levelsOfRuns).map { logical[$0] }
        self.missing = missing.sorted()
    }

    /// Common (spaces, digits, punctuation), Inherited (combining marks) and Unknown do not start a script run.
    private static func isNeutral(_ script: hb_script_t) -> Bool {
        script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN
    }

    /// Gives each unresolved cluster the value of the resolved one before it, or — at the start of the line —
    /// the first resolved one after it. Left alone when none is resolved.
    private static func resolveNeighbours<T>(
        _ items: inout [T], unresolved: (T) -> Bool, take: (inout T, T) -> Void
    ) {
        guard let first = items.firstIndex(where: { !unresolved($0) }) else { return }
        for i in 0..<first { take(&items[i], items[first]) }
        for i in first..<items.count where unresolved(items[i]) { take(&items[i], items[i - 1]) }
    }
}
