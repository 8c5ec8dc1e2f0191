import Overlay
import Raster
import Testing

@testable import AnomarkKit
@testable import AnomarkReport

@Suite struct ReportThumbnailTests {
    @Test func averagesEachBlockExactly() {
        // 4×2 → 2×1: each destination pixel is the mean of a 2×2 block.
        var image = Pixmap(width: 4, height: 2)
        let values: [UInt8] = [0, 100, 200, 255, 10, 20, 30, 40]
        for (i, v) in values.enumerated() {
            image[i % 4, i / 4] = Color(r: v, g: 255 - v, b: 7, a: 255)
        }
        let small = ReportThumbnail.downscaled(image, width: 2, height: 1)
        #expect(small.width == 2 && small.height == 1)
        let left = (0 + 100 + 10 + 20 + 2) / 4  // rounded mean
        let leftGreen = (255 + 155 + 245 + 235 + 2) / 4
        let right = (200 + 255 + 30 + 40 + 2) / 4
        #expect(small[0, 0] == Color(r: UInt8(left), g: UInt8(leftGreen), b: 7))
        #expect(small[1, 0].r == UInt8(right))
    }

    @Test func transparentPixelsDoNotDarkenColours() {
        let image = Pixmap(width: 2, height: 1, pixels: [255, 0, 0, 255, 0, 0, 0, 0])  // red, transparent black
        let small = ReportThumbnail.downscaled(image, width: 1, height: 1)
        #expect(small[0, 0] == Color(r: 255, g: 0, b: 0, a: 128))
    }

    @Test(arguments: [
        (576, 768, 256, 1024, 256, 341), (768, 576, 256, 1024, 256, 192), (100, 50, 256, 1024, 100, 50),
        (4000, 10, 160, 160, 160, 1), (1000, 4000, 160, 160, 40, 160),
    ])
    func fittedSizes(w: Int, h: Int, maxW: Int, maxH: Int, expectedW: Int, expectedH: Int) {
        let size = ReportThumbnail.fittedSize(width: w, height: h, maxWidth: maxW, maxHeight: maxH)
        #expect(size.width == expectedW && size.height == expectedH)
    }

    /// The opaque fast path is the weighted average bit for bit (odd and even blocks, uneven edges, 1-pixel
    /// blocks), and an image with one translucent pixel (in the first block or the last) is refused by it and
    /// still takes the weighted path.
    @Test(arguments: [
        (576, 768, 256, 341), (577, 769, 256, 341), (300, 200, 7, 5), (64, 48, 64, 48), (999, 3, 1, 1),
        // Blocks of 257 rows (the tallest 16-bit column sums hold) and 300 (32-bit ones); 65 × 65 pixels, past
        // ExactDivision's reciprocals.
        (40, 514, 4, 2), (10, 600, 3, 2), (130, 130, 2, 2),
    ])
    func opaqueFastPathEqualsTheWeightedAverage(w: Int, h: Int, dw: Int, dh: Int) {
        var state: UInt32 = UInt32(w * 31 + h)
        var image = Pixmap(width: w, height: h)
        image.withUnsafeMutableBytes { p in
            for i in 0..<p.count {
                state = state &* 1_664_525 &+ 1_013_904_223
                p[i] = i % 4 == 3 ? 255 : UInt8(truncatingIfNeeded: state >> 24)
            }
        }
        let fast = ReportThumbnail.downscaledOpaque(image, width: dw, height: dh)
        #expect(fast != nil)
        #expect(fast == ReportThumbnail.downscaledWeighted(image, width: dw, height: dh))
        #expect(ReportThumbnail.downscaled(image, width: dw, height: dh) == fast)
        for (x, y) in [(0, 0), (w - 1, h - 1)] {
            var translucent = image
            translucent[x, y] = Color(r: 255, g: 255, b: 255, a: 254)
            #expect(ReportThumbnail.downscaledOpaque(translucent, width: dw, height: dh) == nil)
            #expect(
                ReportThumbnail.downscaled(translucent, width: dw, height: dh)
                    == ReportThumbnail.downscaledWeighted(translucent, width: dw, height: dh))
        }
    }

    /// The reciprocal is the division for every sum a block can have: all of them for counts up to 300, the
    /// largest ones (where the error term weighs most) up to the limit, and counts past it divide.
    @Test func exactDivisionIsTheDivision() {
        let division = ReportThumbnail.ExactDivision(upTo: ReportThumbnail.ExactDivision.limit + 10)
        func expected(_ sum: Int, _ count: Int) -> UInt8 { UInt8((sum + count / 2) / count) }
        var wrong: [(Int, Int)] = []
        for count in 1...300 {
            for sum in 0...(255 * count)
            where division.roundedMean(sum: UInt32(sum), count: count) != expected(sum, count) {
                wrong.append((sum, count))
            }
        }
        for count in 301...(ReportThumbnail.ExactDivision.limit + 10) {
            for sum in [0, count / 2, count, 127 * count + count / 2, 255 * count - count / 2 - 1, 255 * count]
            where division.roundedMean(sum: UInt32(sum), count: count) != expected(sum, count) {
                wrong.append((sum, count))
            }
        }
        #expect(wrong.isEmpty, "first wrong (sum, count): \(wrong.prefix(5))")
    }

    @Test func uniformImagesStayUniformAtAnyRatio() {
        let image = Pixmap(width: 577, height: 769, fill: Color(r: 12, g: 34, b: 56))
        let small = ReportThumbnail.downscaled(image, width: 256, height: 341)
        #expect(small == Pixmap(width: 256, height: 341, fill: Color(r: 12, g: 34, b: 56)))
    }

    /// White blocks of 257 rows fill 16-bit column sums to the last value (257 · 255 = 65,535); blocks of 258
    /// must take 32-bit sums, or they wrap and come out nearly black.
    @Test(arguments: [514, 516])
    func tallWhiteBlocksStayWhite(height: Int) {
        let image = Pixmap(width: 4, height: height, fill: .white)
        let small = ReportThumbnail.downscaledOpaque(image, width: 1, height: 2)
        #expect(small == Pixmap(width: 1, height: 2, fill: .white))
    }
}

@Suite struct ReportIoUTests {
    static let red = Color(r: 255, g: 0, b: 0)
    static let green = Color(r: 0, g: 255, b: 0)

    /// A 10×10 mask with `columns` painted in `color`.
    static func mask(_ paint: [(Range<Int>, Color)], alpha: UInt8 = 255) -> Pixmap {
        var mask = Pixmap(width: 10, height: 10, fill: .white)
        for (columns, color) in paint {
            mask.fill(Rect(x: columns.lowerBound, y: 0, width: columns.count, height: 10), with: color.withAlpha(alpha))
        }
        return mask
    }

    /// The compositor's labelling of `mask` over a black photo, with what it painted.
    static func composite(_ mask: Pixmap, _ colors: [Color], tolerance: Int = 0) throws -> (
        labels: LabelMap, report: CompositeReport, photo: Pixmap
    ) {
        var photo = Pixmap(width: mask.width, height: mask.height, fill: .black)
        let types = colors.enumerated().map { AnomalyType(name: "t\($0.offset)", color: $0.element) }
        let report = try MaskCompositor.composite(
            &photo, mask: mask, types: types, options: CompositeOptions(colorTolerance: tolerance),
            keepLabels: true)
        return (try #require(report.labels), report, photo)
    }

    @Test func countsAndAreas() throws {
        let labels = try Self.composite(
            Self.mask([(0..<3, Self.red), (5..<6, Self.green)]), [Self.red, Self.green]
        ).labels
        #expect(labels.counts == [30, 10])
        #expect(labels.areas == [0.3, 0.1])
        let faint = try Self.composite(Self.mask([(0..<3, Self.red)], alpha: 127), [Self.red]).labels
        #expect(faint.counts == [0])
    }

    @Test func intersectionOverUnionByName() throws {
        let truth = try Self.composite(Self.mask([(0..<4, Self.red)]), [Self.red]).labels
        // The prediction calls the same type "Cracked" in another colour, overlapping 2 of 4 columns, plus a
        // type the truth does not have.
        let predicted = try Self.composite(
            Self.mask([(2..<6, Self.green), (8..<9, Self.red)]), [Self.green, Self.red]
        ).labels
        let iou = ReportIoU.intersections(
            truth: truth, truthNames: ["cracked"], predicted: predicted, predictedNames: ["Cracked", "hole"])
        #expect(iou.map(\.name) == ["cracked", "hole"])
        #expect(iou[0].intersection == 20 && iou[0].union == 60)
        #expect(abs(iou[0].iou - 1.0 / 3.0) < 1e-12)
        #expect(iou[1].intersection == 0 && iou[1].union == 10 && iou[1].iou == 0)
    }

    @Test func aMissingSideCountsAsEmpty() throws {
        let predicted = try Self.composite(Self.mask([(0..<1, Self.red)]), [Self.red]).labels
        let iou = ReportIoU.intersections(
            truth: nil, truthNames: [], predicted: predicted, predictedNames: ["cracked"])
        #expect(iou == [ReportRecord.TypeIoU(name: "cracked", intersection: 0, union: 10)])
        let none = ReportIoU.intersections(
            truth: nil, truthNames: ["cracked"], predicted: nil, predictedNames: ["cracked"])
        #expect(none.isEmpty)
    }

    /// The overlay and the IoU count the same pixels, with and without a colour tolerance: a prediction whose
    /// mask holds red and a near-red (5 off) against a truth of plain red over the same columns.
    @Test(arguments: [(0, 30), (4, 30), (5, 50), (8, 50)])
    func overlayAndIoUAgreeUnderColorTolerance(tolerance: Int, matched: Int) throws {
        let nearRed = Color(r: 250, g: 5, b: 0)
        let truth = try Self.composite(Self.mask([(0..<5, Self.red)]), [Self.red], tolerance: tolerance).labels
        let (predicted, report, photo) = try Self.composite(
            Self.mask([(0..<3, Self.red), (3..<5, nearRed)]), [Self.red], tolerance: tolerance)
        // Painted exactly where labelled.
        for i in 0..<photo.pixelCount {
            #expect((photo.pixels[i * 4] != 0) == (predicted.labels[i] != 0), "pixel \(i)")
        }
        #expect(report.paintedPixels == matched && predicted.counts == [matched])
        #expect(report.measuredArea == predicted.areas)
        let iou = ReportIoU.intersections(
            truth: truth, truthNames: ["red"], predicted: predicted, predictedNames: ["red"])
        #expect(iou == [ReportRecord.TypeIoU(name: "red", intersection: matched, union: 50)])
    }
}

@Suite struct ReportMetricsTests {
    static func record(
        truth: Bool?, predicted: Bool?, iou: [ReportRecord.TypeIoU] = [], status: ReportRecord.Status = .ok
    )
        -> ReportRecord
    {
        var r = ReportRecord(key: "k", name: "k", image: nil, result: nil, truthMask: nil, status: status)
        if let truth { r.truth = .init(isAnomalous: truth, anomalies: [], hasMask: false) }
        if let predicted { r.prediction = .init(isAnomalous: predicted, confidence: 0.9, anomalies: []) }
        r.iou = iou
        return r
    }

    @Test func confusionMatrixAndRatios() throws {
        let records =
            [
                Self.record(truth: true, predicted: true), Self.record(truth: true, predicted: true),
                Self.record(truth: true, predicted: false), Self.record(truth: false, predicted: true),
                Self.record(truth: false, predicted: false), Self.record(truth: nil, predicted: true),
                Self.record(truth: true, predicted: true, status: .failed),
            ]
        let m = try #require(ReportMetrics(records: records).classification)
        #expect((m.truePositives, m.falseNegatives, m.falsePositives, m.trueNegatives) == (2, 1, 1, 1))
        #expect(m.accuracy == 3.0 / 5.0)
        #expect(m.precision == 2.0 / 3.0)
        #expect(m.recall == 2.0 / 3.0)
        #expect(m.f1 == 4.0 / 6.0)
    }

    @Test func undefinedRatiosAreNil() throws {
        let m = try #require(ReportMetrics(records: [Self.record(truth: false, predicted: false)]).classification)
        #expect(m.accuracy == 1 && m.precision == nil && m.recall == nil && m.f1 == nil)
        #expect(ReportMetrics(records: [Self.record(truth: nil, predicted: true)]).isEmpty)
    }

    @Test func meanIoUPerTypeOverImagesWhereItAppears() {
        let records = [
            Self.record(truth: true, predicted: true, iou: [.init(name: "cracked", intersection: 1, union: 2)]),
            Self.record(
                truth: true, predicted: true,
                iou: [
                    .init(name: "Cracked", intersection: 1, union: 1), .init(name: "hole", intersection: 0, union: 5),
                ]),
        ]
        let m = ReportMetrics(records: records)
        #expect(
            m.meanIoU == [.init(name: "cracked", meanIoU: 0.75, images: 2), .init(name: "hole", meanIoU: 0, images: 1)])
    }
}
