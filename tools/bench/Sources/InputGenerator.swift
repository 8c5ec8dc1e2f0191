import Codecs
import Raster

/// `gen-inputs`: writes the bench's inputs into a cache directory, from the bundled sample photo.
///
/// - `cookie-576x768.jpg` (a copy of the sample) and `cookie-576x768.png` (its pixels as PNG);
/// - `photo-4096.jpg`: the sample upscaled to 4096×4096 (the service's largest image) with mild noise,
///   JPEG quality 90; `photo-4096.png`: the same pixels as PNG (default encoder settings);
/// - `mask-4096.png`: an RGBA anomaly mask with blobs in three anomaly colours, and `result-4096.json`, a
///   `DetectAnomalies` result listing them with that mask base64-encoded in `AnomalyMask`.
/// No ImageMagick needed: everything is made with the project's own codecs.
enum InputGenerator {
    static let side = 4096

    static func run(sample: String, directory: String) throws {
        let sampleBytes = try System.read(sample)
        let photo = try ImageDecoder.decode(sampleBytes).upright
        try System.write(sampleBytes, to: directory + "/cookie-576x768.jpg")
        try System.write(try PNG.encode(photo), to: directory + "/cookie-576x768.png")

        let big = PhotoSynthesis.upscaled(photo, width: side, height: side)
        try System.write(try JPEG.encode(big, quality: 90), to: directory + "/photo-4096.jpg")
        // The PNG holds the decoded JPEG's pixels, so that both inputs show the same picture.
        let decoded = try JPEG.decode(try System.read(directory + "/photo-4096.jpg"))
        try System.write(try PNG.encode(decoded), to: directory + "/photo-4096.png")

        let (mask, counts) = MaskSynthesis.mask(width: side, height: side)
        let maskBytes = try PNG.encode(mask, options: .init(alpha: .keep))
        try System.write(maskBytes, to: directory + "/mask-4096.png")
        let json = resultJSON(maskPNG: maskBytes, counts: counts, pixels: side * side)
        try System.write(Array(json.utf8), to: directory + "/result-4096.json")
    }

    /// A `{"DetectAnomalyResult": …}` document as the AWS CLI prints it: background first, then each type.
    static func resultJSON(maskPNG: [UInt8], counts: [Int], pixels: Int) -> String {
        // A fraction of the image, as in the service's results (0.018546 is 1.85 %).
        func area(_ n: Int) -> String { JSONLine.fixed(Double(n) / Double(pixels), decimals: 6) }
        let covered = counts.reduce(0, +)
        var anomalies = [
            """
                  {
                    "Name": "background",
                    "PixelAnomaly": { "TotalPercentageArea": \(area(pixels - covered)), "Color": "#FFFFFF" }
                  }
            """
        ]
        for (kind, count) in zip(MaskSynthesis.kinds, counts) {
            anomalies.append(
                """
                      {
                        "Name": "\(kind.name)",
                        "PixelAnomaly": { "TotalPercentageArea": \(area(count)), "Color": "\(kind.color.hexString)" }
                      }
                """)
        }
        return """
            {
              "DetectAnomalyResult": {
                "Source": { "Type": "direct" },
                "IsAnomalous": true,
                "Confidence": 0.9731,
                "Anomalies": [
            \(anomalies.joined(separator: ",\n"))
                ],
                "AnomalyMask": "\(Base64.encode(maskPNG))"
              }
            }

            """
    }
}
