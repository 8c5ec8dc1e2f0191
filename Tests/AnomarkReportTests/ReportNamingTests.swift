import Foundation
import Testing

@testable import AnomarkKit
@testable import AnomarkReport

@Suite struct ReportNamingTests {
    @Test(arguments: [
        ("photo.jpg", "photo"),
        ("sub/dir/photo.JPG", "sub__dir__photo"),
        ("../../etc/passwd.png", "etc__passwd"),
        ("./a/./b/../c.jpg", "a__b__c"),
        ("/abs/path/x.jpeg", "abs__path__x"),
        (".hidden.jpg", "_.hidden"),
        ("-rf.jpg", "_-rf"),
        ("a:b*c?d\"e<f>g|h#i%j.jpg", "a_b_c_d_e_f_g_h_i_j"),
        ("tab\there.jpg", "tab_here"),
        ("with space.jpg", "with space"),
        ("..", "image"),
        ("crème brûlée.jpg", "crème brûlée"),
    ])
    func safeStem(key: String, expected: String) {
        #expect(ReportNaming.safeStem(for: key) == expected)
    }

    @Test func stemsNeverLeaveTheFolder() {
        let hostile = ["../x.jpg", "../../../../x.jpg", "a/../../x.jpg", "..\\..\\x.jpg", "/", "", ".", "...jpg"]
        for key in hostile {
            let stem = ReportNaming.safeStem(for: key)
            #expect(!stem.isEmpty)
            #expect(!stem.contains("/") && !stem.contains("\\"))
            #expect(!stem.hasPrefix("."))
            #expect(stem != "..")
        }
    }

    @Test func unicodeNormalisationGivesOneName() {
        let composed = "caf\u{E9}.jpg"
        let decomposed = "cafe\u{301}.jpg"
        #expect(Array(ReportNaming.safeStem(for: composed).utf8) == Array(ReportNaming.safeStem(for: decomposed).utf8))
    }

    @Test func longNamesAreCutWithAHash() {
        let long = String(repeating: "é", count: 300) + ".jpg"
        let other = String(repeating: "é", count: 301) + ".jpg"
        let a = ReportNaming.safeStem(for: long)
        let b = ReportNaming.safeStem(for: other)
        #expect(a.utf8.count <= ReportNaming.maxStemBytes)
        #expect(a != b)
    }

    @Test func collisionsGetHashesWhateverTheOrder() {
        let keys = ["a/b.jpg", "a__b.jpg", "A__B.png", "c.jpg", "c.png", "d.jpg"]
        let names = ReportNaming.uniqueStems(for: keys)
        #expect(Set(names.map { $0.lowercased() }).count == keys.count)
        #expect(names[5] == "d")
        // The same set in another order gives each key the same name.
        let reversed = ReportNaming.uniqueStems(for: keys.reversed())
        #expect(Array(reversed.reversed()) == names)
    }

    @Test func duplicateKeysAreNumbered() {
        let names = ReportNaming.uniqueStems(for: ["x.jpg", "x.jpg", "x.jpg"])
        #expect(Set(names).count == 3)
        #expect(names[1] == names[0] + "-2" && names[2] == names[0] + "-3")
    }

    @Test func fnv1aMatchesTheReferenceValues() {
        // Published FNV-1a 64-bit test vectors.
        #expect(ReportNaming.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(ReportNaming.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(ReportNaming.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }
}

@Suite struct ReportShardTests {
    @Test(arguments: [("0/1", 0, 1), ("3/4", 3, 4), ("12/100", 12, 100)])
    func parses(text: String, index: Int, count: Int) throws {
        let shard = try ReportShard(parsing: text)
        #expect(shard.index == index && shard.count == count)
        #expect(shard.description == text)
    }

    @Test(arguments: ["", "1", "4/4", "5/4", "-1/4", " 1/4", "1/0", "a/b", "1/2/3", "1/ 2", "+1/2"])
    func refuses(text: String) {
        #expect(throws: ReportShardError.self) { try ReportShard(parsing: text) }
    }

    @Test(arguments: [1, 2, 3, 7])
    func everyKeyIsInExactlyOneShard(count: Int) {
        let keys = (0..<200).map { "folder \($0 % 7)/image-\($0).jpg" }
        var seen = [Int](repeating: 0, count: keys.count)
        for index in 0..<count {
            let shard = ReportShard(index: index, count: count)
            for (i, key) in keys.enumerated() where shard.contains(key: key) { seen[i] += 1 }
        }
        #expect(seen.allSatisfy { $0 == 1 })
    }

    @Test func assignmentIsStableAndSpread() {
        // Depends on the key only: fixed values guard against accidental changes of the hash.
        #expect(
            ReportShard.shardIndex(for: "anomaly-1.jpg", count: 4) == Int(ReportNaming.fnv1a64("anomaly-1.jpg") % 4))
        let keys = (0..<1000).map { "img-\($0).jpg" }
        let sizes = (0..<4).map { k in keys.filter { ReportShard.shardIndex(for: $0, count: 4) == k }.count }
        #expect(sizes.allSatisfy { $0 > 200 && $0 < 300 })
    }
}

@Suite struct PathMapTests {
    @Test func longestPrefixWinsOnWholeSegments() throws {
        let map = try PathMap(parsing: ["s3://b=/data/b", "s3://b/cookies/=/data/cookies", "s3://b/c2=/x"])
        #expect(map.localPath(for: "s3://b/cookies/a.jpg") == "/data/cookies/a.jpg")
        #expect(map.localPath(for: "s3://b/cookies2/a.jpg") == "/data/b/cookies2/a.jpg")
        #expect(map.localPath(for: "s3://other/a.jpg") == nil)
        #expect(map.localPath(for: "local/a.jpg") == "local/a.jpg")
        #expect(PathMap.keyPath(for: "s3://b/cookies/a.jpg") == "cookies/a.jpg")
    }

    @Test(arguments: ["s3://b", "b/c=/x", "s3://=/x", "s3://b/c=", "/=/x", "file://host/x=/y"])
    func refuses(value: String) {
        #expect(throws: PathMapError.self) { try PathMap(parsing: [value]) }
    }
}

@Suite struct ReportAnomalyScoreTests {
    /// Lookout's `Confidence` is the confidence in the returned label: a normal verdict at 0.9 is 0.1 anomalous.
    @Test func lookoutConfidenceBecomesTheProbabilityOfAnomalous() {
        let normal = ReportRecord.Prediction(isAnomalous: false, confidence: 0.9, anomalies: [])
        let anomalous = ReportRecord.Prediction(isAnomalous: true, confidence: 0.8, anomalies: [])
        #expect(abs(normal.anomalyScore.value - 0.1) < 1e-12 && normal.anomalyScore.threshold == 0.5)
        #expect(anomalous.anomalyScore.value == 0.8 && anomalous.anomalyScore.threshold == 0.5)
    }

    @Test func aRawScoreIsHeldAgainstItsOwnThreshold() {
        let p = ReportRecord.Prediction(isAnomalous: true, confidence: 0.7, anomalies: [], score: 12.5, threshold: 9)
        #expect(p.anomalyScore.value == 12.5 && p.anomalyScore.threshold == 9)
    }

    /// A raw pair that contradicts the verdict is not the rule the detector applied: the confidence is.
    @Test func aRawScoreThatDoesNotGiveTheVerdictGivesWayToTheConfidence() {
        let p = ReportRecord.Prediction(isAnomalous: true, confidence: 0.7, anomalies: [], score: 0.9, threshold: 1)
        #expect(p.anomalyScore.value == 0.7 && p.anomalyScore.threshold == 0.5)
        let q = ReportRecord.Prediction(isAnomalous: false, confidence: 0.6, anomalies: [], score: 3, threshold: 1)
        #expect(abs(q.anomalyScore.value - 0.4) < 1e-12 && q.anomalyScore.threshold == 0.5)
    }
}
