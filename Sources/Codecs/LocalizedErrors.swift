#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// Foundation's `LocalizedError` for this module's errors, so that `error.localizedDescription` is the module's
// own one-line message (without it Foundation says "The operation could not be completed"). The message itself
// is `description`, written once in each error's file; this file only forwards it (it needs only the protocol:
// FoundationEssentials where the toolchain has it).

extension DecodeError: LocalizedError {
    /// The one-line message, as `description`.
    public var errorDescription: String? { description }
}

extension EncodeError: LocalizedError {
    /// The one-line message, as `description`.
    public var errorDescription: String? { description }
}
