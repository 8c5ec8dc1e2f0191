// swift-tools-version:6.0
//
// Anomark: turns the results of image anomaly detectors (Lookout for Vision, its edge successor's captures,
// anomaly maps) into pictures people can read, and compares images against golden references.
//
// Layering (each arrow is "depends on"):
//
//   Anomark (the facade: functions and type aliases) ─▶ AnomarkKit and the modules it re-exports
//   AnomarkTesting (expectMatchesGolden) ─▶ GoldenImage, Codecs, Raster
//   AnomarkCLI ────▶ AnomarkKit ─▶ Overlay ─▶ TextRender ─▶ Raster
//                         │            │             └─▶ CFreeType, CHarfBuzz, CFriBidi, CFontconfig (system
//                         │            │                 libraries), CAnomarkFont (the font, compiled in)
//                         │            ├────────────────────▶ Raster
//                         │            └─▶ Detections ─▶ Raster, Codecs (PNG score maps)
//                         ├─▶ Detections
//                         ├─▶ Codecs ─▶ CAnomarkShim ─▶ CLibPNG, CLibJPEG  (system libraries)
//                         ├─▶ GoldenImage ─▶ Raster
//                         └─▶ PageAssets (escaping, page CSS/JS; no dependencies)
//
// `CAnomarkShim` is the only code that calls setjmp/longjmp: libpng and libjpeg report errors by
// longjmp, which must never cross a Swift frame. Raster, Detections, Overlay and GoldenImage import no C.
//
// No unsafe flags anywhere: SwiftPM refuses a versioned dependency whose targets use them. Tests run the
// plain debug build: the whole test step (clean build + `swift test`) measured 5 % slower than with the hot
// modules forced to -O. The other choice, the suite in release with `-enable-testing`, costs 58 % more CPU
// (317 s against 201 s user time) and fails: Swift 6.3.1's optimiser drops the stores of `Blend.sourceOver`
// into a small array literal, a shape only tests use (README, Tests).
import PackageDescription

let package = Package(
    name: "Anomark",
    products: [
        // The command. Its target is `AnomarkCLI`, not `anomark`: two targets must not differ only in case.
        .executable(name: "anomark", targets: ["AnomarkCLI"]),
        // The one import for the common jobs (annotate, compare, report); the modules below stay products for
        // those who want the parts.
        .library(name: "Anomark", targets: ["Anomark"]),
        // `expectMatchesGolden` for your own tests (Swift Testing).
        .library(name: "AnomarkTesting", targets: ["AnomarkTesting"]),
        .library(name: "AnomarkKit", targets: ["AnomarkKit"]),
        .library(name: "AnomarkReport", targets: ["AnomarkReport"]),
        .library(name: "Raster", targets: ["Raster"]),
        .library(name: "Codecs", targets: ["Codecs"]),
        .library(name: "TextRender", targets: ["TextRender"]),
        .library(name: "Detections", targets: ["Detections"]),
        .library(name: "Overlay", targets: ["Overlay"]),
        .library(name: "GoldenImage", targets: ["GoldenImage"]),
        .library(name: "PageAssets", targets: ["PageAssets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (DocC catalogs under Sources/*/*.docc); a plugin only, nothing
        // of it is linked into a product.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // System libraries, found with pkg-config; `providers` tells SwiftPM what to suggest when missing.
        .systemLibrary(
            name: "CLibPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(
            name: "CLibJPEG", pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"]), .brew(["jpeg-turbo"])]),
        .systemLibrary(
            name: "CLibDeflate", pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        // Intel's ISA-L (igzip): the deflate of the `fast` PNG preset (`anomark report`'s default), 2–2.5× the
        // speed of libdeflate level 1 on camera photos (README, "PNG output").
        .systemLibrary(
            name: "CISAL", pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"]), .brew(["isa-l"])]),
        .systemLibrary(
            name: "CFreeType", pkgConfig: "freetype2",
            providers: [.apt(["libfreetype-dev"]), .brew(["freetype"])]),
        .systemLibrary(
            name: "CHarfBuzz", pkgConfig: "harfbuzz",
            providers: [.apt(["libharfbuzz-dev"]), .brew(["harfbuzz"])]),
        .systemLibrary(
            name: "CFriBidi", pkgConfig: "fribidi",
            providers: [.apt(["libfribidi-dev"]), .brew(["fribidi"])]),
        .systemLibrary(
            name: "CFontconfig", pkgConfig: "fontconfig",
            providers: [.apt(["libfontconfig-dev"]), .brew(["fontconfig"])]),

        // The one C target allowed to call setjmp. Coarse functions: status + formatted message out. Also the
        // registry of temporary output files that its signal handler removes (async-signal-safe C), the
        // allocator policy (mallopt, madvise) and one hot kernel Swift cannot express: the PNG filter scores'
        // SSE2 / AVX2 byte sums (png_filter.c; AVX2 chosen at run time, so no target flags).
        .target(
            name: "CAnomarkShim",
            dependencies: ["CLibPNG", "CLibJPEG"]),

        // The bundled font, fonts/DejaVuSans.ttf, assembled into the binary (`.incbin`, found through this
        // header search path: a safe setting, so dependents build it too). See Sources/CAnomarkFont/embedded_font.c.
        .target(
            name: "CAnomarkFont",
            cSettings: [.headerSearchPath("../../fonts")]),

        // Pixels, colour, rectangles, blending, orientation. Pure Swift, no C.
        .target(name: "Raster"),
        .target(name: "Codecs", dependencies: ["Raster", "CAnomarkShim", "CLibDeflate", "CISAL"]),
        .target(
            name: "TextRender",
            dependencies: ["Raster", "CFreeType", "CHarfBuzz", "CFriBidi", "CFontconfig", "CAnomarkFont"]),
        // What a detector said (the result model) and the readers of its wire formats. No I/O. Codecs decodes the
        // grey PNGs of anomaly score maps.
        .target(name: "Detections", dependencies: ["Raster", "Codecs"]),
        // Mask compositor, panel and legend layout: paints a detection, parses nothing. No I/O.
        .target(name: "Overlay", dependencies: ["Raster", "TextRender", "Detections"]),
        // Golden-image comparison (pixelmatch-style YIQ threshold, anti-aliasing detection, diff images).
        .target(name: "GoldenImage", dependencies: ["Raster"]),
        // What the static HTML pages share: escaping for HTML, JSON in <script> and shell; inlined CSS and script.
        .target(name: "PageAssets"),
        // The library the CLI calls: pipelines, file I/O, atomic output, error-to-exit-code mapping.
        .target(
            name: "AnomarkKit",
            dependencies: [
                "Raster", "Codecs", "TextRender", "Detections", "Overlay", "GoldenImage", "CAnomarkShim", "PageAssets",
            ]),
        // Batch reports (HTML page, contact sheets, summaries, metrics, IoU, shards, merges) over the annotate
        // pipeline; AnomarkKit knows nothing of them.
        .target(
            name: "AnomarkReport",
            dependencies: [
                "AnomarkKit", "Raster", "Codecs", "TextRender", "Detections", "Overlay", "PageAssets",
            ]),
        // The public facade: functions over AnomarkKit and type aliases for what callers must name.
        .target(
            name: "Anomark",
            dependencies: [
                "AnomarkKit", "AnomarkReport", "Codecs", "Detections", "GoldenImage", "Overlay", "Raster", "TextRender",
            ]),
        .executableTarget(
            name: "AnomarkCLI",
            dependencies: [
                "AnomarkKit", "AnomarkReport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Golden-image expectations for Swift Testing (`expectMatchesGolden`): the project's own tests use it, and
        // adopters get it as the AnomarkTesting product.
        .target(name: "AnomarkTesting", dependencies: ["Raster", "Codecs", "GoldenImage"]),

        // Benchmarks (run with tools/bench/run, release build).
        .executableTarget(
            name: "anomark-bench",
            dependencies: ["Raster", "Codecs", "GoldenImage", "AnomarkKit"],
            path: "tools/bench/Sources"),

        .testTarget(name: "RasterTests", dependencies: ["Raster"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "Raster", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TextRenderTests", dependencies: ["TextRender", "Raster", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DetectionsTests", dependencies: ["Detections", "Codecs", "Raster", "TestSupport"]),
        .testTarget(
            name: "OverlayTests", dependencies: ["Overlay", "Detections", "Raster", "TextRender", "AnomarkTesting"]),
        .testTarget(name: "GoldenImageTests", dependencies: ["GoldenImage", "Raster", "Codecs", "AnomarkTesting"]),
        // What the test targets share (sample paths, temp folders): written once, never part of a product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "AnomarkKitTests",
            dependencies: [
                "AnomarkKit", "Detections", "Codecs", "Raster", "AnomarkTesting", "PageAssets", "TestSupport",
            ]),
        .testTarget(
            name: "AnomarkReportTests",
            dependencies: [
                "AnomarkReport", "AnomarkKit", "Detections", "Codecs", "Raster", "TextRender", "AnomarkTesting",
                "PageAssets",
                "TestSupport",
            ]),
        .testTarget(
            name: "AnomarkTests",
            dependencies: [
                "Anomark", "AnomarkKit", "AnomarkReport", "AnomarkTesting", "Codecs", "Detections", "GoldenImage",
                "Overlay", "TextRender", "TestSupport",
            ]),
        // AnomarkCLI for `@testable import`: FastPath.match is unit-tested on argument lists.
        .testTarget(name: "CLITests", dependencies: ["AnomarkCLI", "AnomarkKit", "Codecs", "Raster", "TestSupport"]),
        .testTarget(name: "PageAssetsTests", dependencies: ["PageAssets"]),
    ]
)
