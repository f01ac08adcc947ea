/// Why bytes are not a JSON value.
public struct JSONSyntaxError: Error, Hashable, Sendable,
  CustomStringConvertible
{
  /// What was wrong.
  public enum Reason: String, Hashable, Sendable {
    /// The input ended inside a value.
    case unexpectedEnd = "unexpected end of input"
    /// A byte that cannot start or continue a value here.
    case unexpectedByte = "unexpected byte"
    /// A `true`, `false` or `null` spelled wrongly.
    case invalidLiteral = "invalid literal"
    /// A number that does not follow the JSON grammar.
    case invalidNumber = "invalid number"
    /// An object key that is not a string.
    case expectedKey = "expected a string key"
    /// A key not followed by `:`.
    case expectedColon = "expected ':'"
    /// Arrays and objects nested deeper than the parser's limit.
    case tooDeep = "nesting deeper than the limit"
    /// More values in one document than the parser's limit.
    case tooManyValues = "more values than the limit"
    /// Bytes after the end of the value.
    case trailingContent = "content after the value"
    /// No value at all (empty or white space only).
    case empty = "no JSON value"
  }

  /// What was wrong.
  public var reason: Reason
  /// The byte offset of the problem, from the start of the value's text.
  public var offset: Int
  /// The byte found there, when there was one.
  public var byte: UInt8?

  /// A one-line description: reason, offset and the offending byte.
  public var description: String {
    var text = "\(reason.rawValue) at byte \(offset)"
    if let byte {
      if byte >= 0x20 && byte < 0x7F {
        text += " ('\(Character(Unicode.Scalar(byte)))')"
      } else {
        text += " (0x\(String(byte, radix: 16, uppercase: true)))"
      }
    }
    return text
  }
}
