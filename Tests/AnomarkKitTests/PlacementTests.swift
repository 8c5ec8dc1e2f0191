import Codecs
import Detections
import Overlay
import Raster
import Testing

@testable import AnomarkKit

/// `--position auto`: the panel never hides the defect — a free corner when there is one, else the band.
@Suite("Panel placement")
struct PlacementTests {
    static let colors = ["#FF0000", "#00C000", "#0000FF", "#FFA000", "#A000FF", "#00E0E0", "#FF00A0", "#806000"]

    /// A `width` × `height` grey photo with `classes` (1…8) square regions; `corners` of them in the corners.
    static func scene(width: Int, height: Int, classes: Int, busyCorners: Int) throws -> (
        [UInt8], Pixmap, Detection
    ) {
        let photo = Pixmap(width: width, height: height, fill: Color(r: 110, g: 110, b: 110))
        var mask = Pixmap(width: width, height: height, fill: .white)
        let side = min(width, height) / 5
        let spots = [
            Rect(x: 0, y: 0, width: side, height: side), Rect(x: width - side, y: 0, width: side, height: side),
            Rect(x: 0, y: height - side, width: side, height: side),
            Rect(x: width - side, y: height - side, width: side, height: side),
            Rect(x: width / 2 - side / 2, y: height / 2 - side / 2, width: side, height: side),
            Rect(x: width / 2 - side / 2, y: 0, width: side, height: side),
            Rect(x: 0, y: height / 2 - side / 2, width: side, height: side),
            Rect(x: width / 2 - side / 2, y: height - side, width: side, height: side),
        ]
        // The busy corners first, then the middle spots.
        let order = Array(spots.prefix(busyCorners)) + Array(spots.dropFirst(4))
        var anomalies: [Detection.AnomalyClass] = []
        for k in 0..<classes {
            let color = Color(hex: colors[k])!
            mask.fill(order[k % order.count], with: color)
            anomalies.append(Detection.AnomalyClass(name: "class-\(k + 1)", color: color, reportedArea: 0.02))
        }
        let result = Detection(
            source: .init(format: "test"), verdict: .init(isAnomalous: true, confidence: 0.9997), classes: anomalies)
        return (try PNG.encode(photo), mask, result)
    }

    static func annotate(_ scene: ([UInt8], Pixmap, Detection), mode: PanelMode = .auto) throws
        -> Annotation
    {
        var options = AnnotateOptions()
        options.autoPlacement = true
        options.panelMode = mode
        options.markers = .never
        return try Samples.annotator.annotate(
            AnnotateInput(
                image: scene.0, imageName: "p.png", detection: scene.2, resultName: "r",
                mask: try PNG.encode(scene.1), maskName: "m.png"), options: options)
    }

    /// Of each class's interior pixels (6 px in from its edge), the share tinted towards its colour by more
    /// than 10 (sum of absolute RGB differences) — the issue's bar.
    static func tintedShare(_ a: Annotation, mask: Pixmap, result: Detection) -> [Double] {
        let grey = Color(r: 110, g: 110, b: 110)
        func distance(_ p: Color, _ q: Color) -> Int {
            abs(Int(p.r) - Int(q.r)) + abs(Int(p.g) - Int(q.g)) + abs(Int(p.b) - Int(q.b))
        }
        return result.classes.map { type in
            var interior = 0
            var tinted = 0
            for y in 6..<(mask.height - 6) {
                for x in 6..<(mask.width - 6) where mask[x, y] == type.color {
                    guard mask[x - 6, y] == type.color, mask[x + 6, y] == type.color, mask[x, y - 6] == type.color,
                        mask[x, y + 6] == type.color
                    else { continue }
                    interior += 1
                    if distance(a.image[x, y], type.color) + 10 < distance(grey, type.color) { tinted += 1 }
                }
            }
            return interior == 0 ? 1 : Double(tinted) / Double(interior)
        }
    }

    @Test("a free corner is used, in order", arguments: [0, 1, 2, 3])
    func freeCorner(_ busy: Int) throws {
        // The busy corners and the middle.
        let s = try Self.scene(width: 640, height: 480, classes: busy + 1, busyCorners: busy)
        let a = try Self.annotate(s)
        #expect(a.placement == .corner(PanelPosition.allCases[busy]), "\(a.panelBounds)")
        #expect(a.image.width == 640 && a.image.height == 480)
        #expect(Self.tintedShare(a, mask: s.1, result: s.2).allSatisfy { $0 >= 0.99 })
    }

    @Test("every corner busy: the band, nothing hidden", arguments: [(640, 480, 8), (480, 640, 5), (1000, 300, 4)])
    func everyCornerBusy(_ width: Int, _ height: Int, _ classes: Int) throws {
        let s = try Self.scene(width: width, height: height, classes: classes, busyCorners: 4)
        let a = try Self.annotate(s)
        #expect(a.placement == .bandRight || a.placement == .bandBelow)
        #expect(a.panelBounds.minX >= width || a.panelBounds.minY >= height, "the panel is off the image")
        #expect(Self.tintedShare(a, mask: s.1, result: s.2).allSatisfy { $0 >= 0.99 })
        let texts = a.panel?.items.map(\.text) ?? []
        #expect(texts.contains("Prediction: Anomalous") && texts.contains("Confidence: 99.97%"))
    }

    @Test func theBandSideKeepsTheAspectNearer() throws {
        // A strip as tall as the panel changes a wide image's shape less beside it than below it (1350×400 is
        // nearer 3:1 than 1200×570), and a tall one's less below it.
        let wide = try Self.annotate(try Self.scene(width: 1200, height: 400, classes: 4, busyCorners: 4))
        #expect(wide.placement == .bandRight)
        let tall = try Self.annotate(try Self.scene(width: 300, height: 1200, classes: 4, busyCorners: 4))
        #expect(tall.placement == .bandBelow)
    }

    @Test func insideAndOutsideForceTheirSide() throws {
        let s = try Self.scene(width: 640, height: 480, classes: 4, busyCorners: 4)
        let inside = try Self.annotate(s, mode: .inside)
        #expect(inside.image.width == 640 && inside.image.height == 480)
        if case .corner = inside.placement {} else { Issue.record("inside: \(String(describing: inside.placement))") }
        let free = try Self.scene(width: 640, height: 480, classes: 1, busyCorners: 0)
        let outside = try Self.annotate(free, mode: .outside)
        #expect(outside.placement == .bandRight || outside.placement == .bandBelow)
    }

    @Test func sideBySideHalvesArePlacedOnceFromTheUnionOfTheirAnomalies() throws {
        // Truth busy in the top-left only, prediction in the other three corners: each alone has a free corner,
        // together none — both panels go in the band, on one canvas size.
        let truthScene = try Self.scene(width: 640, height: 480, classes: 1, busyCorners: 1)
        var predictionMask = Pixmap(width: 640, height: 480, fill: .white)
        for r in [
            Rect(x: 540, y: 0, width: 100, height: 100), Rect(x: 0, y: 380, width: 100, height: 100),
            Rect(x: 540, y: 380, width: 100, height: 100),
        ] { predictionMask.fill(r, with: .red) }
        let prediction = Detection(
            source: .init(format: "test"), verdict: .init(isAnomalous: true, confidence: 0.9),
            classes: [.init(name: "dent", color: .red, reportedArea: 0.1)])
        var options = AnnotateOptions()
        options.drawPanel = false
        options.markers = .never
        func view(_ result: Detection, _ mask: Pixmap) throws -> Annotation {
            try Samples.annotator.annotate(
                AnnotateInput(
                    image: truthScene.0, imageName: "p.png", detection: result, resultName: "r",
                    mask: try PNG.encode(mask), maskName: "m.png"), options: options)
        }
        var views = [try view(truthScene.2, truthScene.1), try view(prediction, predictionMask)]
        #expect(try Self.annotate((truthScene.0, predictionMask, prediction)).placement == .corner(.topLeft))
        let texts: [(lines: [String], legend: [Panel.LegendEntry])] = [
            (["Ground truth: p", "Label: Anomalous"], [Panel.LegendEntry(name: "class-1", color: .red, area: 0.02)]),
            (["File: p", "Prediction: Anomalous", "Confidence: 90.00%"], []),
        ]
        var drawOptions = AnnotateOptions()
        drawOptions.autoPlacement = true
        let placed = Samples.annotator.drawPanels(on: &views, texts: texts, options: drawOptions)
        #expect(
            placed.map(\.placement) == [.bandRight, .bandRight] || placed.map(\.placement) == [.bandBelow, .bandBelow])
        #expect(views[0].image.width == views[1].image.width && views[0].image.height == views[1].image.height)
        #expect(views[0].image.width > 640 || views[0].image.height > 480)
    }

    @Test func storedRectanglesFollowTheOrientation() {
        // Stored 40×20, orientation 6 (shown 20×40): the upright top-right 5×10 block is stored top-left 10×5.
        let r = Orientation.right.storedRect(Rect(x: 15, y: 0, width: 5, height: 10), width: 40, height: 20)
        #expect(r == Rect(x: 0, y: 0, width: 10, height: 5))
        for o in Orientation.allCases {
            let (w, h) = o.swapsDimensions ? (20, 40) : (40, 20)
            #expect(
                o.storedRect(Rect(x: 0, y: 0, width: w, height: h), width: 40, height: 20)
                    == Rect(
                        x: 0, y: 0, width: 40, height: 20))
        }
    }
}
