import Codecs
import Detections
import Overlay
import Raster
import Testing

@testable import AnomarkKit

/// `--class-color`: a chosen colour replaces the result's in what is drawn, while the mask is still read by the
/// result's colour.
@Suite("Class colours")
struct ClassColorTests {
    @Test func theChosenColourIsPaintedAndListedWhereTheMaskHasTheResultsColour() throws {
        let photo = try PNG.encode(Pixmap(width: 300, height: 300, fill: Color(r: 128, g: 128, b: 128)))
        var mask = Pixmap(width: 300, height: 300, fill: .white)
        mask.fill(Rect(x: 200, y: 200, width: 30, height: 30), with: Color(r: 0, g: 255, b: 0))
        let json = AnnotateGoldenTests.json(true, 0.9, [("crack", 0.09, "#00FF00")])
        var options = AnnotateOptions()
        options.composite.opacity = 1
        options.classColors = ["crack": Color(r: 255, g: 0, b: 255)]
        let a = try Samples.annotator.annotate(
            AnnotateInput(
                image: photo, imageName: "p.png", detection: try LookoutFormat().read(Array(json.utf8)),
                resultName: "r", mask: try PNG.encode(mask), maskName: "m.png"), options: options)
        #expect(a.image[215, 215] == Color(r: 255, g: 0, b: 255), "filled in the chosen colour")
        #expect(a.maskReport?.typePixels == [900], "matched by the result's colour")
        let swatch = try #require(a.panel?.items.last?.swatchColor)
        #expect(swatch == Color(r: 255, g: 0, b: 255))
        #expect(a.image[215, 215] != Color(r: 0, g: 255, b: 0))
    }

    @Test func parsing() throws {
        #expect(try ClassColors.parse(["a=#FF0000", "b=c=#0000FF"]) == ["a": .red, "b=c": Color(r: 0, g: 0, b: 255)])
        for bad in [["a"], ["=#FF0000"], ["a=#GG0000"], ["a=#FF0000", "a=#00FF00"]] {
            #expect(throws: AnomarkError.self) { try ClassColors.parse(bad) }
        }
    }
}
