import Raster

/// The perceptual colour scales an anomaly score map is painted with (`--colormap`): 256 colours each, lowest
/// score first, sampled from matplotlib (`tools/fixtures/colormaps.py` writes `Colormap+Tables.swift`).
///
/// Painting looks a colour up by an integer index (0…255); no colour is computed per pixel. `jet` is what
/// anomalib users know (its `superimpose_anomaly_map`); `turbo` (the default) keeps jet's range with even
/// lightness steps; `inferno` and `viridis` are perceptually uniform and survive greyscale printing.
public enum Colormap: String, CaseIterable, Sendable, Hashable {
    /// Google's turbo: jet's range of hues with smooth lightness (the default).
    case turbo
    /// The classic rainbow anomalib draws its maps in.
    case jet
    /// Black through red to yellow, perceptually uniform.
    case inferno
    /// Blue through green to yellow, perceptually uniform.
    case viridis

    /// The 256 opaque colours, lowest score first.
    public var colors: [Color] { Self.decoded[self] ?? [] }

    /// Every table, parsed once.
    private static let decoded: [Colormap: [Color]] = {
        var out: [Colormap: [Color]] = [:]
        for (map, text) in tables {
            let digits = Array(text.utf8)
            precondition(digits.count == 256 * 6, "colormap table \(map) is not 256 colours")
            func hex(_ k: Int) -> UInt8 {
                func nibble(_ c: UInt8) -> UInt8 {
                    c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : c - UInt8(ascii: "a") + 10
                }
                return nibble(digits[k]) << 4 | nibble(digits[k + 1])
            }
            out[map] = (0..<256).map { Color(r: hex($0 * 6), g: hex($0 * 6 + 2), b: hex($0 * 6 + 4)) }
        }
        return out
    }()
}
