import Codecs
import Detections
import Foundation
import Overlay
import Raster
import TestSupport
import Testing
import TextRender

@testable import AnomarkKit

/// The annotate tests' shared pieces over `TestFiles`: a bundled result and one annotator.
enum Samples {
    static func result(_ name: String) throws -> DetectAnomaliesResult {
        try DetectAnomaliesResult.parse(TestFiles.bytes("results/\(name).json"))
    }
    static let annotator = Annotator(renderer: try! TextRenderer(options: TextRendererOptions(systemFonts: false)))
}

@Suite("Annotator")
struct AnnotatorTests {
    @Test(
        "pixels away from anomalies and outside the panel are bit-identical to the input",
        arguments: ["anomaly-1", "anomaly-4", "anomaly-5"])
    func untouchedPixels(_ name: String) throws {
        let photoBytes = try TestFiles.bytes("\(name).jpg")
        let result = try Samples.result(name)
        let annotation = try Samples.annotator.annotate(
            AnnotateInput(
                image: photoBytes, imageName: "\(name).jpg", detection: try Detection(result), resultName: "r.json"))
        let original = try ImageDecoder.decode(photoBytes).upright
        let maskBytes = try #require(try result.decodedAnomalyMask())
        let mask = try PNG.decode(maskBytes)
        let report = try #require(annotation.maskReport)
        let reach = report.outlineWidth + 1

        // Pixels within `reach` of a painted mask pixel (any non-background colour with alpha > 0).
        var near = [Bool](repeating: false, count: mask.pixelCount)
        for y in 0..<mask.height {
            for x in 0..<mask.width {
                let c = mask[x, y]
                if c.a == 0 || (c.r == 255 && c.g == 255 && c.b == 255) { continue }
                for dy in -reach...reach {
                    for dx in -reach...reach {
                        let (nx, ny) = (x + dx, y + dy)
                        if nx >= 0 && ny >= 0 && nx < mask.width && ny < mask.height {
                            near[ny * mask.width + nx] = true
                        }
                    }
                }
            }
        }
        var checked = 0
        var differing = 0
        var changedNearMask = 0
        for y in 0..<original.height {
            for x in 0..<original.width {
                let inPanel = annotation.panel?.items.contains { $0.box.contains(x: x, y: y) } ?? false
                if inPanel { continue }
                if near[y * original.width + x] {
                    if annotation.image[x, y] != original[x, y] { changedNearMask += 1 }
                    continue
                }
                checked += 1
                if annotation.image[x, y] != original[x, y] { differing += 1 }
            }
        }
        #expect(differing == 0)
        #expect(checked > original.pixelCount / 2)
        #expect(changedNearMask > 1000, "the anomaly is actually painted")
    }

    @Test func maskIsCompositedOnStoredPixelsThenTurnedUpright() throws {
        // A 40×20 photo stored with EXIF orientation 6 (view rotated 90° clockwise) and a mask marking its
        // stored top-left 10×5 corner. Upright, that corner is the top-RIGHT 5×10 block.
        var photo = Pixmap(width: 40, height: 20, fill: Color(r: 30, g: 30, b: 30))
        photo.fill(Rect(x: 39, y: 19, width: 1, height: 1), with: .white)
        let jpeg = try Self.withOrientation6(JPEG.encode(photo, quality: 100))
        var mask = Pixmap(width: 40, height: 20, fill: .white)
        mask.fill(Rect(x: 0, y: 0, width: 10, height: 5), with: Color(r: 255, g: 0, b: 0))
        let json = """
            {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
              {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
              {"Name": "red", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#FF0000"}}]}
            """
        let input = AnnotateInput(
            image: jpeg, imageName: "p.jpg", detection: try LookoutFormat().read(Array(json.utf8)), resultName: "r",
            mask: try PNG.encode(mask), maskName: "m.png")
        var options = AnnotateOptions()
        options.drawPanel = false
        options.composite.opacity = 1
        options.composite.outline = false
        let out = try Samples.annotator.annotate(input, options: options).image
        #expect(out.width == 20 && out.height == 40)
        #expect(out[17, 2].r > 200 && out[17, 2].g < 60, "top-right is red")
        #expect(out[2, 2].r < 80, "top-left is not painted")
    }

    /// A detection's mask may come encoded (a result's PNG) or decoded (a label image a format built): both paint
    /// the same pixels. A score map is painted as a heat map instead (see AnomalyMapAnnotateTests).
    @Test func masksPaintTheSameEncodedOrDecoded() throws {
        let photo = try TestFiles.bytes("anomaly-1.jpg")
        let encoded = try Detection(try Samples.result("anomaly-1"))
        guard case .encoded(let png)? = encoded.mask else {
            Issue.record("the sample result has a PNG mask")
            return
        }
        var decoded = encoded
        decoded.mask = .decoded(try PNG.decode(png))
        let a = try Samples.annotator.annotate(
            AnnotateInput(image: photo, imageName: "a.jpg", detection: encoded, resultName: "r.json"))
        let b = try Samples.annotator.annotate(
            AnnotateInput(image: photo, imageName: "a.jpg", detection: decoded, resultName: "r.json"))
        #expect(a.image == b.image)
        #expect(a.maskReport == b.maskReport && a.maskReport != nil)

        var scores = encoded
        scores.mask = .scores(try #require(ScoreMap(width: 1, height: 1, values: .grey8([255]), threshold: 0.5)))
        let heat = try Samples.annotator.annotate(
            AnnotateInput(image: photo, imageName: "a.jpg", detection: scores, resultName: "r.json"))
        #expect(heat.maskReport == nil && heat.heatMapReport?.areaAboveThreshold == 1)
    }

    @Test func aMaskOfTheUprightSizeIsRefusedSayingTheStoredSizeIsWanted() throws {
        // Stored 40×20, shown 20×40 (orientation 6): a 20×40 mask is the upright size, which is not what the
        // compositor takes; --fit-mask would stretch it, so the message must not suggest it.
        let jpeg = try Self.withOrientation6(JPEG.encode(Pixmap(width: 40, height: 20, fill: .black), quality: 90))
        let json = """
            {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
              {"Name": "red", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#FF0000"}}]}
            """
        for (w, h, upright) in [(20, 40, true), (30, 30, false)] {
            let input = AnnotateInput(
                image: jpeg, imageName: "p.jpg", detection: try LookoutFormat().read(Array(json.utf8)),
                resultName: "r", mask: try PNG.encode(Pixmap(width: w, height: h, fill: .white)), maskName: "m.png")
            #expect {
                try Samples.annotator.annotate(input)
            } throws: { error in
                guard let error = error as? AnomarkError else { return false }
                let text = error.problem
                return error.kind == .badData && error.file == "m.png"
                    && text.contains("must match the image's stored size 40×20")
                    && text.contains("EXIF orientation 6") && text.contains("upright size") == upright
                    && text.contains("--fit-mask") == !upright
            }
        }
    }

    /// Inserts an APP1 EXIF segment with orientation 6 after SOI.
    static func withOrientation6(_ jpeg: [UInt8]) -> [UInt8] {
        let tiff: [UInt8] = [
            0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0,
        ]
        let body = Array("Exif".utf8) + [0, 0] + tiff
        let length = body.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body + jpeg[2...]
    }

    @Test func tinyImagesGetThePanelInABandBelow() throws {
        let photo = try PNG.encode(Pixmap(width: 40, height: 30, fill: Color(r: 200, g: 0, b: 0)))
        let input = AnnotateInput(
            image: photo, imageName: "tiny.png", detection: try Detection(try Samples.result("normal-1")),
            resultName: "r")
        let annotation = try Samples.annotator.annotate(input)
        #expect(annotation.image.height > 30)
        #expect(annotation.image.width >= 40)
        #expect(annotation.image[5, 5] == Color(r: 200, g: 0, b: 0), "the photo itself is not covered")
        #expect(annotation.panelBounds.minY >= 30)
    }
}
