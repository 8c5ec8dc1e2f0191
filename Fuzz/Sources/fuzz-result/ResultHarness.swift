import Detections
import Foundation
// The result JSON reader (`DetectAnomaliesResult.parse`: strict UTF-8, the JSON parser, the field checks), its
// `Codable` twin and the `lookout` format behind `--input-format` (`LookoutFormat`, through the registry). A result
// it accepts must encode and parse back to itself, and read as the same `Detection` through the format. The
// `dda` format (capture records, base64 JSON inside) reads the same bytes too: it must fail in one line or give
// a detection `auto` gives as well when it claims them.
import FuzzSupport

let lookout = ResultFormats(named: "lookout")!
let dda = ResultFormats(named: "dda")!

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResult(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    do {
        let capture = try dda.read(bytes)
        if DDAFormat().claims(bytes) && !LookoutFormat().claims(bytes) {
            require((try? ResultFormats.auto.read(bytes)) == capture, "auto reads a capture differently")
        }
    } catch {
        require(!error.description.isEmpty && !error.description.contains("\n"), "an error must be one line")
    }
    let parsed: DetectAnomaliesResult
    do {
        parsed = try DetectAnomaliesResult.parse(bytes)
    } catch {
        require(!error.description.isEmpty && !error.description.contains("\n"), "an error must be one line")
        _ = try? JSONDecoder().decode(DetectAnomaliesResult.self, from: Data(bytes))
        require((try? lookout.read(bytes)) == nil, "the format accepts what the reader refuses")
        return 0
    }
    let detection = try? lookout.read(bytes)
    if (parsed.anomalyMask?.utf8.count ?? 0) <= DetectAnomaliesResult.maxAnomalyMaskCharacters {
        require(detection != nil && detection == (try? Detection(parsed)), "the format reads the result differently")
    } else {
        require(detection == nil, "the format accepts a mask over the limit")
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
