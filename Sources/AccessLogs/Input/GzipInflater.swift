import CDeflate
import CZlib

/// Streaming gzip decompression with zlib's `inflate`.
///
/// Handles multi-member files (concatenated gzip streams, as written by
/// `cat a.gz b.gz`) by resetting the stream after each member. This file
/// is the only one that imports zlib and libdeflate; ``WholeGzip`` is the
/// faster path for files that fit in memory.
final class GzipInflater {
  private var stream = z_stream()
  private var chunk = [UInt8](repeating: 0, count: 256 << 10)
  private var finishedMember = false
  private var sawInput = false

  /// Creates an inflater for gzip framing (zlib `windowBits` 15 + 16).
  init() {
    let status = inflateInit2_(
      &stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "zlib inflateInit2 failed: \(status)")
  }

  deinit { inflateEnd(&stream) }

  /// Whether the last member ended cleanly and no partial member is open.
  var isAtMemberBoundary: Bool { finishedMember || !sawInput }

  /// Inflates compressed bytes, appending the output, until the input is
  /// used up or about `limit` bytes were appended.
  ///
  /// The limit bounds memory against compression bombs: gzip expands up
  /// to about 1,000 times, so a megabyte of input could otherwise become
  /// a gigabyte of output in one call. Output stops at the first inner
  /// chunk (256 KiB) that reaches the limit; call again with the rest of
  /// the input.
  ///
  /// - Parameters:
  ///   - input: Compressed bytes.
  ///   - output: Receives the decompressed bytes.
  ///   - limit: Bytes to append before returning early; at least 1.
  /// - Returns: How many input bytes were consumed, and zlib's message
  ///   when the data are corrupt.
  /// - Complexity: O(*n*) in the input and output sizes.
  func inflate(
    _ input: UnsafeRawBufferPointer, into output: inout [UInt8],
    limit: Int = 4 << 20
  ) -> (consumed: Int, error: String?) {
    precondition(limit > 0, "GzipInflater: limit must be > 0")
    var offset = 0
    let before = output.count
    while offset < input.count && output.count - before < limit {
      if finishedMember {
        // Another member follows, or padding zeros that some writers add.
        if input[offset...].allSatisfy({ $0 == 0 }) {
          return (input.count, nil)
        }
        inflateReset(&stream)
        finishedMember = false
      }
      sawInput = true
      let (startOffset, startCount) = (offset, output.count)
      let status: Int32 = input.withMemoryRebound(to: UInt8.self) { bytes in
        stream.next_in = UnsafeMutablePointer(
          mutating: bytes.baseAddress! + offset)
        stream.avail_in = UInt32(input.count - offset)
        return chunk.withUnsafeMutableBufferPointer { out in
          var status: Int32 = Z_OK
          repeat {
            stream.next_out = out.baseAddress
            stream.avail_out = UInt32(out.count)
            status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = out.count - Int(stream.avail_out)
            output.append(
              contentsOf: UnsafeBufferPointer(rebasing: out[0..<produced]))
          } while status == Z_OK && stream.avail_out == 0
            && output.count - before < limit
          return status
        }
      }
      offset = input.count - Int(stream.avail_in)
      switch status {
      case Z_STREAM_END:
        finishedMember = true
      case Z_OK, Z_BUF_ERROR:
        if stream.avail_in == 0 { return (offset, nil) }
        if offset == startOffset && output.count == startCount {
          return (offset, "zlib made no progress (status \(status))")
        }
      default:
        let message =
          stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
        return (offset, message)
      }
    }
    return (offset, nil)
  }
}

/// Whole-buffer gzip decompression with libdeflate, for files held in
/// memory.
///
/// libdeflate has no streaming interface, so ``ByteStream`` uses it only
/// for regular files up to ``ByteStream/wholeFileLimit`` whose output fits
/// in ``ByteStream/wholeOutputLimit``, and falls back on ``GzipInflater``
/// for anything larger, for standard input, and for damaged data (so that
/// errors and their offsets are zlib's, as for streamed files).
///
/// Why libdeflate: measured on this project's 2-core machine (AMD EPYC,
/// 2026-12-04) over the simulated month of CloudTrail delivery files
/// (11,218 files, 111.7 MB gzip, 1,246 MB inflated), in inflated MB per
/// CPU-second: libdeflate 2,386 through this wrapper (2,523 from C),
/// zlib 992 through ``GzipInflater`` (1,200 from C), ISA-L's igzip 1,896
/// from C (Debian libisal-dev 2.30; not adopted: slower than libdeflate
/// on files this small), `gzip -dc` 276. zlib took a tenth of `detect`'s
/// CPU time (1.3 of 13.5 s); libdeflate takes a tenth of the 5 s it
/// needs now, half zlib's time.
enum WholeGzip {
  /// Inflates every member of a gzip buffer; trailing zero padding is
  /// accepted.
  ///
  /// - Parameters:
  ///   - input: The whole compressed file.
  ///   - limit: The most output bytes accepted.
  /// - Returns: The decompressed bytes, or `nil` when the data are not
  ///   valid gzip or the output would exceed `limit`.
  /// - Complexity: O(*n*) in the output size.
  static func inflate(_ input: UnsafeRawBufferPointer, limit: Int) -> [UInt8]? {
    var output: [UInt8] = []
    return inflate(input, into: &output, limit: limit) ? output : nil
  }

  /// Inflates every member of a gzip buffer into `output`, reusing its
  /// storage; trailing zero padding is accepted.
  ///
  /// - Parameters:
  ///   - input: The whole compressed file.
  ///   - output: Replaced by the decompressed bytes (emptied on failure).
  ///   - limit: The most output bytes accepted.
  /// - Returns: Whether the data were valid gzip within `limit`.
  /// - Complexity: O(*n*) in the output size.
  static func inflate(
    _ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int
  ) -> Bool {
    output.removeAll(keepingCapacity: true)
    guard input.count >= 18, let decompressor = libdeflate_alloc_decompressor()
    else { return false }
    defer { libdeflate_free_decompressor(decompressor) }
    let trailer = Int(
      UInt32(
        littleEndian: input.loadUnaligned(
          fromByteOffset: input.count - 4, as: UInt32.self)))
    var attempt = firstCapacity(
      inputCount: input.count, trailer: trailer, limit: limit)
    while true {
      if output.count < attempt {
        output.append(
          contentsOf: repeatElement(0, count: attempt - output.count))
      }
      var produced = 0
      let status = output.withUnsafeMutableBytes { buffer in
        decompressMembers(decompressor, input, buffer, attempt, &produced)
      }
      if status == LIBDEFLATE_SUCCESS {
        output.removeSubrange(produced...)
        return true
      }
      if status != LIBDEFLATE_INSUFFICIENT_SPACE || attempt >= limit {
        output.removeAll(keepingCapacity: true)
        return false
      }
      attempt = min(limit, attempt * 2)
    }
  }

  /// The output capacity of the first attempt.
  ///
  /// The last member's trailer holds its size modulo 2^32: exact for the
  /// usual single-member file. A truncated or forged file ends in any
  /// four bytes, so the trailer is believed only up to what deflate can
  /// produce at all, 1,032 output bytes per input byte: a 100-byte file
  /// claiming 4 GiB gets a buffer of about 100 KiB, not `limit`.
  static func firstCapacity(inputCount: Int, trailer: Int, limit: Int)
    -> Int
  {
    let possible = inputCount.multipliedReportingOverflow(by: 1_032)
    let guess =
      possible.overflow ? trailer : min(trailer, possible.partialValue)
    return min(limit, max(guess, inputCount * 4, 4096))
  }

  /// Inflates member after member into `buffer`'s first `capacity` bytes.
  private static func decompressMembers(
    _ decompressor: OpaquePointer, _ input: UnsafeRawBufferPointer,
    _ buffer: UnsafeMutableRawBufferPointer, _ capacity: Int,
    _ produced: inout Int
  ) -> libdeflate_result {
    var inOffset = 0
    produced = 0
    while inOffset < input.count {
      let rest = UnsafeRawBufferPointer(rebasing: input[inOffset...])
      if inOffset > 0, rest.allSatisfy({ $0 == 0 }) { break }
      var consumed = 0
      var written = 0
      let status = libdeflate_gzip_decompress_ex(
        decompressor, rest.baseAddress, rest.count,
        buffer.baseAddress! + produced, capacity - produced,
        &consumed, &written)
      guard status == LIBDEFLATE_SUCCESS else { return status }
      guard consumed > 0 else { return LIBDEFLATE_BAD_DATA }
      inOffset += consumed
      produced += written
    }
    return LIBDEFLATE_SUCCESS
  }
}
