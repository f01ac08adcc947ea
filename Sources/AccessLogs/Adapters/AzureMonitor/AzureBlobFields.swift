/// The nodes of one `StorageBlobLogs` record's fields, found once in
/// either of its two JSON spellings.
///
/// Diagnostic-settings exports (storage account `PT1H.json` files, Event
/// Hub `{"records": [...]}`) nest fields in camelCase under `properties`
/// and `identity`; Log Analytics exports write the table's flat PascalCase
/// columns. Every field is a node index, `nil` when absent.
struct AzureBlobFields {
  /// `time` / `TimeGenerated`.
  var time: Int?
  /// `operationName` / `OperationName`.
  var operationName: Int?
  /// `category` / `Category` (`StorageRead`, `StorageWrite`, `StorageDelete`).
  var category: Int?
  /// `statusCode` / `StatusCode`, a number or a string.
  var statusCode: Int?
  /// `statusText` / `StatusText`.
  var statusText: Int?
  /// `properties.metricResponseType` / `MetricResponseType`.
  var metricResponseType: Int?
  /// `callerIpAddress` / `CallerIpAddress`, `ip:port`.
  var callerIpAddress: Int?
  /// `identity.type` / `AuthenticationType`.
  var authenticationType: Int?
  /// `identity.tokenHash` / `AuthenticationHash`.
  var tokenHash: Int?
  /// `identity.requester.upn` / `RequesterUpn`.
  var requesterUpn: Int?
  /// `identity.requester.uniqueName` / `RequesterUniqueName`.
  var requesterUniqueName: Int?
  /// `identity.requester.objectId` / `RequesterObjectId`.
  var requesterObjectId: Int?
  /// `identity.requester.appId` / `RequesterAppId`.
  var requesterAppId: Int?
  /// `identity.requester.tenantId` / `RequesterTenantId`.
  var requesterTenantId: Int?
  /// `properties.accountName` / `AccountName`.
  var accountName: Int?
  /// `resourceId` / `_ResourceId` or `ResourceId`.
  var resourceId: Int?
  /// `properties.objectKey` / `ObjectKey`, `/<account>/<container>/<blob>`.
  var objectKey: Int?
  /// `uri` / `Uri`.
  var uri: Int?
  /// `properties.responseBodySize` / `ResponseBodySize`.
  var responseBodySize: Int?
  /// `properties.requestBodySize` / `RequestBodySize`.
  var requestBodySize: Int?
  /// `properties.userAgentHeader` / `UserAgentHeader`.
  var userAgent: Int?
  /// `correlationId` / `CorrelationId`, the request id.
  var correlationId: Int?
  /// `properties.operationCount` / `OperationCount`.
  var operationCount: Int?
  /// `location` / `Location`.
  var location: Int?
  /// `properties.serviceType` / `ServiceType` (`blob`, `table`, ...).
  var serviceType: Int?
  /// The Log Analytics table name (`Type`: `StorageBlobLogs`).
  var table: Int?

  /// Finds the fields of a diagnostic-settings record (camelCase).
  init(resourceLog doc: JSONDocument, _ r: Int) {
    time = doc.member(r, "time")
    operationName = doc.member(r, "operationName")
    category = doc.member(r, "category")
    statusCode = doc.member(r, "statusCode")
    statusText = doc.member(r, "statusText")
    callerIpAddress = doc.member(r, "callerIpAddress")
    correlationId = doc.member(r, "correlationId")
    location = doc.member(r, "location")
    resourceId = doc.member(r, "resourceId")
    uri = doc.member(r, "uri")
    let identity = doc.member(r, "identity")
    authenticationType = doc.member(identity, "type")
    tokenHash = doc.member(identity, "tokenHash")
    let requester = doc.member(identity, "requester")
    requesterUpn = doc.member(requester, "upn")
    requesterUniqueName = doc.member(requester, "uniqueName")
    requesterObjectId = doc.member(requester, "objectId")
    requesterAppId = doc.member(requester, "appId")
    requesterTenantId = doc.member(requester, "tenantId")
    let p = doc.member(r, "properties")
    accountName = doc.member(p, "accountName")
    objectKey = doc.member(p, "objectKey")
    metricResponseType = doc.member(p, "metricResponseType")
    responseBodySize = doc.member(p, "responseBodySize")
    requestBodySize = doc.member(p, "requestBodySize")
    userAgent = doc.member(p, "userAgentHeader")
    operationCount = doc.member(p, "operationCount")
    serviceType = doc.member(p, "serviceType")
  }

  /// Finds the fields of a Log Analytics row (PascalCase columns).
  init(logAnalytics doc: JSONDocument, _ r: Int) {
    time = doc.member(r, "TimeGenerated")
    operationName = doc.member(r, "OperationName")
    category = doc.member(r, "Category")
    statusCode = doc.member(r, "StatusCode")
    statusText = doc.member(r, "StatusText")
    callerIpAddress = doc.member(r, "CallerIpAddress")
    correlationId = doc.member(r, "CorrelationId")
    location = doc.member(r, "Location")
    resourceId = doc.member(r, "_ResourceId") ?? doc.member(r, "ResourceId")
    uri = doc.member(r, "Uri")
    authenticationType = doc.member(r, "AuthenticationType")
    tokenHash = doc.member(r, "AuthenticationHash")
    requesterUpn = doc.member(r, "RequesterUpn")
    requesterUniqueName = doc.member(r, "RequesterUniqueName")
    requesterObjectId = doc.member(r, "RequesterObjectId")
    requesterAppId = doc.member(r, "RequesterAppId")
    requesterTenantId = doc.member(r, "RequesterTenantId")
    accountName = doc.member(r, "AccountName")
    objectKey = doc.member(r, "ObjectKey")
    metricResponseType = doc.member(r, "MetricResponseType")
    responseBodySize = doc.member(r, "ResponseBodySize")
    requestBodySize = doc.member(r, "RequestBodySize")
    userAgent = doc.member(r, "UserAgentHeader")
    operationCount = doc.member(r, "OperationCount")
    serviceType = doc.member(r, "ServiceType")
    table = doc.member(r, "Type")
  }
}
