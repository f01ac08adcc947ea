/// Remembers the last string made from a field's bytes, so that a value
/// repeated on consecutive lines (bucket, owner, user agent, host) is
/// compared rather than allocated again.
struct FieldStringCache {
  private var bytes: [UInt8] = []
  private var value = ""

  /// The field's bytes as a string, reusing the previous one when the
  /// bytes are the same.
  ///
  /// - Parameter field: The bytes; invalid UTF-8 becomes U+FFFD.
  /// - Returns: The text.
  /// - Complexity: O(*n*) in the length of the field.
  mutating func string(_ field: UnsafeRawBufferPointer) -> String {
    if field.count == bytes.count {
      let same = bytes.withUnsafeBytes { old -> Bool in
        for k in 0..<field.count where old[k] != field[k] { return false }
        return true
      }
      if same && !bytes.isEmpty { return value }
    }
    bytes.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: field)
    value = String(decoding: field, as: UTF8.self)
    return value
  }
}
