import AnomarkTesting
import Codecs
import Detections
import Foundation
import Overlay
import Raster
import TestSupport
import Testing

@testable import AnomarkKit

/// `annotate --truth`: the prediction's agreement with a binary ground-truth mask, on the MVTec-style samples.
@Suite("ground truth against prediction")
struct TruthComparisonTests {
    /// Annotates `test/crack/<n>.png` of samples/mvtec with its prediction and truth mask.
    static func compare(_ n: String, tolerance: Int = 0, defect: String = "crack") throws -> Annotation {
        let result = try TestFiles.mvtecBytes("predictions/test/\(defect)/\(n).png.json")
        var input = AnnotateInput(
            image: try TestFiles.mvtecBytes("cookie/test/\(defect)/\(n).png"), imageName: "test/\(defect)/\(n).png",
            detection: try LookoutFormat().read(result), resultName: "\(n).png.json")
        input.truth = AnnotateJob.binaryTruth(mask: try TestFiles.mvtecBytes("cookie/ground_truth/crack/\(n)_mask.png"))
        input.truthName = "\(n)_mask.png"
        var options = AnnotateOptions()
        options.composite.colorTolerance = tolerance
        return try Samples.annotator.annotate(input, options: options)
    }

    /// `color` over the opaque `photo` at opacity 0.5 (alpha 128), in floating point: round((c·a + p·(255 − a)) / 255).
    static func half(_ photo: Color, _ color: Color) -> Color {
        func mix(_ c: UInt8, _ p: UInt8) -> UInt8 { UInt8((Double(Int(c) * 128 + Int(p) * 127) / 255).rounded()) }
        return Color(r: mix(color.r, photo.r), g: mix(color.g, photo.g), b: mix(color.b, photo.b))
    }

    /// The counts numpy finds on the same files (tools/iou-check, which applies the documented rule itself):
    /// image, tolerance, true positives, false positives, false negatives.
    static let numpy: [(String, Int, Int, Int, Int)] = [
        ("000", 0, 337, 45, 146), ("001", 0, 346, 173, 158), ("002", 0, 309, 142, 225), ("003", 0, 635, 259, 409),
        ("000", 8, 405, 54, 78), ("001", 8, 415, 232, 89), ("002", 8, 367, 174, 167), ("003", 8, 763, 332, 281),
    ]

    @Test(arguments: numpy)
    func agreementIsNumpys(_ expected: (String, Int, Int, Int, Int)) throws {
        let (n, tolerance, tp, fp, fn) = expected
        let a = try Self.compare(n, tolerance: tolerance)
        let agreement = try #require(a.agreement)
        #expect(agreement == MaskAgreement(truePositives: tp, falsePositives: fp, falseNegatives: fn))
        let iou = try #require(agreement.iou)
        #expect(abs(iou - Double(tp) / Double(tp + fp + fn)) < 1e-12)
        #expect(a.panel?.items.contains { $0.text == Annotator.iouLine(agreement) } == true)
    }

    @Test func thePictureIsTheAgreementAndNothingElse() throws {
        let a = try Self.compare("001", tolerance: 8)
        let photo = try ImageDecoder.decode(TestFiles.mvtecBytes("cookie/test/crack/001.png")).pixmap
        let truth = try #require(a.truthReport?.labels)
        let predicted = try #require(a.maskReport?.labels)
        var changed = 0
        var unexpected = 0
        for y in 0..<photo.height {
            for x in 0..<photo.width {
                let i = y * photo.width + x
                let set = truth.labels[i] > 0 || predicted.labels[i] > 0
                let differs = a.image[x, y] != photo[x, y]
                if differs { changed += 1 }
                if differs != set { unexpected += 1 }
            }
        }
        // Every pixel set in either mask is painted (no outline, no markers, no class colours), no other.
        #expect(unexpected == 0)
        #expect(changed == a.agreement?.union)
        let i = try #require((0..<truth.labels.count).first { truth.labels[$0] > 0 && predicted.labels[$0] > 0 })
        let x = i % photo.width
        let y = i / photo.width
        let tp = AgreementCompositor.truePositiveColor
        #expect(a.image[x, y] == Self.half(photo[x, y], tp))
        expectMatchesGolden(a.image, "annotate/truth-agreement", tolerance: .exact)
    }

    @Test func aNormalImageWithAFalseAlarmHasIoUZero() throws {
        let result = try TestFiles.mvtecBytes("predictions/test/good/001.png.json")
        var input = AnnotateInput(
            image: try TestFiles.mvtecBytes("cookie/test/good/001.png"), imageName: "good/001.png",
            detection: try LookoutFormat().read(result), resultName: "001.png.json")
        // A truth that is all background: black, opaque, 144×192.
        input.truth = AnnotateJob.binaryTruth(
            mask: try PNG.encode(Pixmap(width: 144, height: 192, fill: .black)))
        let a = try Samples.annotator.annotate(input)
        #expect(a.agreement == MaskAgreement(truePositives: 0, falsePositives: 80, falseNegatives: 0))
        #expect(a.agreement?.iou == 0)
    }

    @Test func anAnomalousPredictionWithoutMaskCannotBeCompared() throws {
        var input = AnnotateInput(
            image: try TestFiles.mvtecBytes("cookie/test/crack/000.png"), imageName: "000.png",
            detection: Detection(
                source: .init(format: "lookout"), verdict: .init(isAnomalous: true, confidence: 0.9), classes: []),
            resultName: "r.json")
        input.truth = AnnotateJob.binaryTruth(mask: try TestFiles.mvtecBytes("cookie/ground_truth/crack/000_mask.png"))
        #expect {
            _ = try Samples.annotator.annotate(input)
        } throws: { error in
            "\(error)".contains("r.json") && "\(error)".contains("no mask or anomaly map to compare")
        }
    }

    /// A score map's pixels at or above its threshold are its mask: every truth pixel is a true positive or a
    /// false negative, every pixel above the threshold a true or false positive.
    @Test func aScoreMapIsComparedAtItsThreshold() throws {
        let mapBytes = try [UInt8](
            Data(contentsOf: TestFiles.repo.appendingPathComponent("samples/anomaly-maps/anomaly-1.anomaly_map.png")))
        let map = try AnomalyMapFormat.scoreMap(mapBytes, threshold: 0.5)
        let cookieMask = try PNG.decode(TestFiles.bytes("anomaly-1.mask.png"))
        var binary = Pixmap(width: cookieMask.width, height: cookieMask.height, fill: .black)
        for y in 0..<binary.height {
            for x in 0..<binary.width where cookieMask[x, y].a >= 128 { binary[x, y] = .white }
        }
        var input = AnnotateInput(
            image: try TestFiles.bytes("anomaly-1.jpg"), imageName: "anomaly-1.jpg",
            detection: AnomalyMapFormat.detection(map: map), resultName: "map.png")
        input.truth = AnnotateJob.binaryTruth(mask: try PNG.encode(binary))
        let a = try Samples.annotator.annotate(input)
        let agreement = try #require(a.agreement)
        let truthPixels = (0..<binary.width * binary.height).filter {
            binary[$0 % binary.width, $0 / binary.width] == .white
        }.count
        let total = Double(binary.width * binary.height)
        #expect(agreement.truePositives + agreement.falseNegatives == truthPixels)
        let above = try #require(a.heatMapReport?.areaAboveThreshold)
        #expect(Double(agreement.truePositives + agreement.falsePositives) == (above * total).rounded())
        #expect(agreement.truePositives > 0 && (agreement.iou ?? 0) > 0.3)
    }
}
