/// Whole-buffer gzip decompression with either inflater the reader uses,
/// for benchmarks and tools that hold a file in memory.
public enum Gunzip {
  /// An inflater.
  public enum Engine: String, CaseIterable, Sendable {
    /// libdeflate in one call (the reader's path for files of at most
    /// 32 MiB whose output fits in 64 MiB).
    case libdeflate
    /// zlib's streaming `inflate` (the reader's path for larger files and
    /// standard input).
    case zlib
  }

  /// Decompresses every gzip member of a buffer.
  ///
  /// - Parameters:
  ///   - bytes: The compressed bytes.
  ///   - engine: Which inflater to use.
  /// - Returns: The decompressed bytes, or `nil` when the data are not
  ///   valid gzip (or, with libdeflate, inflate to more than 64 MiB).
  /// - Complexity: O(*n*) in the output size.
  public static func decompress(_ bytes: [UInt8], using engine: Engine)
    -> [UInt8]?
  {
    switch engine {
    case .libdeflate:
      return bytes.withUnsafeBytes {
        WholeGzip.inflate($0, limit: ByteStream.wholeOutputLimit)
      }
    case .zlib:
      let inflater = GzipInflater()
      var output: [UInt8] = []
      var offset = 0
      // The inflater returns after each few MiB of output; feed it the
      // rest until the input is used up.
      while offset < bytes.count {
        let before = output.count
        let (consumed, failure) = bytes.withUnsafeBytes {
          inflater.inflate(
            UnsafeRawBufferPointer(rebasing: $0[offset...]), into: &output)
        }
        guard failure == nil else { return nil }
        if consumed == 0 && output.count == before { return nil }
        offset += consumed
      }
      guard inflater.isAtMemberBoundary else { return nil }
      return output
    }
  }
}
