/// A kind of abnormal access that the simulator can plant in a month of
/// logs.
///
/// The raw value is the name used on the command line, in a comma-separated
/// list, and in the `kind` column of `labels.csv`.
public enum IncidentKind: String, CaseIterable, Codable, Hashable, Sendable,
  Comparable
{
  /// Thousands of reads of large objects from an address the victim never
  /// used, at night in the victim's time zone, by a bulk copy tool.
  case bulkExfiltration = "bulk-exfiltration"
  /// Listing every bucket and its contents and probing bucket settings
  /// from a new address, with a storm of access-denied answers.
  case enumeration
  /// Reads kept just under 100 an hour for many hours, but of unusually
  /// large objects, from a new address.
  case slowExfiltration = "slow-exfiltration"
  /// A service role's credentials used from an internet address with a
  /// user agent the role never sent.
  case stolenCredentials = "stolen-credentials"
  /// A strict office-hours person active at about 02:00 local time, from
  /// their usual address and client.
  case afterHours = "after-hours"
  /// Thousands of deletions of backup objects within an hour.
  case massDeletion = "mass-deletion"
  /// A sudden read spike, ten to thirty times the person's normal hourly
  /// volume, during working hours.
  case readSpike = "read-spike"
  /// A bulk exfiltration early in the month, inside the history that
  /// baselines learn from, which they must not learn as normal.
  case historical

  /// Orders kinds by name, for stable output.
  ///
  /// - Parameters:
  ///   - lhs: A kind.
  ///   - rhs: Another kind.
  /// - Returns: Whether `lhs` sorts first by raw value.
  public static func < (lhs: IncidentKind, rhs: IncidentKind) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// Parses a comma-separated list of raw values, such as
  /// `enumeration,mass-deletion`; `all` names every kind and `none` or an
  /// empty string none.
  ///
  /// - Parameter list: The list as typed on the command line.
  /// - Returns: The kinds, or `nil` when an item is not a kind's name.
  /// - Complexity: O(*n*) in the length of the list.
  public static func parseList(_ list: String) -> Set<IncidentKind>? {
    var kinds = Set<IncidentKind>()
    for item in list.split(separator: ",") {
      let name = item.trimmingSpaces()
      if name.isEmpty || name == "none" { continue }
      if name == "all" {
        kinds.formUnion(allCases)
        continue
      }
      guard let kind = IncidentKind(rawValue: name) else { return nil }
      kinds.insert(kind)
    }
    return kinds
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
