/// Checks a programmer-error condition in every build configuration.
///
/// The numeric targets build with `-Ounchecked`, where `precondition` is not evaluated and would
/// let a wrong shape read out of bounds. `fatalError` always traps and always prints its message,
/// so shape errors name the shapes involved even in release builds.
@inline(__always)
func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}

/// Formats a shape the way error messages print it: `[2, 3, 4]`.
func describe(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
