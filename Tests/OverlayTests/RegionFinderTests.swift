import Raster
import Testing

@testable import Overlay

/// Connected regions from the compositor's labels: 8-connected, one type each, from the runs alone.
@Suite("Region finder")
struct RegionFinderTests {
    /// Labels from rows of characters: "." none, digits a label.
    static func regions(_ rows: [String]) -> [MaskRegion]? {
        let width = rows[0].count
        let labels = rows.flatMap { $0.map { $0 == "." ? UInt8(0) : UInt8(String($0))! } }
        let rowHas = rows.map { $0.contains { $0 != "." } }
        return RegionFinder.regions(labels: labels, rowHasLabels: rowHas, width: width, height: rows.count)?.regions
    }

    @Test func diagonalsJoinAUShapeIsOneRegionAndTypesStayApart() throws {
        let found = try #require(
            Self.regions([
                "1...1..2",
                "1...1..2",
                ".1111...",
                "......1.",
                ".......1",
            ]))
        #expect(found.count == 3)
        #expect(found[0] == MaskRegion(typeIndex: 0, bounds: Rect(x: 0, y: 0, width: 5, height: 3), pixels: 8))
        // Equal sizes come in reading order: the type-2 bar starts on the first row.
        #expect(found[1] == MaskRegion(typeIndex: 1, bounds: Rect(x: 7, y: 0, width: 1, height: 2), pixels: 2))
        #expect(found[2] == MaskRegion(typeIndex: 0, bounds: Rect(x: 6, y: 3, width: 2, height: 2), pixels: 2))
    }

    @Test func coverageCountsTheAnomalyPixelsUnderARectangle() throws {
        let found = try #require(
            RegionFinder.regions(
                labels: [1, 1, 0, 0, 0, 2, 2, 2], rowHasLabels: [true, true], width: 4, height: 2))
        #expect(found.coverage.pixels(in: Rect(x: 0, y: 0, width: 4, height: 2)) == 5)
        #expect(found.coverage.pixels(in: Rect(x: 1, y: 0, width: 2, height: 2)) == 3)
        #expect(found.coverage.pixels(in: Rect(x: 2, y: 0, width: 2, height: 1)) == 0)
    }

    @Test func aRowWithoutLabelsSeparatesRegions() throws {
        let found = try #require(Self.regions(["11", "..", "11"]))
        #expect(found.map(\.pixels) == [2, 2])
    }

    @Test func noLabelsNoRegions() throws {
        #expect(try #require(Self.regions(["...", "..."])).isEmpty)
    }
}
