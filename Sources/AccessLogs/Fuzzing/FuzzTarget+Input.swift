extension FuzzTarget {
  /// A record as bytes, for comparing two ways of splitting.
  private struct CutRecord: Equatable {
    var bytes: [UInt8]
    var line: Int
    var offset: Int64
    var oversized: Bool
    var truncated: Bool
  }

  /// The input layer: gzip inflation with its output bound, then record
  /// splitting at once and in chunks, which must agree.
  ///
  /// The first byte chooses the framing (low bit), the chunk size (next
  /// bits) and a small record limit (high bit); the rest is the data.
  static func input(_ data: UnsafeRawBufferPointer) {
    guard let control = data.first else { return }
    let rest = UnsafeRawBufferPointer(rebasing: data.dropFirst())
    inflate(rest)
    let framing: RecordFraming = control & 1 == 0 ? .lines : .jsonValues
    let chunk = 1 + Int((control >> 1) & 0x3F)
    let limit = control & 0x80 == 0 ? 1 << 20 : 1 + Int(control & 0x3F) * 4
    let whole = split(rest, framing, limit, chunk: rest.count)
    let pieces = split(rest, framing, limit, chunk: chunk)
    precondition(whole == pieces, "records differ when fed in chunks")
    var previous: Int64 = -1
    for record in whole {
      precondition(record.offset > previous, "records out of order")
      precondition(
        record.offset + Int64(record.bytes.count) <= Int64(rest.count),
        "record past the end of the input")
      precondition(
        !record.oversized || record.bytes.isEmpty, "oversized record kept")
      precondition(record.bytes.count <= limit, "record over the limit kept")
      previous = record.offset
    }
  }

  private static func inflate(_ data: UnsafeRawBufferPointer) {
    let inflater = GzipInflater()
    var output: [UInt8] = []
    var offset = 0
    // Feed in small pieces so that member boundaries fall anywhere.
    while offset < data.count {
      let end = min(data.count, offset + 977)
      var piece = UnsafeRawBufferPointer(rebasing: data[offset..<end])
      while !piece.isEmpty {
        output.removeAll(keepingCapacity: true)
        let limit = 1 << 16
        let (consumed, error) = inflater.inflate(
          piece, into: &output, limit: limit)
        precondition(
          output.count <= limit + (256 << 10), "inflate over its bound")
        if error != nil { return }
        precondition(consumed > 0 || !output.isEmpty, "inflate stalled")
        piece = UnsafeRawBufferPointer(rebasing: piece[consumed...])
      }
      offset = end
    }
    _ = inflater.isAtMemberBoundary
  }

  private static func split(
    _ data: UnsafeRawBufferPointer, _ framing: RecordFraming, _ limit: Int,
    chunk: Int
  ) -> [CutRecord] {
    var splitter = RecordSplitter(framing: framing, maximumRecordBytes: limit)
    var records: [CutRecord] = []
    var offset = 0
    repeat {
      let end = min(data.count, offset + max(1, chunk))
      splitter.buffer.append(contentsOf: data[offset..<end])
      offset = end
      splitter.drain(final: offset == data.count) { record, bytes in
        records.append(
          CutRecord(
            bytes: Array(bytes[record.range]), line: record.line,
            offset: record.offset, oversized: record.oversized,
            truncated: record.truncated))
      }
    } while offset < data.count
    return records
  }

  /// The JSON parser: parse, then visit every node and check that it lies
  /// inside the text and inside its parent, and that strings, numbers and
  /// Booleans read without trapping.
  static func json(_ data: UnsafeRawBufferPointer) {
    let document = JSONDocument(maximumDepth: 64)
    do {
      try document.parse(data)
    } catch {
      precondition(error.offset <= data.count, "error offset past the end")
      return
    }
    let nodes = document.nodes
    precondition(!nodes.isEmpty, "parsed with no nodes")
    precondition(nodes[0].next == nodes.count, "root does not span the tape")
    for (index, node) in nodes.enumerated() {
      precondition(
        node.start <= node.end && node.end <= data.count, "node range")
      precondition(
        node.next > index && node.next <= nodes.count, "node next")
      switch node.kind {
      case .object:
        precondition(node.count >= 0, "member count")
        for (key, value) in document.members(index) {
          precondition(document.kind(key) == .string, "non-string key")
          precondition(value < node.next, "member outside its object")
          _ = document.string(key)
        }
      case .array:
        precondition(
          document.elements(index).count == Int(node.count), "element count")
      case .string:
        let text = document.string(index) ?? ""
        _ = text.unicodeScalars.count
        _ = document.int64(index)
        _ = document.bool(index)
      case .number:
        _ = document.int64(index)
        _ = document.text(index)
      case .true, .false, .null:
        _ = document.bool(index)
      }
    }
  }
}
