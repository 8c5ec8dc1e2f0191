import Detections
import Raster
import Testing

@Suite("ground-truth sources")
struct GroundTruthSourcesTests {
    @Test func namesAreTheContract() {
        #expect(GroundTruthSources.names == ["manifest", "mvtec"])
        #expect(GroundTruthSources.named("mvtec")?.name == "mvtec")
        #expect(GroundTruthSources.named("MVTec") == nil)
    }

    @Test func anMVTecRootHasTestAndGroundTruth() {
        #expect(
            GroundTruthSources.layout(forEntries: ["train", "test", "ground_truth", "license.txt"])?.name == "mvtec")
        #expect(GroundTruthSources.layout(forEntries: ["test", "train"]) == nil)
        #expect(GroundTruthSources.layout(forEntries: ["ground_truth"]) == nil)
    }

    @Test func aDefectImageHasItsMaskAndClass() throws {
        let truth = try #require(MVTecLayout().truth(forImage: "test/crack/003.png"))
        #expect(truth.source == "mvtec" && truth.isAnomalous == true && truth.isClassAgnostic)
        #expect(truth.maskPath == "ground_truth/crack/003_mask.png")
        #expect(truth.anomalyClasses.map(\.name) == ["crack"] && truth.anomalyClasses[0].color == .white)
        #expect(truth.backgroundColor == .black)
        let detection = truth.detection(mask: [1, 2, 3])
        #expect(detection.verdict == nil && detection.classes.map(\.name) == ["crack"])
        #expect(detection.backgroundColor == .black && detection.mask == .encoded([1, 2, 3]))
        #expect(detection.source.format == "mvtec")
    }

    @Test func goodImagesAreNormalWithoutMask() throws {
        let truth = try #require(MVTecLayout().truth(forImage: "test/good/000.JPG"))
        #expect(truth.isAnomalous == false && truth.maskPath == nil && truth.anomalyClasses.map(\.name) == ["good"])
    }

    @Test func otherPathsAreNotTestImages() {
        let layout = MVTecLayout()
        for path in [
            "train/good/000.png", "test/crack/sub/000.png", "test/000.png", "ground_truth/crack/000_mask.png",
            "test/crack/000.txt", "test/crack/.png", "test//000.png", "test/.hidden/000.png",
        ] {
            #expect(!layout.isImage(path), "\(path)")
            #expect(layout.truth(forImage: path) == nil, "\(path)")
        }
        #expect(layout.isImage("test/crack/000.png"))
    }

    @Test func manifestIsPerClassAndNoLayout() {
        let manifest = ManifestSource()
        #expect(!manifest.recognises(entries: ["test", "ground_truth"]))
        #expect(manifest.truth(forImage: "test/crack/000.png") == nil)
        #expect(!GroundTruth(isAnomalous: true, maskPath: "m.png", classes: []).isClassAgnostic)
    }
}
