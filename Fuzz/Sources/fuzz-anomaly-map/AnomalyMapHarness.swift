import Codecs
import Detections
// The `anomaly-map` format: the strict `.npy` reader, grey PNG maps (`PNG.decodeGrey`, 16-bit kept) and anomalib's
// JSON sidecars, through `AnomalyMapFormat` and the registry. An accepted map holds exactly width × height finite
// scores; a refusal is one line; a sidecar reads the same directly and through the registry.
import FuzzSupport

/// libFuzzer's entry point: one input of `size` bytes at `data`; returns 0 (the input is never rejected).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnomalyMap(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    // Like the PNG harness: at most 2^18 pixels, so an RGBA decode stays within libFuzzer's malloc limit.
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]),
        let head = try? PNG.header(bytes), head.width * head.height > 1 << 18
    {
        return 0
    }
    do {
        let map = try AnomalyMapFormat.scoreMap(bytes, threshold: 0.5)
        require(map.values.count == map.width * map.height && map.width > 0 && map.height > 0, "map size")
        if case .float(let values) = map.values { require(values.allSatisfy(\.isFinite), "a non-finite score") }
        if let top = map.maximum { require(top.isFinite, "a non-finite maximum") }
    } catch {
        require(!error.description.isEmpty && !error.description.contains("\n"), "an error must be one line")
    }
    let format = AnomalyMapFormat()
    let direct = Result { () throws(ResultError) in try format.read(bytes) }
    if format.claims(bytes) {
        let viaRegistry = Result { () throws(ResultError) in try ResultFormats.auto.read(bytes) }
        if ResultFormats.auto.format(for: bytes).name == format.name {
            switch (direct, viaRegistry) {
            case (.success(let a), .success(let b)): require(a == b, "the registry reads the map differently")
            case (.failure(let a), .failure(let b)): require(a == b, "the registry fails differently")
            default: fatalError("the registry and the format disagree")
            }
        }
    }
    if case .success(let detection) = direct, let threshold = detection.verdict?.threshold {
        require(threshold.isFinite, "a non-finite threshold")
        _ = detection.withMapThreshold(threshold / 2)
    }
    return 0
}
