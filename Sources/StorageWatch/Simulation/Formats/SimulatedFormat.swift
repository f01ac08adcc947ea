import AccessLogs

/// One log format's view of the simulated month: the events its adapter
/// will read back, and the files the real service would deliver.
protocol SimulatedFormat {
  init(names: SimulatedNames)
  /// The event the format's adapter produces for a request, or `nil` when
  /// the format does not record it or it is not a storage call.
  func event(_ r: Request) -> AccessEvent?
  /// A substring of the actor's normalized principal in this format.
  func label(_ actor: Int) -> String
  /// Writes the month in the service's delivery layout.
  func write(
    _ requests: [Request], to sink: inout LogFileSink,
    summary: inout SimulationSummary
  ) throws
}

extension Timestamp {
  /// `YYYY-MM-DDThh:mm:ss` followed by `digits` fractional digits and `Z`.
  func iso8601(fractionDigits digits: Int) -> String {
    let seconds = secondsSinceEpoch
    let whole = Timestamp(secondsSinceEpoch: seconds).iso8601
    guard digits > 0 else { return whole }
    let nanos = nanosecondsSinceEpoch - seconds * 1_000_000_000
    var fraction = pad(Int(nanos), 9)
    fraction = String(fraction.prefix(digits))
    return whole.dropLast() + "." + fraction + "Z"
  }

  /// The timestamp truncated to a multiple of `unit` nanoseconds.
  func truncated(to unit: Int64) -> Timestamp {
    Timestamp(
      nanosecondsSinceEpoch: floorDiv(nanosecondsSinceEpoch, unit) * unit)
  }
}

/// UTC calendar pieces of a second count, for paths and file names.
struct UTCParts {
  var year: Int
  var month: Int
  var day: Int
  var hour: Int
  var minute: Int
  var second: Int

  init(seconds: Int64) {
    let days = floorDiv(seconds, 86_400)
    let c = CivilDate(days: days)
    let s = Int(seconds - days * 86_400)
    year = c.year
    month = c.month
    day = c.day
    hour = s / 3600
    minute = s / 60 % 60
    second = s % 60
  }

  var datePath: String { "\(year)/\(pad(month, 2))/\(pad(day, 2))" }
}

/// Appends text to a byte buffer.
func append(_ text: String, to out: inout [UInt8]) {
  out.append(contentsOf: text.utf8)
}

/// JSON string literal text of a value.
func jsonString(_ value: String) -> String {
  var out: [UInt8] = []
  JSONObjectWriter.appendString(value, to: &out)
  return String(decoding: out, as: UTF8.self)
}
