extension Workload {
  /// The people in a seed-determined order; each incident kind takes its
  /// victim from its own position so that switching one kind off does not
  /// move another.
  func victimOrder() -> [Int] {
    var rng = SimulationRandom(seed: config.seed, stream: 4)
    var order = people
    order.shuffle(using: &rng)
    return order
  }

  func victim(for kind: IncidentKind) -> Int {
    let order = victimOrder()
    switch kind {
    case .afterHours:
      return order.first { actors[$0].strictHours } ?? order[0]
    case .stolenCredentials:
      for role in [ActorRole.function, .etl, .weeklyReport] {
        if let job = actors.indices.first(where: { actors[$0].role == role }) {
          return job
        }
      }
      return order[0]
    default:
      let candidates = order.filter {
        !actors[$0].strictHours || order.count < 4
      }
      let pool = candidates.isEmpty ? order : candidates
      return pool[kind.hashSeed % pool.count]
    }
  }

  /// A day in the last week, or in the first half for history.
  private func incidentDay(_ kind: IncidentKind, _ rng: inout SimulationRandom)
    -> Int
  {
    if kind == .historical {
      return rng.int(2...max(2, config.days / 2 - 2))
    }
    return max(config.days / 2, config.days - 7 + rng.int(0...5))
  }

  private func weekdayIncidentDay(
    _ kind: IncidentKind, _ rng: inout SimulationRandom
  ) -> Int {
    for _ in 0..<20 {
      let day = incidentDay(kind, &rng)
      if CivilDate.weekday(days: startDays + Int64(day)) < 5 { return day }
    }
    return incidentDay(kind, &rng)
  }

  /// Plants one incident and records it.
  mutating func plant(
    _ kind: IncidentKind, _ rng: inout SimulationRandom,
    into out: inout [Request]
  ) {
    let index = victim(for: kind)
    let a = actors[index]
    var planted: [Request] = []
    func add(
      _ t: Int64, _ operation: Operation, bucket: Int, object: UInt32 = 0,
      address: UInt32, client: ClientKind, status: RequestStatus = .ok,
      large: Bool = false, session: UInt32 = 0,
      _ rng: inout SimulationRandom
    ) {
      var r = Request(
        time: t, actor: Int32(index), operation: operation, status: status,
        flags: RequestFlags.incident, bucket: UInt8(bucket), object: object,
        address: address, port: UInt16(rng.int(40_000...65_000)),
        client: client, session: session, nonce: rng.next())
      if large && operation == .getObject {
        var best = object
        for _ in 0..<4 {
          let other = UInt32(rng.int(0...Int(buckets[bucket].objects - 1)))
          if objectSize(bucket: bucket, object: other)
            > objectSize(bucket: bucket, object: best)
          {
            best = other
          }
        }
        r.object = best
      }
      fillBytes(&r, &rng)
      planted.append(r)
    }
    func randomObject(_ bucket: Int, _ rng: inout SimulationRandom) -> UInt32 {
      UInt32(rng.int(0...Int(buckets[bucket].objects - 1)))
    }
    func seconds(_ mean: Double, _ rng: inout SimulationRandom) -> Int64 {
      Int64(rng.exponential(mean: mean) * 1e9) + 1_000_000
    }
    let hour: Int64 = 3_600_000_000_000

    switch kind {
    case .bulkExfiltration, .historical:
      let day = incidentDay(kind, &rng)
      var t =
        localMidnight(a.zone, day: day) * 1_000_000_000
        + Int64((1 + rng.unit() * 2.5) * 3.6e12)
      let address = Addresses.attacker(&rng)
      let targets = Array(
        Set(a.buckets + [Workload.bucketDataLake, Workload.bucketExports])
      )
      .sorted()
      add(t, .listBuckets, bucket: 0, address: address, client: .rclone, &rng)
      for bucket in targets {
        t += seconds(1, &rng)
        add(
          t, .listObjects, bucket: bucket, address: address, client: .rclone,
          &rng)
      }
      for _ in 0..<rng.int(2_000...4_500) {
        t += seconds(0.8, &rng)
        let bucket = rng.pick(targets)
        add(
          t, .getObject, bucket: bucket, object: randomObject(bucket, &rng),
          address: address, client: .rclone, large: true, &rng)
      }
    case .enumeration:
      let day = incidentDay(kind, &rng)
      var t =
        localMidnight(a.zone, day: day) * 1_000_000_000
        + Int64((20 + rng.unit() * 6) * 3.6e12)
      let address = Addresses.attacker(&rng)
      let allowed = Set(a.buckets)
      for _ in 0..<rng.int(2...4) {
        add(
          t, .listBuckets, bucket: 0, address: address, client: .kaliCLI,
          &rng)
        for bucket in buckets.indices {
          for operation in [
            Operation.listObjects, .getBucketAcl, .getBucketPolicy,
          ] {
            t += seconds(0.6, &rng)
            let status: RequestStatus =
              allowed.contains(bucket) && operation == .listObjects
              ? .ok : .denied
            add(
              t, operation, bucket: bucket, address: address,
              client: .kaliCLI, status: status, &rng)
          }
        }
      }
      for _ in 0..<rng.int(60...120) {
        t += seconds(0.5, &rng)
        let bucket = rng.pick([
          Workload.bucketHR, Workload.bucketBackups, Workload.bucketExports,
          Workload.bucketReports,
        ])
        add(
          t, .getObject, bucket: bucket, object: randomObject(bucket, &rng),
          address: address, client: .kaliCLI,
          status: allowed.contains(bucket) ? .ok : .denied, &rng)
      }
    case .slowExfiltration:
      let day = incidentDay(kind, &rng)
      // Whole UTC hours, so that no clock hour sees 100 reads.
      let begin =
        floorDiv(
          localMidnight(a.zone, day: day) * 1_000_000_000
            + Int64((19 + rng.unit() * 3) * 3.6e12), hour) * hour
      let address = Addresses.attacker(&rng)
      let targets = [
        Workload.bucketModels, Workload.bucketDataLake, Workload.bucketExports,
      ]
      for h in 0..<Int64(rng.int(10...16)) {
        var times = (0..<rng.int(85...97)).map { _ in
          begin + h * hour + Int64(rng.unit() * 3.6e12)
        }
        times.sort()
        for t in times {
          let bucket = rng.pick(targets)
          add(
            t, .getObject, bucket: bucket, object: randomObject(bucket, &rng),
            address: address, client: .linuxBoto, large: true, &rng)
        }
      }
    case .stolenCredentials:
      let day = incidentDay(kind, &rng)
      var t =
        Int64(startSeconds + Int64(day) * 86_400) * 1_000_000_000
        + Int64(rng.unit() * 22 * 3.6e12)
      let address = Addresses.attacker(&rng)
      add(
        t, .listBuckets, bucket: 0, address: address,
        client: .pythonRequests, &rng)
      let targets = [
        Workload.bucketDataLake, Workload.bucketExports, Workload.bucketHR,
        Workload.bucketReports, Workload.bucketBackups, a.buckets[0],
      ]
      for bucket in targets {
        t += seconds(2, &rng)
        add(
          t, .listObjects, bucket: bucket, address: address,
          client: .pythonRequests, &rng)
      }
      for _ in 0..<rng.int(300...800) {
        t += seconds(6, &rng)
        let bucket = rng.pick(targets)
        add(
          t, .getObject, bucket: bucket, object: randomObject(bucket, &rng),
          address: address, client: .pythonRequests, &rng)
      }
    case .afterHours:
      let day = weekdayIncidentDay(kind, &rng)
      var t =
        localMidnight(a.zone, day: day) * 1_000_000_000
        + Int64((1.7 + rng.unit() * 0.8) * 3.6e12)
      var cursor = 0
      for _ in 0..<rng.int(25...60) {
        t += seconds(a.pace, &rng)
        var r = personRequest(
          a, actor: index, time: t, address: a.home, cursor: &cursor,
          bucket: rng.pick(a.buckets), &rng)
        r.flags |= RequestFlags.incident
        planted.append(r)
      }
    case .massDeletion:
      let day = incidentDay(kind, &rng)
      var t =
        localMidnight(a.zone, day: day) * 1_000_000_000
        + Int64((18 + rng.unit() * 4) * 3.6e12)
      let bucket = Workload.bucketBackups
      let objects = Int(buckets[bucket].objects)
      var object = rng.int(0...(objects - 1))
      add(
        t, .listObjects, bucket: bucket, address: a.home, client: a.client, &rng
      )
      for _ in 0..<rng.int(1_500...4_000) {
        t += seconds(0.7, &rng)
        object = (object + 1) % objects
        add(
          t, .deleteObject, bucket: bucket, object: UInt32(object),
          address: a.home, client: a.client, &rng)
      }
    case .readSpike:
      let day = weekdayIncidentDay(kind, &rng)
      let begin =
        localMidnight(a.zone, day: day) * 1_000_000_000
        + Int64((a.workStart + 1 + rng.unit() * 4) * 3.6e12)
      let n = max(400, Int(a.dailyMedian * 2.5))
      var times = (0..<n).map { _ in begin + Int64(rng.unit() * 3.3e12) }
      times.sort()
      for t in times {
        let bucket = rng.pick(a.buckets)
        add(
          t, .getObject, bucket: bucket, object: randomObject(bucket, &rng),
          address: a.office, client: a.client, &rng)
      }
    }
    let periodStart = config.start.nanosecondsSinceEpoch
    let periodEnd = config.end.nanosecondsSinceEpoch
    planted.removeAll { $0.time < periodStart || $0.time >= periodEnd }
    guard let first = planted.map(\.time).min(),
      let last = planted.map(\.time).max()
    else { return }
    incidents.append(
      PlantedIncident(kind: kind, actor: index, start: first, end: last))
    out.append(contentsOf: planted)
  }
}
