import Detections
import TestSupport
import Testing

@testable import AnomarkKit
@testable import TextRender

/// The panel's text is laid out on the mask's thread while the photo decodes (`Annotator.prewarmPanelText`).
@Suite("Panel text prewarm")
struct PanelPrewarmTests {
    static func input() throws -> AnnotateInput {
        AnnotateInput(
            image: try TestFiles.bytes("anomaly-1.jpg"), imageName: "anomaly-1.jpg",
            detection: try Detection(Samples.result("anomaly-1")), resultName: "anomaly-1.json")
    }

    /// Laid out at the mask's size (the stored photo's), the text costs no FreeType or HarfBuzz call when the
    /// panel is drawn: the guess is the layout the panel uses.
    @Test func drawingThePanelAfterThePrewarmShapesNothingNew() throws {
        let renderer = try TextRenderer(options: TextRendererOptions(systemFonts: false))
        let annotator = Annotator(renderer: renderer)
        var serial = AnnotateOptions()
        serial.concurrentDecode = false  // no second prewarm inside `annotate`
        annotator.prewarmPanelText(try Self.input(), options: serial, width: 576, height: 768)
        let prewarmed = renderer.freetypeCallCount
        #expect(prewarmed > 0)
        let annotation = try annotator.annotate(try Self.input(), options: serial)
        #expect(annotation.panel != nil)
        #expect(renderer.freetypeCallCount == prewarmed)
    }

    /// Output never depends on it: the concurrent path (prewarm) and the serial one draw the same pixels.
    @Test func theConcurrentAndSerialPathsDrawTheSamePixels() throws {
        let concurrent = Annotator(renderer: try TextRenderer(options: TextRendererOptions(systemFonts: false)))
        let serial = Annotator(renderer: try TextRenderer(options: TextRendererOptions(systemFonts: false)))
        var serialOptions = AnnotateOptions()
        serialOptions.concurrentDecode = false
        let a = try concurrent.annotate(try Self.input(), options: AnnotateOptions())
        let b = try serial.annotate(try Self.input(), options: serialOptions)
        #expect(a.image == b.image)
        #expect(a.panel == b.panel)
    }

    #if canImport(Glibc)
        /// glibc's malloc takes the policy; AddressSanitizer's (CI's sanitizer run) ignores mallopt and says so.
        @Test func glibcTakesTheAllocatorPolicy() {
            if AllocatorPolicy.isSanitizerMalloc {
                #expect(!AllocatorPolicy.keepFreedMemory())
            } else {
                #expect(AllocatorPolicy.keepFreedMemory())
            }
        }
    #endif
}
