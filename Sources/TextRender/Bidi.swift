import CFriBidi

/// The Unicode Bidirectional Algorithm (UAX #9) through FriBidi, for one line laid out as a left-to-right
/// paragraph.
///
/// Why left to right: the panel's labels are English ("Prediction: …"), so a line keeps its left-to-right
/// reading order and an Arabic or Hebrew name inside it reads right to left, as in any left-to-right document.
/// HarfBuzz shapes each run in its own direction but does not reorder runs; `visualOrder` does (rule L2).
enum Bidi {
    /// The embedding level of each scalar: even is left to right, odd right to left.
    ///
    /// Text without any right-to-left or explicit directional character (everything below U+0590, the first
    /// Hebrew code point) is all level 0 without asking FriBidi.
    static func levels(_ scalars: [UInt32]) -> [UInt8] {
        guard scalars.contains(where: { $0 >= 0x0590 }) else { return [UInt8](repeating: 0, count: scalars.count) }
        let count = scalars.count
        var types = [FriBidiCharType](repeating: FriBidiCharType(0), count: count)
        var brackets = [FriBidiBracketType](repeating: 0, count: count)
        var levels = [FriBidiLevel](repeating: 0, count: count)
        var direction = anomark_fribidi_par_ltr
        let resolved = scalars.withUnsafeBufferPointer { text in
            fribidi_get_bidi_types(text.baseAddress, FriBidiStrIndex(count), &types)
            fribidi_get_bracket_types(text.baseAddress, FriBidiStrIndex(count), types, &brackets)
            return fribidi_get_par_embedding_levels_ex(types, brackets, FriBidiStrIndex(count), &direction, &levels)
        }
        // 0 means FriBidi ran out of memory: fall back to plain left to right rather than fail to draw.
        guard resolved > 0 else { return [UInt8](repeating: 0, count: count) }
        return levels.map { UInt8(clamping: Int($0)) }
    }

    /// True when some scalar is right to left, an Arabic number or an explicit directional control.
    static func mayReorder(_ scalars: [UInt32]) -> Bool {
        scalars.contains { $0 >= 0x0590 && anomark_fribidi_may_reorder($0) != 0 }
    }

    /// The order in which runs with these embedding levels appear from left to right (rule L2: from the
    /// highest level down to the lowest odd one, reverse every maximal sequence of runs at that level or above).
    static func visualOrder(levels: [UInt8]) -> [Int] {
        var order = Array(levels.indices)
        guard let highest = levels.max(), let lowestOdd = levels.filter({ $0 & 1 == 1 }).min() else { return order }
        var level = highest
        while level >= lowestOdd {
            var i = 0
            while i < order.count {
                guard levels[order[i]] >= level else {
                    i += 1
                    continue
                }
                var end = i
                while end < order.count && levels[order[end]] >= level { end += 1 }
                order[i..<end].reverse()
                i = end
            }
            level -= 1
        }
        return order
    }
}
