import Detections
import Foundation
// The result JSON reader (`DetectAnomaliesResult.parse`: strict UTF-8, the JSON parser, the field checks) and its
// `Codable` twin. A result it accepts must encode and parse back to itself.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResult(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    let parsed: DetectAnomaliesResult
    do {
        parsed = try DetectAnomaliesResult.parse(bytes)
    } catch {
        require(!error.description.isEmpty && !error.description.contains("\n"), "an error must be one line")
        _ = try? JSONDecoder().decode(DetectAnomaliesResult.self, from: Data(bytes))
        return 0
    }
    _ = try? parsed.decodedAnomalyMask()
    _ = (parsed.background, parsed.defectTypes, parsed.anomalyMaskBytes)
    guard let encoded = try? JSONEncoder().encode(parsed) else { fatalError("an accepted result must encode") }
    guard let again = try? DetectAnomaliesResult.parse([UInt8](encoded)) else {
        fatalError("an encoded result must parse: \(String(decoding: encoded, as: UTF8.self))")
    }
    require(again == parsed, "encode → parse changed the result")
    let viaCodable = try? JSONDecoder().decode(DetectAnomaliesResult.self, from: encoded)
    require(viaCodable == parsed, "the Codable path reads our own encoding differently")
    return 0
}
