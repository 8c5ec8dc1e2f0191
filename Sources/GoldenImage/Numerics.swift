// Number helpers without Foundation or C (the module uses Foundation only for `LocalizedError`, and C not at all):
// it needs only a logarithm for PSNR and fixed-point formatting for summaries.

/// Logarithm and decimal formatting.
enum Numerics {
    private static let ln2 = 0.693_147_180_559_945_3
    private static let ln10 = 2.302_585_092_994_046

    /// Base-10 logarithm of a positive finite `x`, accurate to about 1e-15 relative.
    ///
    /// x = m·2^e with m in [1, 2); ln m = 2·atanh(z), z = (m − 1)/(m + 1) ≤ 1/3, whose series
    /// z + z³/3 + z⁵/5 + … gains a factor 9 per term.
    static func log10(_ x: Double) -> Double {
        if x == .infinity { return .infinity }
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        let m = x.significand
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        var term = z
        var sum = 0.0
        var k = 1.0
        while term > 1e-18 {
            sum += term / k
            term *= z2
            k += 2
        }
        return (2 * sum + Double(x.exponent) * ln2) / ln10
    }

    /// `x` rounded to `digits` decimals, e.g. `fixed(31.237, digits: 1) == "31.2"`.
    static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-∞" : "∞") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else { return "\(x)" }
        let n = Int64(scaled)
        let whole = n / Int64(scale)
        let frac = n % Int64(scale)
        var text = (x < 0 && n != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(frac)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }

    /// Like `fixed` with trailing zeros (and a bare point) removed: `0.310` → `0.31`, `1.000` → `1`.
    static func trimmed(_ x: Double, digits: Int) -> String {
        var text = fixed(x, digits: digits)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A fraction as a percentage with up to 4 decimals; tiny non-zero values as `<0.0001%`.
    static func percent(_ ratio: Double) -> String {
        let p = ratio * 100
        if p > 0 && p < 0.00005 { return "<0.0001%" }
        return trimmed(p, digits: 4) + "%"
    }
}
