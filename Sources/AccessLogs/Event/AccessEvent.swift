/// One request to cloud object storage, normalized across providers.
///
/// Every log adapter produces `AccessEvent` values; everything downstream
/// (features, detections, reports) reads only these. Optional fields are
/// `nil` when the source format does not carry them or the record left them
/// empty; the table below says where each format takes some of them from.
///
/// | Field | Format | From |
/// |---|---|---|
/// | `principal` | CloudTrail | `userIdentity` ARN (see ``PrincipalKind``) |
/// | | S3 access log | Requester ARN, `canonical:<id>` or service |
/// | | GCS audit | `principalEmail`, else `principalSubject` |
/// | | Azure Analytics | UPN, object id or app id; `sas:`/`accountkey:` |
/// | | Azure Monitor | requester UPN or id; `sas:`/`accountkey:` |
/// | `account` | CloudTrail | bucket owner account |
/// | | S3 access log | Bucket Owner (canonical id) |
/// | | GCS audit | project |
/// | | Azure Analytics | owner-account-name |
/// | | Azure Monitor | `accountName` or resource id |
/// | `bytesOut` | CloudTrail | `bytesTransferredOut` |
/// | | S3 access log | Bytes Sent (`-` is 0) |
/// | | GCS audit | never |
/// | | Azure Analytics | response-packet-size |
/// | | Azure Monitor | `responseBodySize` |
/// | `networkPath` | CloudTrail | `vpcEndpointId` |
/// | | others | never |
/// | `requestID` | CloudTrail | `requestID` |
/// | | S3 access log | Request ID |
/// | | GCS audit | never |
/// | | Azure Analytics | request-id-header |
/// | | Azure Monitor | `correlationId` |
/// | `eventID` | CloudTrail | `eventID` |
/// | | S3 access log | `<bucket>/<requestID>/<operation>/<key>/<versionId>` |
/// | | GCS audit | `insertId` |
/// | | Azure Analytics | `<request-id>#<operation-count>` |
/// | | Azure Monitor | `correlationId/operationName[/operationCount]` |
public struct AccessEvent: Hashable, Sendable {
  /// When the request was made, in UTC, with the log's full precision.
  public var time: Timestamp
  /// The format the event was read from (which also names the provider).
  public var format: LogFormat
  /// A stable identity string for the caller: an ARN, an email address, a
  /// user principal name, `anonymous`, or a service name.
  public var principal: String
  /// What kind of identity ``principal`` is.
  public var principalKind: PrincipalKind
  /// The account of the caller when the log names it and it can differ from
  /// the storage's owner (AWS cross-account access).
  public var principalAccount: String?
  /// The role session name for assumed-role callers, kept even when
  /// ``principal`` names only the role.
  public var sessionName: String?
  /// The AWS account, GCP project or Azure storage account that owns the
  /// storage.
  public var account: String?
  /// The bucket or container.
  public var bucket: String?
  /// The object key or blob name, decoded from any URL encoding.
  public var objectKey: String?
  /// What the request did.
  public var action: ActionCategory
  /// The operation name as the log wrote it (`GetObject`, `REST.GET.OBJECT`,
  /// `storage.objects.get`, `GetBlob`).
  public var operation: String
  /// How the request ended.
  public var outcome: Outcome
  /// The provider's error code or status text when the request failed.
  public var errorCode: String?
  /// Where the request came from.
  public var sourceAddress: SourceAddress?
  /// The private network path, such as an S3 VPC endpoint id (`vpce-...`).
  public var networkPath: String?
  /// The client's user agent, with CloudTrail's surrounding brackets
  /// removed.
  public var userAgent: String?
  /// Response body bytes sent to the caller, when the log carries them.
  public var bytesOut: Int64?
  /// Request body bytes received from the caller, when the log carries them.
  public var bytesIn: Int64?
  /// How the caller authenticated.
  public var authentication: AuthenticationMethod
  /// The provider's request id.
  public var requestID: String?
  /// The log's unique id for the record, used to drop duplicate deliveries.
  public var eventID: String?
  /// The region or location of the storage.
  public var region: String?

  /// The cloud that wrote the event.
  public var provider: Provider { format.provider }

  /// Creates an event; fields the log did not carry default to `nil`.
  ///
  /// - Parameters:
  ///   - time: When the request was made.
  ///   - format: The source format.
  ///   - principal: A stable identity string for the caller.
  ///   - principalKind: What kind of identity the caller is.
  ///   - action: What the request did.
  ///   - operation: The operation name as logged.
  ///   - outcome: How the request ended.
  ///   - authentication: How the caller authenticated.
  public init(
    time: Timestamp, format: LogFormat, principal: String,
    principalKind: PrincipalKind, action: ActionCategory,
    operation: String, outcome: Outcome = .success,
    authentication: AuthenticationMethod = .unknown
  ) {
    self.time = time
    self.format = format
    self.principal = principal
    self.principalKind = principalKind
    self.action = action
    self.operation = operation
    self.outcome = outcome
    self.authentication = authentication
  }
}
