// swift-tools-version:6.0
//
// libFuzzer harnesses for Anomark's parsers of untrusted bytes. A package of its own, depending on the root
// package by path, so that `swift build` and `swift test` of Anomark never see it. Build and run with
// `tools/fuzz/run` (see README.md): `swift build --sanitize=fuzzer --sanitize=address` here.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, so the root package's identity is whatever the checkout is
/// called (`anomark`, `main`, …).
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
let anomark = root.lastPathComponent.lowercased()

/// One harness: an executable whose source exports `LLVMFuzzerTestOneInput` (libFuzzer supplies `main`).
func harness(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name, dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: anomark) },
        path: "Sources/\(name)")
}

let package = Package(
    name: "AnomarkFuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "FuzzSupport"),
        harness("fuzz-png", ["Codecs", "Raster"]),
        harness("fuzz-png-encode", ["Codecs", "Raster"]),
        harness("fuzz-jpeg", ["Codecs", "Raster"]),
        harness("fuzz-bmp", ["Codecs", "Raster"]),
        harness("fuzz-result", ["Detections"]),
        harness("fuzz-base64", ["Detections"]),
        harness("fuzz-report-line", ["AnomarkReport"]),
        harness("fuzz-diff", ["GoldenImage", "Raster"]),
        harness("fuzz-diff-config", ["GoldenImage"]),
        harness("fuzz-anomaly-map", ["Detections", "Codecs"]),
    ]
)
