import AccessLogs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ActivityAccumulator {
  /// Finishes the hours and returns every kept principal's activity.
  ///
  /// - Returns: Activity per principal string; at most ``maxPrincipals``
  ///   entries (see ``droppedPrincipals``).
  /// - Complexity: O(*h* log *h*) in the number of active hours.
  public func finish() -> [String: PrincipalActivity] {
    var copy = self
    return copy.takeActivity()
  }

  /// Finishes the hours like ``finish()`` and empties the accumulator as
  /// it goes, so that the builders and the result are not both held.
  ///
  /// - Returns: Activity per principal string.
  /// - Complexity: O(*h* log *h*) in the number of active hours.
  public mutating func takeActivity() -> [String: PrincipalActivity] {
    var strings = [String?](repeating: nil, count: names.count)
    var result: [String: PrincipalActivity] = [:]
    let kept = keptIndices()
    var builders: [PrincipalBuilder] = []
    swap(&builders, &principals)
    principalIndex = [:]
    for index in kept {
      var p = PrincipalBuilder(
        name: "", nameHash: 0, kind: .unknown, provider: .aws)
      swap(&p, &builders[index])
      result[p.name] = activity(p, &strings)
    }
    return result
  }

  private func activity(
    _ p: PrincipalBuilder, _ strings: inout [String?]
  ) -> PrincipalActivity {
    func text(_ id: Int32) -> String {
      if let known = strings[Int(id)] { return known }
      let made = names.string(id)
      strings[Int(id)] = made
      return made
    }
    var activity = PrincipalActivity(
      principal: p.name, kind: p.kind, provider: p.provider)
    activity.accounts = Set(p.accounts.map(text))
    for (id, hour) in p.sourceFirstHour {
      activity.sourceFirstHour[sources[Int(id)]] = hour
    }
    for (id, hour) in p.networkFirstHour {
      activity.networkFirstHour[text(id)] = hour
    }
    for (id, hour) in p.userAgentFirstHour {
      activity.userAgentFirstHour[text(id)] = hour
    }
    for (id, hour) in p.operationFirstHour {
      activity.operationFirstHour[text(id)] = hour
    }
    for (id, hour) in p.bucketFirstHour {
      activity.bucketFirstHour[text(id)] = hour
    }
    for (i, hour) in p.actionFirstHour.enumerated() where hour != Int.max {
      activity.actionFirstHour[ActionCategory.allCases[i]] = hour
    }
    var hours: [HourStats] = []
    hours.reserveCapacity(p.hours.count)
    for h in p.hours {
      var s = HourStats(hour: h.hour, time: h.firstTime)
      s.lastTime = h.lastTime
      s.events = h.events
      for (i, count) in h.actions.enumerated() where count > 0 {
        s.actions[ActionCategory.allCases[i]] = count
      }
      s.denied = h.denied
      s.errors = h.errors
      s.bytesOut = h.bytesOut
      s.bytesIn = h.bytesIn
      s.hasByteCounts = h.hasByteCounts
      s.distinctObjects = h.objects.count
      s.distinctObjectsRead = h.objectsRead.count
      h.buckets.forEach { s.buckets[text($0)] = $1 }
      h.sources.forEach { s.sources[sources[Int($0)]] = $1 }
      h.userAgents.forEach { s.userAgents[text($0)] = $1 }
      h.operations.forEach { s.operations[text($0)] = $1 }
      s.sampleObjects = h.sampleObjects
      s.sampleEventIDs = h.sampleEventIDs
      hours.append(s)
    }
    hours.sort { $0.hour < $1.hour }
    activity.hours = hours
    return activity
  }

  /// The principals kept under the limit: all of them, or the
  /// ``maxPrincipals`` with the most events (ties: smaller string first).
  func keptIndices() -> [Int] {
    if principals.count <= maxPrincipals { return Array(principals.indices) }
    let ranked = principals.indices.sorted {
      let a = principals[$0]
      let b = principals[$1]
      let (ta, tb) = (a.priorEvents + a.events, b.priorEvents + b.events)
      if ta != tb { return ta > tb }
      return a.name < b.name
    }
    return Array(ranked.prefix(maxPrincipals))
  }

  /// The index of an event's principal, created when new, or -1 when the
  /// principal was dropped.
  @inline(__always)
  mutating func principalSlot(
    _ event: EventBatch.Event, _ batch: EventBatch
  ) -> Int32 {
    let local = Int(event.principal)
    let mapped = principalRemap[local]
    if mapped != -2 { return mapped }
    let found = batch.strings.withBytes(event.principal) { bytes in
      lookUpPrincipal(bytes)
    }
    var slot: Int32
    switch found {
    case .found(let index):
      slot = index
    case .absent(let key):
      if principals.count >= maxPrincipals + max(1, maxPrincipals / 4) {
        prune()
        for i in principalRemap.indices { principalRemap[i] = -2 }
      }
      slot = Int32(principals.count)
      var principal = PrincipalBuilder(
        name: batch.strings.string(event.principal), nameHash: key,
        kind: event.principalKind, provider: event.format.provider)
      principal.priorEvents =
        droppedTotals.removeValue(forKey: key)?.events ?? 0
      principals.append(principal)
      principalIndex[key] = slot
    }
    principalRemap[local] = slot
    return slot
  }

  private enum Lookup {
    case found(Int32)
    case absent(key: UInt64)
  }

  /// Finds a principal by its name's bytes; names whose hashes collide
  /// are kept apart by probing the next key.
  private func lookUpPrincipal(_ bytes: UnsafeRawBufferPointer) -> Lookup {
    var key = ByteInterner.hash(bytes)
    while let index = principalIndex[key] {
      var name = principals[Int(index)].name
      let same = name.withUTF8 {
        $0.count == bytes.count
          && ($0.isEmpty
            || memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0)
      }
      if same { return .found(index) }
      key &+= 1
    }
    return .absent(key: key)
  }

  /// Keeps the ``maxPrincipals`` principals with the most events and drops
  /// the state of the others, remembering how many events each had so
  /// that a principal seen again ranks by all its events.
  private mutating func prune() {
    let kept = keptIndices().sorted()
    var keep = [Bool](repeating: false, count: principals.count)
    for i in kept { keep[i] = true }
    var survivors: [PrincipalBuilder] = []
    survivors.reserveCapacity(kept.count + maxPrincipals / 4 + 1)
    principalIndex.removeAll(keepingCapacity: true)
    for i in principals.indices {
      let p = principals[i]
      if keep[i] {
        principalIndex[p.nameHash] = Int32(survivors.count)
        survivors.append(p)
      } else {
        dropSerial += 1
        droppedTotals[p.nameHash] = (p.priorEvents + p.events, dropSerial)
        droppedSoFar.principals += 1
        droppedSoFar.events += p.events
      }
    }
    principals = survivors
    // Forget the counts of the least active dropped principals (of those
    // equally active, the longest gone), keeping 4 to 8 per kept one.
    if droppedTotals.count > 8 * maxPrincipals {
      let ranked = droppedTotals.sorted {
        $0.value.events != $1.value.events
          ? $0.value.events > $1.value.events
          : $0.value.serial > $1.value.serial
      }
      droppedTotals = Dictionary(
        uniqueKeysWithValues: ranked.prefix(4 * maxPrincipals).map {
          ($0.key, $0.value)
        })
    }
  }

  /// The source id of an event's source, or -1 for none.
  @inline(__always)
  mutating func sourceSlot(
    _ source: EventBatch.Source, _ batch: EventBatch
  ) -> Int32 {
    switch source {
    case .none:
      return -1
    case .privateAddress:
      return sourceID(
        SourceKey(kind: .privateNetwork, value: "private", network: nil))
    case .publicAddress(let address):
      if let known = addressSources[address] { return known }
      let id = sourceID(
        SourceKey(
          kind: .publicAddress, value: address.description,
          network: SourceKey.network(of: address)))
      addressSources[address] = id
      return id
    case .networkPath(let local):
      return textSource(.privateNetwork, name(local, batch))
    case .name(let local):
      return textSource(.serviceName, name(local, batch))
    }
  }

  /// The source id of a network path or service name (a name id).
  private mutating func textSource(_ kind: SourceKey.Kind, _ text: Int32)
    -> Int32
  {
    let key = TextSource(kind: kind, text: text)
    if let known = textSources[key] { return known }
    let id = sourceID(
      SourceKey(kind: kind, value: names.string(text), network: nil))
    textSources[key] = id
    return id
  }

  private mutating func sourceID(_ key: SourceKey) -> Int32 {
    if let known = sourceIndex[key] { return known }
    let id = Int32(sources.count)
    sources.append(key)
    sourceNetwork.append(key.network.map { names.intern($0) } ?? -1)
    sourceIndex[key] = id
    return id
  }
}
