/// Anomark's version: the one place it is written. `anomark --version` prints it, and `tools/package` reads
/// it from this line for the tarball and the `.deb` (keep the line's shape: `public let anomarkVersion = "…"`).
public let anomarkVersion = "0.1.0"
