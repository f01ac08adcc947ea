/// Reads Azure Monitor `StorageBlobLogs` resource logs (Blob Storage and
/// Data Lake Storage requests).
///
/// Accepted shapes, detected per JSON value so that one file may mix them:
/// - one record per line, as diagnostic settings write `PT1H.json` blobs
///   to a storage account;
/// - an Event Hub document `{"records": [...]}`;
/// - a JSON array of records;
/// - Log Analytics rows of the `StorageBlobLogs` table with PascalCase
///   columns (`TimeGenerated`, `OperationName`, `AuthenticationType`,
///   ...), as a JSON array or one row per line; values may be strings
///   throughout. The query API's `{"tables": [{"columns", "rows"}]}`
///   response is not read (``SkipReason/unrecognizedShape``).
///
/// | `AccessEvent` | Diagnostic settings | Log Analytics |
/// |---|---|---|
/// | `time` (7 fractional digits kept) | `time` | `TimeGenerated` |
/// | `action`, `operation` | `operationName` (see ``AzureBlobOperation``), `category` as fallback | `OperationName`, `Category` |
/// | `outcome`, `errorCode` | `statusCode` (number or string), `statusText`, `properties.metricResponseType` | `StatusCode`, `StatusText`, `MetricResponseType` |
/// | `principal`, `principalKind`, `authentication`, `principalAccount` | `identity` (see ``resolvePrincipal(_:_:account:)``) | `AuthenticationType`, `AuthenticationHash`, `Requester*` |
/// | `account` | `properties.accountName`, else `resourceId` `.../storageAccounts/<a>/...` | `AccountName`, `_ResourceId` |
/// | `bucket`, `objectKey` | `properties.objectKey` `/<account>/<container>/<blob>`, else the `uri` path; percent-decoded | `ObjectKey`, `Uri` |
/// | `sourceAddress` | `callerIpAddress` `ip:port`; a non-address such as `<Redacted>:56029` is kept as a name without its port | `CallerIpAddress` |
/// | `userAgent` | `properties.userAgentHeader` | `UserAgentHeader` |
/// | `bytesOut`, `bytesIn` | `properties.responseBodySize`, `requestBodySize` | `ResponseBodySize`, `RequestBodySize` |
/// | `requestID` | `correlationId` (the service's request id) | `CorrelationId` |
/// | `eventID` | `<correlationId>/<operationName>[/<operationCount>]` | same columns |
/// | `region` | `location` | `Location` |
///
/// Outcome: status below 400 (206 partial reads, 304) is success; 401 and
/// 403 are denied, as is any failure whose status text names an
/// authorization or authentication failure (`PublicAccessNotPermitted`);
/// other statuses of 400 and above are errors, with the status text as
/// error code. With no status code the status text, then the metric
/// response type, decide; a record with neither counts as a success.
///
/// The records carry no unique id: the event id combines the request id
/// with the operation name and count, so that redelivered records are
/// dropped while a copy's `CopyBlobSource` and `CopyBlobDestination`
/// records, which share a request id, are both kept. Records of other
/// services (table, queue, file: by `properties.serviceType`, the
/// `resourceId` or the Log Analytics `Type`) and Azure activity-log records
/// (control-plane operations such as `Microsoft.Storage/storageAccounts/
/// write`) are skipped as ``SkipReason/notStorage``. A record with no
/// operation name is a ``SkipReason/malformedRecord``; a missing or
/// unparseable time a ``SkipReason/badTimestamp``. Fields of the wrong
/// JSON type are treated as absent; no input makes the adapter trap.
struct AzureMonitorAdapter: LogAdapter {
  /// ``LogFormat/azureMonitor``.
  static let format = LogFormat.azureMonitor
  /// Whole JSON values: lines, pretty-printed values or one document.
  static let framing = RecordFraming.jsonValues

  /// Matches JSON holding `"operationName"` with `"resourceId"` or
  /// `"callerIpAddress"` (and no CloudTrail `"eventSource"`), or the Log
  /// Analytics columns `"OperationName"` with `"AccountName"` or
  /// `"TimeGenerated"`.
  static func matches(prefix: UnsafeRawBufferPointer) -> Bool {
    guard let first = prefix.firstNonSpace, first == 0x7B || first == 0x5B
    else { return false }
    if prefix.containsASCII("\"operationName\"") {
      return
        (prefix.containsASCII("\"resourceId\"")
        || prefix.containsASCII("\"callerIpAddress\""))
        && !prefix.containsASCII("\"eventSource\"")
    }
    return prefix.containsASCII("\"OperationName\"")
      && (prefix.containsASCII("\"AccountName\"")
        || prefix.containsASCII("\"TimeGenerated\""))
  }

  private let document = JSONDocument()

  /// Creates an adapter with its reusable parse buffers.
  init() {}

  /// Parses one framed JSON value and decodes every record it holds;
  /// text that is not JSON is one ``SkipReason/malformedJSON`` record.
  mutating func decode(
    _ record: UnsafeRawBufferPointer, into sink: inout RecordSink
  ) {
    guard sink.parse(record, into: document) else { return }
    let doc = document
    switch doc.kind(0) {
    case .array:
      for element in doc.elements(0) { decodeRecord(doc, element, into: &sink) }
    case .object:
      if doc.member(0, "tables") != nil {
        sink.records += 1
        sink.skip(
          .unrecognizedShape,
          "a Log Analytics query response (tables and rows); export the rows "
            + "as JSON objects instead", at: 0)
      } else if let records = doc.member(0, "records"),
        doc.kind(records) == .array
      {
        for element in doc.elements(records) {
          decodeRecord(doc, element, into: &sink)
        }
      } else {
        decodeRecord(doc, 0, into: &sink)
      }
    default:
      sink.records += 1
      sink.skip(
        .unrecognizedShape, "expected a record object or an array of them",
        at: 0)
    }
  }
}
