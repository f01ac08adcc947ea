import CCrypto

/// SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto: the only file that
/// imports `CCrypto`.
///
/// No hash is written by hand; every digest here is computed by
/// `EVP_Digest` or `HMAC` with `EVP_sha256()`.
public enum Digest {
  /// The SHA-256 digest of bytes.
  ///
  /// - Parameter bytes: The message; may be empty (the digest of the empty
  ///   string is `e3b0c442...b855`).
  /// - Returns: The 32-byte digest.
  /// - Complexity: O(n) in the message length.
  public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let status = bytes.withUnsafeBytes { message in
      EVP_Digest(
        message.baseAddress, message.count, &output, &length, EVP_sha256(),
        nil)
    }
    precondition(status == 1 && length == 32, "EVP_Digest(SHA-256) failed")
    return output
  }

  /// The SHA-256 digest of a string's UTF-8 bytes.
  ///
  /// - Parameter text: The message.
  /// - Returns: The 32-byte digest.
  /// - Complexity: O(n) in the message length.
  public static func sha256(_ text: String) -> [UInt8] {
    sha256(Array(text.utf8))
  }

  /// HMAC-SHA256 (RFC 2104) of a message under a key.
  ///
  /// - Parameters:
  ///   - key: The key, any length (longer than 64 bytes is hashed first,
  ///     as RFC 2104 says).
  ///   - message: The message.
  /// - Returns: The 32-byte MAC.
  /// - Complexity: O(n) in the message length.
  public static func hmacSHA256(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let result = key.withUnsafeBytes { keyBytes in
      message.withUnsafeBufferPointer { messageBytes in
        HMAC(
          EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
          messageBytes.baseAddress, messageBytes.count, &output, &length)
      }
    }
    precondition(result != nil && length == 32, "HMAC(SHA-256) failed")
    return output
  }

  /// HMAC-SHA256 of a string's UTF-8 bytes.
  ///
  /// - Parameters:
  ///   - key: The key.
  ///   - message: The message.
  /// - Returns: The 32-byte MAC.
  /// - Complexity: O(n) in the message length.
  public static func hmacSHA256(key: [UInt8], _ message: String) -> [UInt8] {
    hmacSHA256(key: key, Array(message.utf8))
  }

  /// Lower-case hexadecimal, two digits a byte.
  ///
  /// - Parameter bytes: Any bytes; empty gives "".
  /// - Returns: The hexadecimal text.
  /// - Complexity: O(n).
  public static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
