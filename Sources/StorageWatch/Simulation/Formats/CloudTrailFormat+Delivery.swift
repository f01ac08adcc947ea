extension CloudTrailFormat {
  /// Seconds between a request and the delivery of its record: mostly
  /// 1 to 5 minutes, 3 % up to an hour late.
  static func deliveryDelay(_ nonce: UInt64) -> Int64 {
    let h = stableHash(nonce, 40)
    if h % 100 < 3 { return 300 + Int64((h >> 8) % 3_300) }
    return 60 + Int64((h >> 8) % 240)
  }

  /// Whether a record is delivered twice (0.2 %).
  static func isDuplicated(_ nonce: UInt64) -> Bool {
    stableHash(nonce, 41) % 1000 < 2
  }

  func write(
    _ requests: [Request], to sink: inout LogFileSink,
    summary: inout SimulationSummary
  ) throws {
    let regions = Array(
      Set(names.workload.buckets.map(\.region) + ["us-east-1"])
    ).sorted()
    let periodStart = names.workload.startSeconds
    // (region, delivery second, request index)
    var entries: [(Int, Int64, Int)] = []
    entries.reserveCapacity(requests.count + requests.count / 100)
    for (i, r) in requests.enumerated() where records(r) {
      let region = regions.firstIndex(of: region(r)) ?? 0
      let second = r.time / 1_000_000_000
      let delivered = second + CloudTrailFormat.deliveryDelay(r.nonce)
      entries.append((region, delivered, i))
      if r.operation.isManagement {
        summary.managementEvents += 1
      } else {
        summary.events += 1
      }
      if CloudTrailFormat.isDuplicated(r.nonce) {
        entries.append((region, delivered + 600 + Int64(r.nonce % 900), i))
        summary.duplicates += 1
      }
    }
    entries.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    summary.records += entries.count

    var files: [String] = []
    var index = 0
    var windowRegion = -1
    var windowEnd = periodStart
    var k: UInt64 = 0
    while index < entries.count {
      let region = entries[index].0
      // Windows of 5 to 15 minutes, from the period start.
      if region != windowRegion {
        windowRegion = region
        windowEnd = periodStart
        k = 0
      }
      while windowEnd <= entries[index].1 {
        windowEnd +=
          300 + Int64(stableHash(UInt64(region), k, 42) % 601)
        k += 1
      }
      var end = index
      while end < entries.count && entries[end].0 == region
        && entries[end].1 < windowEnd
      {
        end += 1
      }
      let group = entries[index..<end].sorted {
        (requests[$0.2].time, $0.2) < (requests[$1.2].time, $1.2)
      }
      var body: [UInt8] = []
      append("{\"Records\":[", to: &body)
      for (n, entry) in group.enumerated() {
        if n > 0 { body.append(0x2C) }
        append(record(requests[entry.2]), to: &body)
      }
      append("]}", to: &body)
      let t = UTCParts(seconds: windowEnd)
      let regionName = regions[region]
      let stamp =
        "\(t.year)\(pad(t.month, 2))\(pad(t.day, 2))T\(pad(t.hour, 2))"
        + "\(pad(t.minute, 2))Z"
      let unique = fileSuffix(stableHash(UInt64(region), UInt64(windowEnd), 43))
      let account = names.awsAccount
      let path =
        "AWSLogs/\(account)/CloudTrail/\(regionName)/\(t.datePath)/"
        + "\(account)_CloudTrail_\(regionName)_\(stamp)_\(unique).json"
      try sink.write(path, body)
      files.append(sink.root + "/" + path)
      index = end
    }
    summary.files += files.count
    if let gzip = GzipProgram.path {
      try GzipProgram.compress(files, program: gzip)
      summary.compressed = true
    }
  }

  /// A 16-character mixed-case file-name suffix, as CloudTrail writes.
  func fileSuffix(_ seed: UInt64) -> String {
    let alphabet = Array(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    var rng = SimulationRandom(seed: seed)
    return String(
      decoding: (0..<16).map { _ in alphabet[Int(rng.next() % 62)] },
      as: UTF8.self)
  }
}
