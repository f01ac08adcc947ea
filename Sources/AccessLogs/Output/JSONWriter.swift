/// Builds one JSON object as UTF-8 text, escaping every string so that the
/// result is valid JSON whatever bytes the log held.
///
/// Strings are written with `"`, `\` and control characters escaped
/// (`\n`, `\t`, `\u0000`...), and with U+2028 and U+2029 escaped too so that
/// the output can be embedded in JavaScript. Members with `nil` values are
/// left out.
public struct JSONObjectWriter: Sendable {
  /// The text so far.
  public private(set) var bytes: [UInt8] = [0x7B]
  private var empty = true

  /// Creates a writer holding `{`.
  public init() { bytes.reserveCapacity(512) }

  private mutating func key(_ name: StaticString) {
    if !empty { bytes.append(0x2C) }
    empty = false
    bytes.append(0x22)
    bytes.append(
      contentsOf: UnsafeBufferPointer(
        start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(contentsOf: [0x22, 0x3A])
  }

  /// Adds a string member; `nil` leaves the member out.
  ///
  /// - Parameters:
  ///   - name: The key, plain ASCII.
  ///   - value: The value, any text.
  public mutating func add(_ name: StaticString, _ value: String?) {
    guard let value else { return }
    key(name)
    JSONObjectWriter.appendString(value, to: &bytes)
  }

  /// Adds an integer member; `nil` leaves the member out.
  ///
  /// - Parameters:
  ///   - name: The key, plain ASCII.
  ///   - value: The value.
  public mutating func add(_ name: StaticString, _ value: Int64?) {
    guard let value else { return }
    key(name)
    var digits = String(value)
    digits.withUTF8 { bytes.append(contentsOf: $0) }
  }

  /// Adds a member whose value is already JSON text.
  ///
  /// - Parameters:
  ///   - name: The key, plain ASCII.
  ///   - json: Valid JSON text; the caller vouches for it.
  public mutating func addRaw(_ name: StaticString, json: String) {
    key(name)
    bytes.append(contentsOf: json.utf8)
  }

  /// Closes the object and returns its text.
  ///
  /// - Returns: The complete JSON object.
  public func finished() -> String {
    String(decoding: bytes + [0x7D], as: UTF8.self)
  }

  /// Closes the object and returns its UTF-8 bytes.
  ///
  /// - Returns: The complete JSON object.
  public func finishedBytes() -> [UInt8] {
    var out = bytes
    out.append(0x7D)
    return out
  }

  /// Appends a string as a JSON string literal, quotes included.
  ///
  /// - Parameters:
  ///   - value: Any text.
  ///   - out: Receives the literal.
  /// - Complexity: O(*n*) in the length of the text.
  public static func appendString(_ value: String, to out: inout [UInt8]) {
    var value = value
    let done: Bool = value.withUTF8 { bytes in
      // Fast path: no byte needs escaping.
      for byte in bytes
      where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
        || byte == 0xE2
      {
        return false
      }
      out.append(0x22)
      out.append(contentsOf: bytes)
      out.append(0x22)
      return true
    }
    if done { return }
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    out.append(0x22)
    var utf8 = value.utf8.makeIterator()
    var pending: [UInt8] = []
    while let byte = utf8.next() {
      switch byte {
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: out.append(contentsOf: [0x5C, 0x72])
      case 0x09: out.append(contentsOf: [0x5C, 0x74])
      case 0x00..<0x20, 0x7F:
        out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 15)])
      case 0xE2:
        // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
        pending = [byte]
        if let b1 = utf8.next() {
          pending.append(b1)
          if b1 == 0x80, let b2 = utf8.next() {
            if b2 == 0xA8 || b2 == 0xA9 {
              out.append(contentsOf: Array("\\u202".utf8))
              out.append(b2 == 0xA8 ? 0x38 : 0x39)
              pending = []
              continue
            }
            pending.append(b2)
          }
        }
        out.append(contentsOf: pending)
      default: out.append(byte)
      }
    }
    out.append(0x22)
  }
}
