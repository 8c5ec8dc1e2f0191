@_spi(Fuzzing) import Detections
import Foundation
// `AnomalyMask`'s strict base64 decoder. Whatever it accepts re-encodes (Foundation) and decodes to the same bytes;
// every byte string, encoded by Foundation with or without padding, decodes back to itself; whatever canonical-
// looking text Foundation decodes, it decodes too, to the same bytes.
import FuzzSupport

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase64(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    var ours: [UInt8]?
    do throws(AnomalyMaskError) {
        let decoded = try DetectAnomaliesResult.decodeBase64(text)
        let canonical = Data(decoded).base64EncodedString()
        require((try? DetectAnomaliesResult.decodeBase64(canonical)) == decoded, "re-encoding changed the bytes")
        ours = decoded
    } catch {
        guard case .invalidBase64(let index) = error else { fatalError("unexpected \(error)") }
        require(index >= 0 && index <= text.utf8.count, "failure index outside the text")
    }
    // Foundation is lenient about padding ("QQ=" passes); on text shaped like canonical base64 (whole quanta,
    // padding only at the end) the two must agree.
    let padding = text.reversed().prefix { $0 == "=" }.count
    if text.utf8.count % 4 == 0, padding <= 2, !text.dropLast(padding).contains("="),
        let foundation = Data(base64Encoded: text)
    {
        require(ours == [UInt8](foundation), "Foundation decodes text we refuse, or decodes it differently")
    }
    let encoded = Data(bytes).base64EncodedString()
    require((try? DetectAnomaliesResult.decodeBase64(encoded)) == bytes, "padded round trip failed")
    let unpadded = String(encoded.prefix { $0 != "=" })
    require((try? DetectAnomaliesResult.decodeBase64(unpadded)) == bytes, "unpadded round trip failed")
    return 0
}
