/// Where one field of a text log line lies in the line's bytes.
///
/// Line-based adapters cut a line into fields without copying it; a span
/// holds the byte range of the field's value, with any surrounding quotes
/// or brackets already excluded, and says whether they were there.
struct FieldSpan: Hashable, Sendable {
  /// The offset of the value's first byte in the line.
  var start: Int
  /// The offset just past the value's last byte.
  var end: Int
  /// Whether the field was written inside quotes or brackets.
  var wrapped: Bool

  /// The number of bytes in the value.
  var count: Int { end - start }

  /// Whether the value has no bytes.
  var isEmpty: Bool { end <= start }
}
