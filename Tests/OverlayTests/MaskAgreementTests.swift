import Overlay
import Raster
import Testing

/// IoU as `MaskAgreement` defines it, on labellings the compositor built (the only way to get one), and the
/// agreement picture.
@Suite("mask agreement and IoU")
struct MaskAgreementTests {
    static let crack = Color(r: 0x23, g: 0xA4, b: 0x36)
    static let burnt = Color(r: 0x80, g: 0x20, b: 0x20)

    /// The compositor's labelling of a one-row mask of `colors` (alpha 255 unless given).
    static func labels(
        _ colors: [Color], types: [Color] = [crack, burnt], background: Color = .white, tolerance: Int = 0
    ) throws -> LabelMap {
        var photo = Pixmap(width: colors.count, height: 1, fill: .black)
        let mask = TestImages.mask(width: colors.count, height: 1) { x, _ in colors[x] }
        let report = try MaskCompositor.composite(
            &photo, mask: mask,
            types: types.enumerated().map { AnomalyType(name: "t\($0.offset)", color: $0.element) },
            options: CompositeOptions(colorTolerance: tolerance, backgroundColor: background), keepLabels: true)
        return try #require(report.labels)
    }

    @Test func perClassAndClassAgnostic() throws {
        let w = Color.white
        let c = Self.crack
        let b = Self.burnt
        let truth = try Self.labels([c, c, c, w, b, w, w, w])
        let predicted = try Self.labels([c, c, w, c, c, w, b, w])
        let agnostic = MaskAgreement(truth: truth, predicted: predicted)
        // Set in both: 0, 1, 4; prediction only: 3, 6; truth only: 2.
        #expect(agnostic == MaskAgreement(truePositives: 3, falsePositives: 2, falseNegatives: 1))
        #expect(agnostic.iou == 0.5)
        let perClass = MaskAgreement.perClass(
            truth: truth, truthNames: ["Crack", "burnt"], predicted: predicted, predictedNames: ["crack", "BURNT"])
        #expect(perClass.map(\.name) == ["Crack", "burnt"])
        // crack: truth {0,1,2}, predicted {0,1,3,4} → 2 / 5; burnt: truth {4}, predicted {6} → 0 / 2.
        #expect(perClass[0].agreement == MaskAgreement(truePositives: 2, falsePositives: 2, falseNegatives: 1))
        #expect(perClass[1].agreement.iou == 0)
    }

    @Test func anEmptyUnionHasNoIoU() throws {
        let empty = try Self.labels([.white, .white])
        #expect(MaskAgreement(truth: empty, predicted: nil).iou == nil)
        #expect(MaskAgreement(truth: nil, predicted: nil).union == 0)
        #expect(MaskAgreement.perClass(truth: empty, truthNames: ["a"], predicted: nil, predictedNames: []).isEmpty)
        // A missing side is empty: every truth pixel is a false negative.
        let truth = try Self.labels([Self.crack, .white])
        #expect(
            MaskAgreement(truth: truth, predicted: nil) == .init(truePositives: 0, falsePositives: 0, falseNegatives: 1)
        )
    }

    /// The definition's edge cases: alpha below 128 is not set; within the tolerance the nearest listed
    /// colour wins; a tie goes to the earlier entry, the background first.
    @Test func alphaToleranceNearestAndTies() throws {
        let near = Color(r: 0xF5, g: 0xF5, b: 0xF5)  // a class 10 from the white background
        let pixels = [
            Color(r: 0x23, g: 0xA4, b: 0x36, a: 127),  // translucent: not set
            Color(r: 0x23, g: 0xA4, b: 0x36, a: 128),  // set
            Color(r: 0x28, g: 0xA0, b: 0x3E),  // crack ± 8: set with tolerance 8 only
            Color(r: 0x2C, g: 0xA4, b: 0x36),  // crack + 9: never
            Color(r: 0xFA, g: 0xFA, b: 0xFA),  // 5 from both white and `near`: the background wins the tie
            Color(r: 0xF9, g: 0xF9, b: 0xF9),  // 4 from `near`, 6 from white: `near`
        ]
        let exact = try Self.labels(pixels, types: [Self.crack, near])
        #expect(exact.labels == [0, 1, 0, 0, 0, 0])
        let tolerant = try Self.labels(pixels, types: [Self.crack, near], tolerance: 8)
        #expect(tolerant.labels == [0, 1, 1, 0, 0, 2])
    }

    @Test func thePictureHasThreeColoursAndLeavesTheRestAlone() throws {
        let c = Self.crack
        let w = Color.white
        let truth = try Self.labels([c, c, w, w])
        let predicted = try Self.labels([c, w, c, w])
        let photo = Pixmap(width: 4, height: 1, fill: Color(r: 10, g: 20, b: 30))
        var painted = photo
        let agreement = try AgreementCompositor.composite(&painted, truth: truth, predicted: predicted, opacity: 1)
        #expect(agreement == MaskAgreement(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        #expect(painted[0, 0] == AgreementCompositor.truePositiveColor)
        #expect(painted[1, 0] == AgreementCompositor.falseNegativeColor)
        #expect(painted[2, 0] == AgreementCompositor.falsePositiveColor)
        #expect(painted[3, 0] == photo[3, 0])
        var half = photo
        _ = try AgreementCompositor.composite(&half, truth: truth, predicted: predicted, opacity: 0.5)
        #expect(
            half[0, 0]
                == TestImages.blend(photo[0, 0], AgreementCompositor.truePositiveColor, opacity: 0.5, maskAlpha: 255))
        #expect(half[3, 0] == photo[3, 0])
    }

    @Test func sizesMustAgree() throws {
        let truth = try Self.labels([.white, .white])
        var photo = Pixmap(width: 3, height: 1, fill: .black)
        #expect(throws: CompositeError.self) {
            _ = try AgreementCompositor.composite(&photo, truth: truth, predicted: nil, opacity: 0.5)
        }
    }
}
