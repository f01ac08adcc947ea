/// One simulated request, before any format renders it: compact, so that a
/// month of a few million requests stays small.
struct Request: Sendable {
  /// Nanoseconds since the Unix epoch.
  var time: Int64
  /// Index into ``Workload/actors``.
  var actor: Int32
  var operation: Operation
  var status: RequestStatus = .ok
  /// ``RequestFlags`` bits.
  var flags: UInt8 = 0
  /// Index into ``Workload/buckets``.
  var bucket: UInt8 = 0
  /// The object number within the bucket.
  var object: UInt32 = 0
  /// The caller's IPv4 address; 0 for calls the provider makes itself.
  var address: UInt32
  /// The caller's source port.
  var port: UInt16
  var client: ClientKind
  /// A per-request variant of the caller's session (for example the epoch
  /// in `botocore-session-<epoch>`); 0 when not used.
  var session: UInt32 = 0
  /// Bytes of the object moved (out for reads, in for writes).
  var bytes: Int64 = 0
  /// Random bits for request and event ids and delivery delays.
  var nonce: UInt64
}

/// Bits of ``Request/flags``.
enum RequestFlags {
  /// Sent through a private network endpoint (an S3 VPC endpoint).
  static let viaEndpoint: UInt8 = 1
  /// Delivered twice (in two CloudTrail files).
  static let duplicated: UInt8 = 2
  /// Part of a planted incident.
  static let incident: UInt8 = 4
  /// Signed with a presigned URL (query string).
  static let presigned: UInt8 = 8
}
