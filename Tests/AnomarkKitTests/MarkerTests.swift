import Codecs
import Detections
import Raster
import Testing

@testable import AnomarkKit
@testable import Overlay

/// Small defects get a ring that survives thumbnailing; big ones do not; `never` draws none.
@Suite("Markers for small defects")
struct MarkerTests {
    static let json = """
        {"IsAnomalous": true, "Confidence": 0.9, "Anomalies": [
          {"Name": "background", "PixelAnomaly": {"TotalPercentageArea": 0.9, "Color": "#FFFFFF"}},
          {"Name": "pinhole", "PixelAnomaly": {"TotalPercentageArea": 0.0000153, "Color": "#FF0000"}},
          {"Name": "stain", "PixelAnomaly": {"TotalPercentageArea": 0.0625, "Color": "#0000FF"}}]}
        """

    /// A 1024² grey photo with a 4×4 pinhole at (750, 750) and a 256² stain at (100, 600).
    static func annotate(_ mode: MarkerMode) throws -> Annotation {
        let photo = try PNG.encode(Pixmap(width: 1024, height: 1024, fill: Color(r: 120, g: 120, b: 120)))
        var mask = Pixmap(width: 1024, height: 1024, fill: .white)
        mask.fill(Rect(x: 750, y: 750, width: 4, height: 4), with: .red)
        mask.fill(Rect(x: 100, y: 600, width: 256, height: 256), with: Color(r: 0, g: 0, b: 255))
        var options = AnnotateOptions()
        options.markers = mode
        options.drawPanel = false
        return try Samples.annotator.annotate(
            AnnotateInput(
                image: photo, imageName: "p.png", detection: try LookoutFormat().read(Array(Self.json.utf8)),
                resultName: "r", mask: try PNG.encode(mask), maskName: "m.png"), options: options)
    }

    @Test func aPinholeGetsARingThatShowsInAThumbnail() throws {
        let a = try Self.annotate(.auto)
        #expect(a.markers.map(\.typeIndex) == [0], "only the pinhole: the stain is large")
        #expect(a.markers.first?.bounds == Rect(x: 750, y: 750, width: 4, height: 4))
        let (ring, stroke) = Markers.ring(around: a.markers[0], width: 1024, height: 1024)
        #expect(Double(ring.width) * 256 / 1024 >= Double(Markers.smallAcross), "16+ px across in a thumbnail")
        #expect(a.image[ring.minX + stroke / 2, ring.y + ring.height / 2] == .red, "the ring is in the class colour")
        #expect(a.image[ring.minX - 1, ring.y + ring.height / 2] == .white, "a white halo: red is dark by luma")
        // The region's own pixels are painted as without a marker.
        let plain = try Self.annotate(.never)
        for y in 745..<759 {
            for x in 745..<759 { #expect(a.image[x, y] == plain.image[x, y]) }
        }
        #expect(plain.markers.isEmpty)
        // Away from the ring the images are identical.
        #expect(a.image[100, 100] == plain.image[100, 100])
        // Thumbnailed to 256 px, the ring still leaves clearly red pixels.
        let thumb = a.image.scaledNearest(to: 256, height: 256)
        var red = 0
        for y in 0..<256 {
            for x in 0..<256 where thumb[x, y].r > 200 && thumb[x, y].g < 60 && thumb[x, y].b < 60 { red += 1 }
        }
        #expect(red >= 16, "\(red) red thumbnail pixels")
    }

    @Test func alwaysRingsEveryRegion() throws {
        #expect(try Self.annotate(.always).markers.count == 2)
    }
}
