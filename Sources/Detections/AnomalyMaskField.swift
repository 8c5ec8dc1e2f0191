/// Why the `AnomalyMask` field cannot be used.
public enum AnomalyMaskError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Longer than the service's 5 MB limit for the base64 text.
    case tooLong(characters: Int, limit: Int)
    /// Not base64; `index` is the offset of the first offending character.
    case invalidBase64(index: Int)

    /// One line saying what is wrong with the `AnomalyMask` field.
    public var description: String {
        switch self {
        case .tooLong(let n, let limit):
            return "DetectAnomalyResult.AnomalyMask: \(n) characters of base64, more than the limit of \(limit)"
        case .invalidBase64(let index):
            return "DetectAnomalyResult.AnomalyMask: invalid base64 at character \(index)"
        }
    }
}

extension DetectAnomaliesResult {
    /// The service returns masks of at most 5 MB (base64 text); longer fields are refused before decoding.
    public static let maxAnomalyMaskCharacters = 5 * 1024 * 1024

    /// The decoded bytes of `AnomalyMask` (normally a PNG), or nil when the field is absent.
    ///
    /// Unlike `anomalyMaskBytes`, this says why a present field cannot be decoded.
    public func decodedAnomalyMask() throws(AnomalyMaskError) -> [UInt8]? {
        guard let anomalyMask else { return nil }
        let length = anomalyMask.utf8.count
        if length > Self.maxAnomalyMaskCharacters {
            throw .tooLong(characters: length, limit: Self.maxAnomalyMaskCharacters)
        }
        do {
            return try Base64.decode(anomalyMask)
        } catch {
            throw .invalidBase64(index: error.index)
        }
    }
}
