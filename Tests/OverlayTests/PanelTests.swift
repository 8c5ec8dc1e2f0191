import Detections
import Raster
import Testing
import TextRender

@testable import Overlay

private let renderer = try! TextRenderer(options: TextRendererOptions(systemFonts: false))

private func result(anomalous: Bool, confidence: Double, anomalies: [(String, Double, String)] = [])
    -> Detection
{
    let entries = anomalies.map { name, area, color in
        "{\"Name\": \"\(name)\", \"PixelAnomaly\": {\"TotalPercentageArea\": \(area), \"Color\": \"\(color)\"}}"
    }
    let json = """
        {"IsAnomalous": \(anomalous), "Confidence": \(confidence), "Anomalies": [\(entries.joined(separator: ","))]}
        """
    return try! LookoutFormat().read(Array(json.utf8))
}

@Suite("Panel layout")
struct PanelTests {
    @Test(
        "font size follows the image",
        arguments: [(64, 64, 12), (576, 768, 19), (4096, 4096, 96), (4096, 300, 12), (1500, 2000, 50)])
    func automaticFontSize(_ w: Int, _ h: Int, _ size: Int) {
        #expect(Panel.automaticFontSize(width: w, height: h) == size)
    }

    @Test(
        "percentages have two decimals",
        arguments: [
            (0.9997, "99.97%"), (0.98731, "98.73%"), (1.0, "100.00%"), (0.0, "0.00%"), (0.018546, "1.85%"),
            (0.00005, "0.01%"),
        ])
    func percent(_ fraction: Double, _ text: String) {
        #expect(Panel.percent(fraction) == text)
    }

    @Test(
        "areas below 0.01 % say so instead of reading 0.00 %",
        arguments: [
            (0.0505, "5.05 %"), (0.0000086, "< 0.01 %"), (0.0000999, "< 0.01 %"), (0.0001, "0.01 %"), (0, "0.00 %"),
        ]
    )
    func areaText(_ fraction: Double, _ text: String) {
        #expect(Panel.areaText(fraction) == text)
    }

    @Test func aLegendLineTooWideShortensTheNameNeverTheArea() {
        let legend = [Panel.LegendEntry(name: "cracked-edge-along-the-rim", color: .white, area: 0.0505)]
        let layout = Panel.layout(
            lines: [], legend: legend, width: 576, height: 768, style: PanelStyle(fontSize: 60), renderer: renderer)
        let text = layout.items[0].text
        #expect(text.hasSuffix("  5.05 %") && text.hasPrefix("cr") && text.contains("…"), "\(text)")
        #expect(layout.valuesFit)
    }

    @Test func aValueThatCannotFitWholeIsReportedNotShortened() {
        let layout = Panel.layout(
            lines: ["File: x", "Prediction: Anomalous"], legend: [], width: 40, height: 40,
            style: PanelStyle(fontSize: 16), renderer: renderer)
        #expect(!layout.valuesFit)
        let needed = Panel.minimumWidth(
            lines: ["File: x", "Prediction: Anomalous"], legend: [], fontSize: 16, renderer: renderer)
        let wide = Panel.layout(
            lines: ["File: x", "Prediction: Anomalous"], legend: [], width: needed, height: 40,
            style: PanelStyle(fontSize: 16), renderer: renderer)
        #expect(wide.valuesFit && wide.items[1].text == "Anomalous")
    }

    @Test func predictionIsAnomalousExactlyWhenIsAnomalousIsTrue() {
        #expect(
            Panel.lines(for: result(anomalous: true, confidence: 0.9997), fileLabel: "File: a.jpg") == [
                "File: a.jpg", "Prediction: Anomalous", "Confidence: 99.97%",
            ])
        #expect(Panel.lines(for: result(anomalous: false, confidence: 0.5), fileLabel: "x")[1] == "Prediction: Normal")
    }

    @Test func legendExcludesBackgroundAndSortsByArea() {
        let r = result(
            anomalous: true, confidence: 0.9,
            anomalies: [
                ("background", 0.9, "#FFFFFF"), ("scratch", 0.01, "#0000FF"), ("crack", 0.05, "#FF0000"),
                ("dent", 0.01, "#00FF00"),
            ])
        #expect(Panel.legendEntries(for: r).map(\.name) == ["crack", "dent", "scratch"])
    }

    @Test func longLinesAreShortenedInTheMiddleAndStayInsideTheImage() {
        let name = "File: " + String(repeating: "very-long-folder-name/", count: 20) + "photo-0001.jpg"
        let layout = Panel.layout(
            lines: [name], legend: [], width: 300, height: 400, style: .init(), renderer: renderer)
        let item = layout.items[0]
        #expect(item.text.contains("…"))
        #expect(item.text.hasPrefix("File: very"), "the label stays where there is room for it")
        #expect(item.text.hasSuffix(".jpg"))
        #expect(item.box.minX >= 0 && item.box.maxX <= 300)
        #expect(renderer.measure(item.text, size: layout.fontSize).width <= item.box.width)
    }

    @Test func crampedLinesDropTheirLabelBeforeShortening() {
        let layout = Panel.layout(
            lines: ["Prediction: Normal", "Confidence: 99.97%"], legend: [], width: 64, height: 64, style: .init(),
            renderer: renderer)
        #expect(layout.items.map(\.text) == ["Normal", "99.97%"])
        #expect(layout.items.allSatisfy { $0.box.maxX <= 64 })
    }

    @Test("boxes stack in the requested corner", arguments: PanelPosition.allCases)
    func corners(_ position: PanelPosition) {
        let layout = Panel.layout(
            lines: ["one", "two lines"], legend: [], width: 500, height: 400, style: PanelStyle(position: position),
            renderer: renderer)
        let b = layout.bounds
        let left = position == .topLeft || position == .bottomLeft
        let top = position == .topLeft || position == .topRight
        #expect(left ? b.minX < 50 : b.maxX > 450)
        #expect(top ? b.minY < 50 : b.maxY > 350)
        #expect(layout.items[0].box.maxY <= layout.items[1].box.minY, "lines stack top to bottom")
    }

    @Test func drawingPaintsTextColourOnTheBoxAndLeavesTheRestAlone() {
        let photo = Pixmap(width: 300, height: 200, fill: Color(r: 50, g: 60, b: 70))
        var image = photo
        let legend = [Panel.LegendEntry(name: "dark", color: Color(r: 10, g: 0, b: 40), area: 0.1)]
        let style = PanelStyle(fontSize: 32)  // large enough for glyph stems with full coverage
        let layout = Panel.layout(
            lines: ["Prediction: Normal"], legend: legend, width: 300, height: 200, style: style, renderer: renderer)
        Panel.draw(layout, into: &image, style: style, renderer: renderer)
        var lime = 0
        var white = 0
        for y in 0..<200 {
            for x in 0..<300 {
                let inside = layout.items.contains { $0.box.contains(x: x, y: y) }
                if !inside { #expect(image[x, y] == photo[x, y]) }
                if image[x, y] == .lime { lime += 1 }
                if image[x, y] == .white { white += 1 }
            }
        }
        #expect(lime > 20, "panel text is lime")
        #expect(white > 20, "legend text is white, not the anomaly's dark colour")
        let swatch = layout.items[1].swatch!
        #expect(image[swatch.midX, swatch.midY] == Color(r: 10, g: 0, b: 40))
    }
}

extension Rect {
    var midX: Int { x + width / 2 }
    var midY: Int { y + height / 2 }
}
