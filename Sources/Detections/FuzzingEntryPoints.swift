// Entry points for the libFuzzer harnesses in `Fuzz/` (see `Fuzz/README.md`): SPI, not API. The result reader is
// public already (`DetectAnomaliesResult.parse`); base64 is internal and reached here. Import with
// `@_spi(Fuzzing) import Detections`.

@_spi(Fuzzing) extension DetectAnomaliesResult {
    /// `AnomalyMask`'s strict base64 decoder, without the length limit of `decodedAnomalyMask()`.
    public static func decodeBase64(_ text: String) throws(AnomalyMaskError) -> [UInt8] {
        do throws(Base64.Failure) {
            return try Base64.decode(text)
        } catch {
            throw .invalidBase64(index: error.index)
        }
    }
}
