import Raster

/// Paints how a prediction agrees with the ground truth, pixel by pixel, over the photo: true positives,
/// false positives and false negatives each in one colour (`annotate --truth`, `report --compare overlay`).
///
/// The colours are three of Okabe and Ito's colour-blind-safe palette (told apart with protanopia,
/// deuteranopia and tritanopia alike): true positive bluish green `#009E73`, false positive vermillion
/// `#D55E00`, false negative blue `#0072B2`. Pixels set in neither mask stay bit-identical. A pixel is set as
/// `MaskAgreement` defines it (the compositor's `LabelMap`), class-agnostically: any class counts.
public enum AgreementCompositor {
    /// Set in both masks.
    public static let truePositiveColor = Color(r: 0x00, g: 0x9E, b: 0x73)
    /// Set in the prediction only.
    public static let falsePositiveColor = Color(r: 0xD5, g: 0x5E, b: 0x00)
    /// Set in the truth only.
    public static let falseNegativeColor = Color(r: 0x00, g: 0x72, b: 0xB2)

    /// Paints the agreement of `predicted` with `truth` over `photo` (stored orientation, the labellings' size)
    /// at `opacity` (0…1, as `CompositeOptions.opacity`) and returns it. A nil labelling is empty.
    ///
    /// - Throws: `CompositeError` when the sizes differ or the opacity is out of range; the photo is untouched
    ///   then.
    public static func composite(
        _ photo: inout Pixmap, truth: LabelMap?, predicted: LabelMap?, opacity: Double
    ) throws(CompositeError) -> MaskAgreement {
        for labels in [truth, predicted].compactMap({ $0 })
        where labels.width != photo.width || labels.height != photo.height {
            throw .sizeMismatch(
                photoWidth: photo.width, photoHeight: photo.height, maskWidth: labels.width,
                maskHeight: labels.height)
        }
        guard opacity >= 0 && opacity <= 1 else {  // also refuses NaN
            throw .invalidOption(name: "opacity", expected: "a number in 0...1", got: "\(opacity)")
        }
        let agreement = MaskAgreement(truth: truth, predicted: predicted)
        let alpha = UInt32((opacity * 255).rounded())
        guard alpha > 0, agreement.union > 0 else { return agreement }
        // Index = (truth set) · 2 + (predicted set): nothing, false positive, false negative, true positive.
        let colors = [Color.transparent, falsePositiveColor, falseNegativeColor, truePositiveColor]
        // A missing side is all zeros (one allocation, outside the pass).
        let none = truth == nil || predicted == nil ? [UInt8](repeating: 0, count: photo.pixelCount) : []
        let t = truth?.labels ?? none
        let p = predicted?.labels ?? none
        photo.withUnsafeMutableBufferPointer { dst in
            t.withUnsafeBufferPointer { t in
                p.withUnsafeBufferPointer { p in
                    guard let d = dst.baseAddress else { return }
                    for i in 0..<t.count {
                        let k = (t[i] > 0 ? 2 : 0) | (p[i] > 0 ? 1 : 0)
                        if k == 0 { continue }
                        let c = colors[k]
                        Blend.sourceOver(d + i &* 4, r: UInt32(c.r), g: UInt32(c.g), b: UInt32(c.b), alpha: alpha)
                    }
                }
            }
        }
        return agreement
    }
}
