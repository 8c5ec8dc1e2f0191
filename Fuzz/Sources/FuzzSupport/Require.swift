// What the harnesses share. Optimised builds drop `precondition`'s message, so a failed property would reach
// libFuzzer as a bare trap; `require` keeps the message on stderr beside the saved input.

/// Stops the run with `message` when `condition` is false.
@inline(__always)
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}

/// The bytes libFuzzer passes to `LLVMFuzzerTestOneInput`.
public func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
