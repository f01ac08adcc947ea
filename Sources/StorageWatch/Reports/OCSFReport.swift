import AccessLogs
import Foundation

/// Findings as OCSF 1.1 Detection Finding events (class 2004, category 2,
/// Findings), one JSON object per line.
/// `Docs/StorageWatch.docc/Report.md` has the mapping.
enum OCSFReport {
  /// The OCSF schema version the events follow.
  static let schemaVersion = "1.1.0"

  /// The OCSF `severity_id` and `severity` caption of a severity.
  static func severity(_ severity: Severity) -> (id: Int, caption: String) {
    switch severity {
    case .info: return (1, "Informational")
    case .low: return (2, "Low")
    case .medium: return (3, "Medium")
    case .high: return (4, "High")
    case .critical: return (5, "Critical")
    }
  }

  /// The OCSF user `type_id` and `type` of a principal kind: User (1),
  /// Admin (2) for an account root, System (3) for a service, else Other
  /// (99) with the kind's name.
  static func userType(_ kind: PrincipalKind) -> (id: Int, caption: String) {
    switch kind {
    case .user: return (1, "User")
    case .accountRoot: return (2, "Admin")
    case .service: return (3, "System")
    case .unknown: return (0, "Unknown")
    default: return (99, kind.rawValue)
    }
  }

  /// Epoch milliseconds.
  static func milliseconds(_ t: Timestamp) -> Int64 {
    t.nanosecondsSinceEpoch / 1_000_000
  }

  /// The event as a JSON-ready dictionary.
  static func object(_ f: Finding) -> [String: Any] {
    let (severityID, severityCaption) = severity(f.severity)
    let (typeID, typeCaption) = userType(f.principalKind)
    let ms = milliseconds
    var user: [String: Any] = [
      "name": f.principal, "type_id": typeID, "type": typeCaption,
    ]
    if let account = f.accounts.first {
      user["account"] = ["uid": account]
    }
    let actor: [String: Any] = ["user": user]
    let endpoint = f.sources.first(where: \.isNew) ?? f.sources.first
    let sourceEndpoint = endpoint.map(networkEndpoint)
    let evidences: [[String: Any]] = f.signals.map { s in
      var data: [String: Any] = [
        "detection": s.detection.rawValue,
        "hour_start_time": Int64(s.hour) * 3_600_000,
        "measure": s.measure, "observed": finite(s.observed),
        "expected": finite(s.expected), "surprise": finite(s.surprise),
        "explanation": s.explanation,
      ]
      if !s.attribution.isEmpty {
        data["attribution"] = s.attribution.map {
          [
            "feature": $0.feature, "observed": finite($0.observed),
            "typical": finite($0.typical), "share": finite($0.share),
          ] as [String: Any]
        }
      }
      var evidence: [String: Any] = ["data": data]
      if let sourceEndpoint { evidence["src_endpoint"] = sourceEndpoint }
      return evidence
    }
    var object: [String: Any] = [
      "class_uid": 2004, "class_name": "Detection Finding",
      "category_uid": 2, "category_name": "Findings",
      "activity_id": 1, "activity_name": "Create",
      "type_uid": 200_401, "type_name": "Detection Finding: Create",
      "severity_id": severityID, "severity": severityCaption,
      "status_id": 1, "status": "New",
      "time": ms(f.end), "start_time": ms(f.start), "end_time": ms(f.end),
      "count": f.eventCount, "message": f.summary,
      "risk_score": f.score,
      "metadata": [
        "version": schemaVersion,
        "product": ["name": "StorageWatch", "vendor_name": "StorageWatch"],
      ] as [String: Any],
      "finding_info": [
        "uid": f.id, "title": f.summary,
        "desc": f.signals.map(\.explanation).joined(separator: "; "),
        "types": [f.detection.rawValue]
          + Set(f.signals.map(\.detection)).subtracting([f.detection])
          .sorted().map(\.rawValue),
        "first_seen_time": ms(f.start), "last_seen_time": ms(f.end),
        "analytic": [
          "name": f.detection.rawValue, "uid": f.detection.rawValue,
          "type_id": 3, "type": "Statistical",
        ] as [String: Any],
      ] as [String: Any],
      "actor": actor,
      "cloud": ["provider": f.provider.rawValue.uppercased()],
      "resources": f.buckets.map { bucket -> [String: Any] in
        var resource: [String: Any] = [
          "name": bucket, "uid": bucket, "type": "bucket",
        ]
        if let account = f.accounts.first {
          resource["owner"] = ["account": ["uid": account]]
        }
        return resource
      },
      "evidences": evidences,
      "unmapped": unmapped(f),
    ]
    if let sourceEndpoint { object["src_endpoint"] = sourceEndpoint }
    return object
  }

  /// StorageWatch's own fields that OCSF has no place for.
  private static func unmapped(_ f: Finding) -> [String: Any] {
    var out: [String: Any] = [
      "principal_kind": f.principalKind.rawValue,
      "accounts": f.accounts, "buckets": f.buckets,
      "sources": f.sources.map {
        [
          "address": $0.address, "kind": $0.kind, "is_new": $0.isNew,
          "requests": $0.requests,
        ] as [String: Any]
      },
      "user_agents": f.userAgents, "sample_objects": f.sampleObjects,
      "sample_event_ids": f.sampleEventIDs,
    ]
    if let bytes = f.bytesOut { out["bytes_out"] = bytes }
    return out
  }

  private static func networkEndpoint(_ s: Finding.Source) -> [String: Any] {
    let isAddress =
      s.kind != "service" && !s.address.isEmpty
      && s.address.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    return isAddress ? ["ip": s.address] : ["name": s.address]
  }

  private static func finite(_ v: Double) -> Any {
    v.isFinite ? v : (v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf"))
  }

  /// One event as a line of JSON.
  static func line(_ f: Finding) -> String {
    let data =
      (try? JSONSerialization.data(
        withJSONObject: object(f),
        options: [.sortedKeys, .withoutEscapingSlashes]))
      ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
