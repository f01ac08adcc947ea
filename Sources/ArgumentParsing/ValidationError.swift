/// An error a value conversion closure throws to reject a value.
///
/// Throw it from the closure passed to `ParsedArguments.value(_:as:)` or
/// `ParsedArguments.positional(_:as:)`; the library wraps it in a
/// `UsageError` that names the option and the rejected value, and uses
/// `message` as the reason.
public struct ValidationError: Error, Equatable, Sendable,
  CustomStringConvertible
{
  /// A short, lowercase reason such as `"expected a date like 2024-05-01"`.
  public let message: String

  /// Creates a validation error.
  ///
  /// - Parameter message: The reason the value was rejected, without a
  ///   trailing period.
  public init(_ message: String) {
    self.message = message
  }

  /// The reason the value was rejected.
  public var description: String { message }
}
