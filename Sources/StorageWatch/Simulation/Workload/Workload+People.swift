extension Workload {
  /// Generates one actor's month of ordinary activity.
  func generate(
    actor index: Int, _ rng: inout SimulationRandom,
    into out: inout [Request]
  ) {
    switch actors[index].role {
    case .person: generatePerson(index, &rng, into: &out)
    case .etl: generateETL(index, &rng, into: &out)
    case .function: generateFunction(index, &rng, into: &out)
    case .sync: generateSync(index, &rng, into: &out)
    case .backup: generateBackup(index, &rng, into: &out)
    case .weeklyReport: generateWeeklyReport(index, &rng, into: &out)
    case .scanner: generateScanner(index, &rng, into: &out)
    case .anonymous: generateAnonymous(index, &rng, into: &out)
    case .logDelivery: generateLogDelivery(index, &rng, into: &out)
    case .lifecycle: generateLifecycle(index, &rng, into: &out)
    }
  }

  /// The UTC second at which a local calendar day of a zone begins.
  func localMidnight(_ zone: TimeZoneRule, day: Int) -> Int64 {
    let dayUTC = startSeconds + Int64(day) * 86_400
    return dayUTC - zone.offset(atUTCSeconds: dayUTC + 43_200)
  }

  /// The hour of the day (local, may exceed 24) at which a person starts
  /// a session.
  func sessionHour(_ a: Actor, weekend: Bool, _ rng: inout SimulationRandom)
    -> Double
  {
    if a.nightOwl {
      return a.workStart + rng.unit() * (a.workEnd - a.workStart)
    }
    let r = rng.unit()
    if !a.strictHours && !weekend && r < 0.09 {
      return 19 + rng.unit() * 4.5
    }
    if !a.strictHours && r > 0.97 {
      return 6.5 + rng.unit() * max(0.1, a.workStart - 6.5)
    }
    while true {
      let h = a.workStart + rng.unit() * (a.workEnd - 0.5 - a.workStart)
      if h >= 12 && h < 13.25 && rng.chance(0.7) { continue }
      return h
    }
  }

  /// A person's pick of operation, bucket and object for one request.
  func personRequest(
    _ a: Actor, actor: Int, time: Int64, address: UInt32, cursor: inout Int,
    bucket: Int, _ rng: inout SimulationRandom
  ) -> Request {
    let b = buckets[bucket]
    let r = rng.unit()
    let operation: Operation
    switch r {
    case ..<0.55: operation = .getObject
    case ..<0.72: operation = .listObjects
    case ..<0.82: operation = .headObject
    case ..<0.95: operation = .putObject
    case ..<0.98: operation = .deleteObject
    case ..<0.99: operation = .getBucketAcl
    default: operation = .listBuckets
    }
    cursor = (cursor + rng.int(-3...12) + Int(b.objects)) % Int(b.objects)
    var request = Request(
      time: time, actor: Int32(actor), operation: operation,
      bucket: UInt8(bucket), object: UInt32(cursor), address: address,
      port: UInt16(rng.int(49_152...65_535)), client: a.client,
      nonce: rng.next())
    if rng.chance(0.006) {
      request.status = .denied
      request.bucket = UInt8(rng.int(0...(buckets.count - 1)))
      request.operation = rng.chance(0.5) ? .getObject : .listObjects
    } else if operation == .getObject || operation == .headObject,
      rng.chance(0.004)
    {
      request.status = .notFound
    }
    fillBytes(&request, &rng)
    return request
  }

  /// Sets the bytes moved by a request from its operation and object.
  func fillBytes(_ request: inout Request, _ rng: inout SimulationRandom) {
    guard request.status == .ok else { return }
    switch request.operation {
    case .getObject, .putObject:
      request.bytes = objectSize(
        bucket: Int(request.bucket), object: request.object)
    case .listObjects: request.bytes = Int64(rng.int(1_200...60_000))
    case .listBuckets: request.bytes = Int64(400 + 180 * buckets.count)
    case .getBucketAcl, .getBucketPolicy:
      request.bytes = Int64(rng.int(400...2_400))
    default: request.bytes = 0
    }
  }

  func generatePerson(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let a = actors[index]
    var home = a.home
    var travelUntil = -1
    var hotel: UInt32 = 0
    for day in -1...config.days {
      let midnight = localMidnight(a.zone, day: day)
      let weekday = CivilDate.weekday(days: startDays + Int64(day))
      let weekend = weekday >= 5
      if rng.chance(0.03) { home = Addresses.home(a.zone, &rng) }
      if day >= travelUntil && !a.strictHours && rng.chance(0.012) {
        travelUntil = day + rng.int(2...5)
        hotel = Addresses.hotel(&rng)
      }
      let travelling = day < travelUntil
      if travelling && rng.chance(0.3) { hotel = Addresses.hotel(&rng) }
      let activeChance =
        weekend ? (a.strictHours ? 0 : (a.nightOwl ? 0.35 : 0.12)) : 0.92
      guard rng.chance(activeChance) else { continue }
      let volume =
        rng.logNormal(
          median: a.dailyMedian * (weekend ? 0.25 : 1), sigma: 0.45)
        * min(1, config.volumeScale)
      let sessions = 1 + rng.poisson(weekend ? 0.5 : 2.5)
      let remote = rng.chance(0.35)
      for _ in 0..<sessions {
        let share = volume / Double(sessions)
        let n = max(1, Int(share * rng.logNormal(median: 1, sigma: 0.5)))
        let hour = sessionHour(a, weekend: weekend, &rng)
        var t =
          (midnight * 1_000_000_000)
          + Int64(hour * 3600 * 1e9)
        let atOffice =
          !weekend && !remote && hour >= a.workStart - 0.5
          && hour <= a.workEnd + 0.5 && !a.nightOwl
        let address = travelling ? hotel : (atOffice ? a.office : home)
        let bucket = rng.pick(a.buckets)
        var cursor = rng.int(0...Int(buckets[bucket].objects - 1))
        for _ in 0..<n {
          t += Int64(rng.exponential(mean: a.pace) * 1e9) + 1_000_000
          out.append(
            personRequest(
              a, actor: index, time: t, address: address, cursor: &cursor,
              bucket: rng.chance(0.85) ? bucket : rng.pick(a.buckets),
              &rng))
        }
      }
    }
  }
}
