// GoldenImage — compares two decoded images and draws what differs. Pure Swift on `Pixmap`; no C, no I/O.
//
// Contract
// - Input is decoded pixels (`Pixmap`: flat RGBA8, straight alpha), never file bytes: two PNGs that
//   encode the same pixels differently are equal here.
// - `ImageComparison.compare` is exact by default: every byte of every pixel must match. The identical
//   case is one linear pass over both buffers (memcmp speed) and nothing else.
// - Tolerances (`CompareOptions`), all optional and combinable:
//   - `threshold`: pixelmatch's perceptual YIQ distance. Both pixels are first blended over white
//     (so alpha-only changes that are invisible over white pass), then
//     Δ = 0.5053·ΔY² + 0.299·ΔI² + 0.1957·ΔQ²; the pixel differs when Δ > 35215·t².
//   - `detectAntialiasing`: a pixel that would differ but that pixelmatch's heuristic classifies as
//     anti-aliasing (in either image) is counted in `antialiasedPixels`, not as a difference.
//   - `maxChannelDelta`: pixels whose every channel (R, G, B and A) differs by ≤ N count as equal.
//   - `maxDiffPixels` / `maxDiffRatio`: how many differing pixels still pass (default 0).
//   - `ignoreRegions`: rectangles whose pixels are not compared at all (counted as ignored).
//   A pixel counts as equal when its bytes are identical, or every channel is within the cap, or (with a
//   threshold) its YIQ distance is within the threshold; otherwise it is anti-aliasing (when detected)
//   or differing.
// - Images of different sizes are never compared pixel by pixel: the verdict is `.sizeMismatch`.
// - Nothing throws: out-of-range options are clamped and the options actually used are reported in
//   `CompareResult.options`. `CompareOptions.validated()` is for callers (the CLI) that want to reject
//   bad input instead.
// - `DiffImage` draws the picture of a result (expected faded to grey, red = actual darker, green =
//   actual lighter, yellow = anti-aliasing, grey hatching = ignored, magenta box = changed area) and the
//   expected | actual | diff composite.
// - Folders: `FolderPairing` pairs two lists of relative paths (the caller walks the file system) into
//   passed / changed / new / deleted / failed items (`FolderItemStatus`; a size change is `changed`), and
//   `DiffConfig` (`anomark-diff.json`) gives each path its options: `PathGlob`s with `*`, `?`, `**`, the last
//   matching override wins. Parsing takes the caller's JSON decoder (Foundation serves only `LocalizedError` here) and
//   refuses anything unknown or out of range with the JSON path (`DiffConfigError`). `anomark diff` and the
//   test helper `expectMatchesGolden` both use them, so a golden means the same in both.
// - Hot loops run over the flat buffers with unsafe pointers and integer arithmetic; floating point
//   (YIQ) only for pixels whose bytes differ; no per-pixel allocation. (Debug builds are unoptimised like
//   every module: a versioned dependency may carry no unsafe flags, see Package.swift.)

import Raster

/// Compares images. A namespace (not a type named like the module, which would shadow it).
public enum ImageComparison {
    /// Compares `actual` against `expected` with `options` (exact by default).
    ///
    /// Never fails: size differences give `.sizeMismatch`, out-of-range options are clamped (see
    /// `CompareResult.options` for what was applied).
    public static func compare(
        expected: Pixmap, actual: Pixmap, options: CompareOptions = .exact
    ) -> CompareResult {
        let effective = options.normalized(within: expected.bounds)
        let expectedSize = ImageSize(width: expected.width, height: expected.height)
        let actualSize = ImageSize(width: actual.width, height: actual.height)
        var result = CompareResult(
            verdict: .pass, expectedSize: expectedSize, actualSize: actualSize, options: effective)
        guard expectedSize == actualSize else {
            result.verdict = .sizeMismatch
            return result
        }
        let width = expected.width
        let height = expected.height
        let mask = IgnoreMask(regions: effective.ignoreRegions, width: width, height: height)
        result.ignoredPixels = mask?.count ?? 0
        result.comparedPixels = expected.pixelCount - result.ignoredPixels

        // The common case in a green test run: identical buffers, decided in one pass.
        let identical = expected.pixels.withUnsafeBytes { e in
            actual.pixels.withUnsafeBytes { a in ByteComparison.equal(e, a) }
        }
        if identical { return result }

        let totals = PixelScanner.scan(
            expected: expected, actual: actual, width: width, height: height, options: effective,
            ignore: mask, classes: nil)
        result.apply(totals, totalPixels: expected.pixelCount)
        return result
    }
}
