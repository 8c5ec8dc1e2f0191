/// The size of an image in pixels, as reported in a `CompareResult`.
public struct ImageSize: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// A size of `width` × `height` pixels.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// `W×H`, e.g. `576×768`.
    public var description: String { "\(width)×\(height)" }
}
