import Codecs
import Glibc
import Raster

/// `gen-diff-folders --sample JPEG --out DIR`: the folder-diff bench's inputs, `DIR/expected` and `DIR/actual`, 200
/// paths of 1280×720 PNGs made from the sample photo: 179 identical pairs, 10 changed (a 60×30 block repainted in
/// the actual image), 5 only in actual (new), 5 only in expected (deleted), 1 pair whose actual file is cut short
/// (corrupt). Every image differs from the others (a 24×24 block at a place and colour of its own), so no two
/// pairs compress alike. Spread over 4 sub-folders, as goldens are.
enum DiffFolderInputs {
    static let width = 1280
    static let height = 720
    static let total = 200
    static let changed = 0..<10
    static let new = 10..<15
    static let deleted = 15..<20
    static let corrupt = 20
    /// The default preset, as goldens are written. (One image of this set, near image-54, once made the default
    /// encoder trap in `DeflateBlockScanner`: see `DeflateScannerHeaderTests`.)
    static let options = PNG.EncodeOptions.default

    static func run(sample: String, directory: String) throws {
        let photo = try ImageDecoder.decode(try System.read(sample)).upright
        let base = PhotoSynthesis.upscaled(photo, width: width, height: height, noise: true)
        for folder in ["expected", "actual"] {
            for sub in 0..<4 {
                mkdir(directory + "/\(folder)", 0o755)
                mkdir(directory + "/\(folder)/set-\(sub)", 0o755)
            }
        }
        for i in 0..<total {
            let name = "set-\(i % 4)/image-\(i).png"
            var image = base
            paint(&image, x: (i * 37) % (width - 24), y: (i * 53) % (height - 24), w: 24, h: 24, seed: i)
            let bytes = try PNG.encode(image, options: options)
            if !new.contains(i) { try System.write(bytes, to: directory + "/expected/" + name) }
            if deleted.contains(i) { continue }
            if changed.contains(i) {
                paint(&image, x: 100 + i * 10, y: 200, w: 60, h: 30, seed: 1000 + i)
                try System.write(try PNG.encode(image, options: options), to: directory + "/actual/" + name)
            } else if i == corrupt {
                try System.write(Array(bytes.prefix(bytes.count / 2)), to: directory + "/actual/" + name)
            } else {
                try System.write(bytes, to: directory + "/actual/" + name)
            }
        }
    }

    static func paint(_ image: inout Pixmap, x: Int, y: Int, w: Int, h: Int, seed: Int) {
        let color = Color(
            r: UInt8(truncatingIfNeeded: seed &* 97), g: UInt8(truncatingIfNeeded: seed &* 31 &+ 80),
            b: UInt8(truncatingIfNeeded: seed &* 13 &+ 160), a: 255)
        for yy in y..<(y + h) {
            for xx in x..<(x + w) { image[xx, yy] = color }
        }
    }
}
