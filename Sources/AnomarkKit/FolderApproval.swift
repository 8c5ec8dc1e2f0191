import Foundation
import GoldenImage

/// `--approve [GLOB...]` (and `--prune`): makes the actual images the new goldens — the one command that replaces
/// inputs, and only files of EXPECTED_DIR.
///
/// Changed and new items whose path matches a glob (every one when no glob is given) get the actual image copied
/// over the golden, atomically per file (`OutputFile`: a temporary file in the golden's folder, then renamed over it,
/// so a reader never sees half a file). A golden that is a symbolic link is not replaced. With `prune`, deleted items that match have their golden removed. Folders are created
/// for new goldens, but never through a symbolic link. Passed and failed items are never touched.
package struct FolderApproval: Sendable {
    /// Which paths to approve; empty: all.
    package var globs: [PathGlob]
    /// Remove goldens of deleted items too.
    package var prune: Bool

    /// Parses the globs; a bad one is a usage error.
    package init(globs: [String], prune: Bool) throws(AnomarkError) {
        var parsed: [PathGlob] = []
        for text in globs {
            guard let glob = PathGlob(text) else {
                throw AnomarkError(.usage, file: nil, "--approve: \"\(text)\" is not a relative glob")
            }
            parsed.append(glob)
        }
        self.globs = parsed
        self.prune = prune
    }

    /// One thing done (or refused).
    package struct Action: Sendable, Equatable {
        /// The item's path.
        package var path: String
        /// `approved` (golden replaced or created), `removed` (golden deleted) or `failed`.
        package var verb: String
        /// Why it failed.
        package var problem: String?

        /// `approved changed a.png`, `removed deleted b.png`, `failed c.png: …`.
        package var line: String {
            if let problem { return "not approved " + FolderDiffOutcome.printable(path) + ": " + problem }
            return verb + " " + FolderDiffOutcome.printable(path)
        }
    }

    /// True when `path` is selected.
    func selects(_ path: String) -> Bool { globs.isEmpty || globs.contains { $0.matches(path) } }

    /// Applies the approval to the items of `outcome`.
    func apply(to outcome: FolderDiffOutcome) -> [Action] {
        var actions: [Action] = []
        for item in outcome.items where selects(item.path) {
            let golden = PathName.join(outcome.expectedDirectory, item.path)
            do throws(AnomarkError) {
                switch item.status {
                case .changed, .new:
                    try Self.makeFolders(for: item.path, in: outcome.expectedDirectory)
                    let bytes = try FileIO.read(PathName.join(outcome.actualDirectory, item.path))
                    // A golden that is a symbolic link is left alone: replacing its target would change another
                    // golden, replacing the link would change what the tree says.
                    var info = stat()
                    if lstat(golden, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                        throw AnomarkError(.cannotCreate, file: golden, "is a symbolic link; not replaced")
                    }
                    try OutputFile.write(bytes, to: golden)
                    actions.append(Action(path: item.path, verb: "approved \(item.status.rawValue)"))
                case .deleted where prune:
                    if unlink(golden) != 0 {
                        throw AnomarkError(.io, file: golden, "cannot remove: \(FileIO.errnoText())")
                    }
                    actions.append(Action(path: item.path, verb: "removed deleted"))
                default:
                    continue
                }
            } catch {
                actions.append(Action(path: item.path, verb: "failed", problem: error.message))
            }
        }
        return actions
    }

    /// Creates the folders of `path` under `root`; refuses to go through a symbolic link or a non-folder.
    static func makeFolders(for path: String, in root: String) throws(AnomarkError) {
        var folder = root
        // Scalars, not Characters: "/" followed by a combining mark is one Character.
        for component in path.unicodeScalars.split(separator: "/").dropLast() {
            folder = PathName.join(folder, String(String.UnicodeScalarView(component)))
            var info = stat()
            if lstat(folder, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw AnomarkError(.cannotCreate, file: folder, "is not a folder (symbolic links are not followed)")
                }
                continue
            }
            if mkdir(folder, 0o777) != 0 {
                throw AnomarkError(.cannotCreate, file: folder, "cannot create the folder: \(FileIO.errnoText())")
            }
        }
    }
}
