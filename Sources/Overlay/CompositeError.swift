/// Why `MaskCompositor.composite` refused to paint. Nothing is painted when it throws.
public enum CompositeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The mask and the photo differ in size (scale the mask first, e.g. with `Pixmap.scaledNearest`).
    case sizeMismatch(photoWidth: Int, photoHeight: Int, maskWidth: Int, maskHeight: Int)
    /// An option is out of range; `name` is the `CompositeOptions` property.
    case invalidOption(name: String, expected: String, got: String)
    /// More anomaly types than the one-byte label buffer can tell apart.
    case tooManyTypes(count: Int, max: Int)

    /// One line naming what is wrong and the values involved.
    public var description: String {
        switch self {
        case .sizeMismatch(let pw, let ph, let mw, let mh):
            return "the mask is \(mw)×\(mh) pixels but the photo is \(pw)×\(ph); they must be the same size"
        case .invalidOption(let name, let expected, let got):
            return "\(name): expected \(expected), got \(got)"
        case .tooManyTypes(let count, let max):
            return "\(count) anomaly types; at most \(max) can be painted"
        }
    }
}
