/// Address ranges of the simulated world: offices, home ISPs, clouds,
/// private networks and attackers.
enum Addresses {
  static func v4(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32)
    -> UInt32
  {
    a << 24 | b << 16 | c << 8 | d
  }

  static func office(_ zone: TimeZoneRule, _ rng: inout SimulationRandom)
    -> UInt32
  {
    let host = UInt32(rng.int(0...3))
    switch zone {
    case .newYork: return v4(64, 125, 32, 10 + host)
    case .losAngeles: return v4(38, 104, 22, 18 + host)
    case .berlin: return v4(62, 153, 10, 20 + host)
    case .london: return v4(81, 2, 69, 140 + host)
    case .kolkata: return v4(115, 110, 74, 5 + host)
    }
  }

  static func home(_ zone: TimeZoneRule, _ rng: inout SimulationRandom)
    -> UInt32
  {
    let prefixes: [(UInt32, UInt32)]
    switch zone {
    case .newYork: prefixes = [(73, 16), (108, 46), (24, 90), (100, 2)]
    case .losAngeles: prefixes = [(76, 90), (99, 108), (47, 144)]
    case .berlin: prefixes = [(87, 178), (93, 201), (91, 64)]
    case .london: prefixes = [(86, 128), (90, 200), (82, 14)]
    case .kolkata: prefixes = [(122, 161), (49, 36), (106, 51)]
    }
    let (a, b) = rng.pick(prefixes)
    return v4(
      a, b + UInt32(rng.int(0...7)), UInt32(rng.int(0...255)),
      UInt32(rng.int(1...254)))
  }

  static func hotel(_ rng: inout SimulationRandom) -> UInt32 {
    let prefixes: [(UInt32, UInt32)] = [
      (12, 130), (203, 116), (80, 239), (177, 71), (41, 58), (202, 89),
    ]
    let (a, b) = rng.pick(prefixes)
    return v4(a, b, UInt32(rng.int(0...255)), UInt32(rng.int(1...254)))
  }

  static func cloudEgress(_ rng: inout SimulationRandom) -> UInt32 {
    let prefixes: [(UInt32, ClosedRange<Int>)] = [
      (3, 80...95), (18, 204...215), (34, 200...239), (52, 90...95),
      (54, 160...175),
    ]
    let (a, range) = rng.pick(prefixes)
    return v4(
      a, UInt32(rng.int(range)), UInt32(rng.int(0...255)),
      UInt32(rng.int(1...254)))
  }

  static func privateEndpoint(_ rng: inout SimulationRandom) -> UInt32 {
    v4(10, 20, UInt32(rng.int(0...3)), UInt32(rng.int(10...250)))
  }

  static func datacenter(_ rng: inout SimulationRandom) -> UInt32 {
    v4(64, 125, 40, UInt32(rng.int(5...6)))
  }

  static func scanner(_ rng: inout SimulationRandom) -> UInt32 {
    v4(52, 44, 118, UInt32(rng.int(20...22)))
  }

  static func internet(_ rng: inout SimulationRandom) -> UInt32 {
    let firsts: [UInt32] = [
      24, 66, 68, 71, 73, 76, 81, 84, 89, 92, 98, 101, 110, 121, 151, 174,
      186, 189, 201,
    ]
    return v4(
      rng.pick(firsts), UInt32(rng.int(0...255)), UInt32(rng.int(0...255)),
      UInt32(rng.int(1...254)))
  }

  static func attacker(_ rng: inout SimulationRandom) -> UInt32 {
    let prefixes: [(UInt32, UInt32, UInt32)] = [
      (185, 220, 101), (45, 137, 21), (91, 219, 236), (194, 26, 29),
      (5, 188, 86), (193, 142, 146),
    ]
    let (a, b, c) = rng.pick(prefixes)
    return v4(a, b, c, UInt32(rng.int(2...250)))
  }

  static func text(_ address: UInt32) -> String {
    "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255)."
      + "\(address & 255)"
  }
}
