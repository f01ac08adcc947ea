extension Workload {
  private func dayStart(_ day: Int) -> Int64 {
    (startSeconds + Int64(day) * 86_400) * 1_000_000_000
  }

  private func port(_ rng: inout SimulationRandom) -> UInt16 {
    UInt16(rng.int(32_768...60_999))
  }

  func generateETL(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let a = actors[index]
    let source = a.buckets[0]
    let target = a.buckets[1]
    let hourOffset = Double(index % 3)
    for day in -1...config.days {
      let weekend = CivilDate.weekday(days: startDays + Int64(day)) >= 5
      var t =
        dayStart(day) + Int64((1 + hourOffset + rng.unit() * 0.6) * 3.6e12)
      let n = scaled(
        Int(
          rng.logNormal(
            median: a.dailyMedian * (weekend ? 0.6 : 1), sigma: 0.25)))
      let objects = Int(buckets[source].objects)
      var object = (day * 977 + index * 7919) % objects
      if object < 0 { object += objects }
      for i in 0..<n {
        t += Int64(rng.exponential(mean: 0.8) * 1e9) + 1_000_000
        object = (object + 1) % objects
        var r = Request(
          time: t, actor: Int32(index),
          operation: i % 200 == 0 ? .listObjects : .getObject,
          flags: RequestFlags.viaEndpoint, bucket: UInt8(source),
          object: UInt32(object), address: Addresses.privateEndpoint(&rng),
          port: port(&rng), client: a.client, nonce: rng.next())
        fillBytes(&r, &rng)
        out.append(r)
      }
      for _ in 0..<(n / 60) {
        t += Int64(rng.exponential(mean: 3) * 1e9)
        var r = Request(
          time: t, actor: Int32(index), operation: .putObject,
          flags: RequestFlags.viaEndpoint, bucket: UInt8(target),
          object: UInt32(rng.int(0...Int(buckets[target].objects - 1))),
          address: Addresses.privateEndpoint(&rng), port: port(&rng),
          client: a.client, nonce: rng.next())
        fillBytes(&r, &rng)
        out.append(r)
      }
    }
  }

  func generateFunction(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let a = actors[index]
    var address = Addresses.cloudEgress(&rng)
    var addressUntil: Int64 = 0
    let hours = (config.days + 1) * 24
    for h in -24..<hours {
      let hourStart = dayStart(0) + Int64(h) * 3_600_000_000_000
      let utcHour = ((h % 24) + 24) % 24
      let diurnal = utcHour >= 13 || utcHour < 2 ? 1.6 : 0.5
      let invocations = rng.poisson(
        a.dailyMedian / 48 * diurnal * min(1, config.volumeScale))
      var times = (0..<invocations).map { _ in
        hourStart + Int64(rng.unit() * 3.6e12)
      }
      times.sort()
      for var t in times {
        if t > addressUntil {
          address = Addresses.cloudEgress(&rng)
          addressUntil = t + Int64(rng.exponential(mean: 5_400) * 1e9)
        }
        let object = UInt32(rng.int(0...Int(buckets[a.buckets[0]].objects - 1)))
        for (step, bucket) in a.buckets.enumerated() {
          var r = Request(
            time: t, actor: Int32(index),
            operation: step == 0 ? .getObject : .putObject,
            bucket: UInt8(bucket), object: object, address: address,
            port: port(&rng), client: a.client, nonce: rng.next())
          fillBytes(&r, &rng)
          out.append(r)
          t += Int64((0.3 + rng.unit() * 1.7) * 1e9)
        }
      }
    }
  }

  func generateSync(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let a = actors[index]
    let hours = (config.days + 1) * 24
    for h in -24..<hours {
      var t =
        dayStart(0) + Int64(h) * 3_600_000_000_000
        + Int64((300 + rng.unit() * 120) * 1e9)
      let session = UInt32(truncatingIfNeeded: t / 1_000_000_000)
      let n = max(1, scaled(rng.int(10...40)))
      for i in 0..<n {
        t += Int64(rng.exponential(mean: 2) * 1e9) + 1_000_000
        let bucket = a.buckets[i % 2]
        var r = Request(
          time: t, actor: Int32(index),
          operation: i == 0
            ? .listObjects : (i % 3 == 0 ? .putObject : .getObject),
          bucket: UInt8(bucket),
          object: UInt32(rng.int(0...Int(buckets[bucket].objects - 1))),
          address: a.office, port: port(&rng), client: a.client,
          session: session, nonce: rng.next())
        fillBytes(&r, &rng)
        out.append(r)
      }
    }
  }

  func generateBackup(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let a = actors[index]
    let bucket = a.buckets[0]
    let objects = Int(buckets[bucket].objects)
    for day in -1...config.days {
      var t = dayStart(day) + Int64((23.5 + rng.unit() * 0.2) * 3.6e12)
      let n = scaled(rng.int(300...800))
      for i in 0...n {
        t += Int64((0.5 + rng.exponential(mean: 3)) * 1e9)
        var r = Request(
          time: t, actor: Int32(index),
          operation: i == 0 ? .listObjects : .putObject,
          bucket: UInt8(bucket),
          object: UInt32(((day + 2) * 800 + i) % objects), address: a.office,
          port: port(&rng), client: a.client, nonce: rng.next())
        fillBytes(&r, &rng)
        out.append(r)
      }
    }
  }

  func generateWeeklyReport(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let a = actors[index]
    for day in -1...config.days
    where CivilDate.weekday(days: startDays + Int64(day)) == 0 {
      var t = dayStart(day) + Int64((6 + rng.unit() * 0.25) * 3.6e12)
      let address = Addresses.cloudEgress(&rng)
      let n = scaled(rng.int(300...600))
      for i in 0..<(n + 5) {
        t += Int64(rng.exponential(mean: 1.5) * 1e9) + 1_000_000
        let bucket = i < n ? a.buckets[i % 2] : a.buckets[0]
        var r = Request(
          time: t, actor: Int32(index),
          operation: i < n ? .getObject : .putObject, bucket: UInt8(bucket),
          object: UInt32(rng.int(0...Int(buckets[bucket].objects - 1))),
          address: address, port: port(&rng), client: a.client,
          nonce: rng.next())
        fillBytes(&r, &rng)
        out.append(r)
      }
    }
  }

  func generateScanner(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let a = actors[index]
    let hours = (config.days + 1) * 24
    let protected: Set<Int> = [
      Workload.bucketHR, Workload.bucketBackups, Workload.bucketExports,
    ]
    for h in -24..<hours {
      var t =
        dayStart(0) + Int64(h) * 3_600_000_000_000
        + Int64(rng.unit() * 60e9)
      let address = Addresses.scanner(&rng)
      var r = Request(
        time: t, actor: Int32(index), operation: .listBuckets,
        address: address, port: port(&rng), client: a.client,
        nonce: rng.next())
      fillBytes(&r, &rng)
      out.append(r)
      for bucket in buckets.indices {
        for operation in [Operation.getBucketAcl, .getBucketPolicy] {
          t += Int64((0.05 + rng.unit() * 0.3) * 1e9)
          var r = Request(
            time: t, actor: Int32(index), operation: operation,
            bucket: UInt8(bucket), address: address, port: port(&rng),
            client: a.client, nonce: rng.next())
          if operation == .getBucketPolicy && protected.contains(bucket) {
            r.status = .denied
          }
          fillBytes(&r, &rng)
          out.append(r)
        }
      }
    }
  }

  func generateAnonymous(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let bucket = Workload.bucketPublic
    for day in -1...config.days {
      let visits = rng.poisson(60 * min(1, config.volumeScale))
      for _ in 0..<visits {
        let hour = (rng.normal() * 5 + 17).truncatingRemainder(dividingBy: 24)
        var t = dayStart(day) + Int64((hour < 0 ? hour + 24 : hour) * 3.6e12)
        let address = Addresses.internet(&rng)
        let client: ClientKind = rng.chance(0.85) ? .browser : .curl
        for _ in 0..<rng.int(1...8) {
          t += Int64(rng.exponential(mean: 0.4) * 1e9) + 1_000_000
          var r = Request(
            time: t, actor: Int32(index), operation: .getObject,
            bucket: UInt8(bucket),
            object: UInt32(rng.int(0...Int(buckets[bucket].objects - 1))),
            address: address, port: port(&rng), client: client,
            nonce: rng.next())
          if rng.chance(0.02) { r.status = .notFound }
          fillBytes(&r, &rng)
          out.append(r)
        }
      }
    }
  }

  func generateLogDelivery(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let bucket = Workload.bucketLogs
    let slots = (config.days + 1) * 96
    for slot in -96..<slots {
      var t =
        dayStart(0) + Int64(slot) * 900_000_000_000
        + Int64(rng.unit() * 60e9)
      for operation in [Operation.getBucketAcl, .putObject] {
        var r = Request(
          time: t, actor: Int32(index), operation: operation,
          bucket: UInt8(bucket),
          object: UInt32((slot + 96) % Int(buckets[bucket].objects)),
          address: 0, port: 0, client: .providerInternal,
          nonce: rng.next())
        fillBytes(&r, &rng)
        out.append(r)
        t += Int64((0.02 + rng.unit() * 0.2) * 1e9)
      }
    }
  }

  func generateLifecycle(
    _ index: Int, _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    let bucket = Workload.bucketLogs
    for day in -1...config.days {
      var t = dayStart(day) + Int64((3 + rng.unit()) * 3.6e12)
      for i in 0..<rng.int(40...160) {
        t += Int64(rng.unit() * 2e9)
        out.append(
          Request(
            time: t, actor: Int32(index), operation: .lifecycleExpire,
            bucket: UInt8(bucket),
            object: UInt32((day + 1) * 160 + i), address: 0, port: 0,
            client: .providerInternal, nonce: rng.next()))
      }
    }
  }

  /// Management calls of other services, recorded only by CloudTrail.
  func generateManagement(
    _ rng: inout SimulationRandom, into out: inout [Request]
  ) {
    for (index, a) in actors.enumerated() {
      for day in -1...config.days {
        let midnight = localMidnight(a.zone, day: day)
        let weekend = CivilDate.weekday(days: startDays + Int64(day)) >= 5
        let count: Int
        let choices: [Operation]
        switch a.role {
        case .person:
          guard a.client != .console || rng.chance(0.5) else { continue }
          count = weekend ? rng.poisson(0.3) : rng.poisson(3)
          choices = [.getCallerIdentity, .describeInstances, .listRoles]
        case .etl, .sync, .weeklyReport, .backup:
          count = rng.poisson(a.role == .sync ? 24 : 1.2)
          choices = [.assumeRole]
        case .scanner:
          count = 24
          choices = [.describeInstances, .listRoles, .getCallerIdentity]
        case .function:
          count = rng.poisson(6)
          choices = [.describeLogGroups]
        default: continue
        }
        for _ in 0..<count {
          let hour =
            a.role == .person
            ? sessionHour(a, weekend: weekend, &rng) : rng.unit() * 24
          let address: UInt32 =
            switch a.role {
            case .person: a.office
            case .scanner: Addresses.scanner(&rng)
            case .sync, .backup: a.office
            default: Addresses.cloudEgress(&rng)
            }
          out.append(
            Request(
              time: midnight * 1_000_000_000 + Int64(hour * 3.6e12),
              actor: Int32(index), operation: rng.pick(choices),
              address: address, port: port(&rng), client: a.client,
              nonce: rng.next()))
        }
      }
    }
  }
}
