/// Names, ids and keys of the simulated organization, shared by every
/// format so that the same month reads the same in each.
struct SimulatedNames: Sendable {
  let workload: Workload
  let company = "northwind"
  let awsAccount: String
  let canonicalOwner: String
  let gcpProject = "northwind-data-prod"
  let gcpDomain = "northwind.example"
  let azureTenant: String
  let azureSubscription: String
  let azureResourceGroup = "rg-data-prod"
  /// Start of the simulated period in seconds, for dated keys.
  let startSeconds: Int64

  init(workload: Workload) {
    self.workload = workload
    let seed = workload.config.seed
    awsAccount = "4" + digits(stableHash(seed, 11), count: 11)
    canonicalOwner =
      hex(stableHash(seed, 12), count: 16)
      + hex(stableHash(seed, 13), count: 16)
      + hex(stableHash(seed, 14), count: 16)
      + hex(stableHash(seed, 15), count: 16)
    azureTenant = uuid(stableHash(seed, 16), stableHash(seed, 17))
    azureSubscription = uuid(stableHash(seed, 18), stableHash(seed, 19))
    startSeconds = workload.startSeconds
  }

  func bucketName(_ bucket: Int) -> String {
    "\(company)-\(workload.buckets[bucket].shortName)"
  }

  /// The Azure storage account holding a container, one per region.
  func azureAccount(_ bucket: Int) -> String {
    switch workload.buckets[bucket].region {
    case "eu-west-1": return "nwdataprodweu"
    case "us-west-2": return "nwdataprodwus2"
    default: return "nwdataprodeus"
    }
  }

  func azureLocation(_ bucket: Int) -> String {
    switch workload.buckets[bucket].region {
    case "eu-west-1": return "westeurope"
    case "us-west-2": return "westus2"
    default: return "eastus"
    }
  }

  /// The Azure container: the bucket's short name.
  func container(_ bucket: Int) -> String {
    workload.buckets[bucket].shortName
  }

  func gcsLocation(_ bucket: Int) -> String {
    switch workload.buckets[bucket].region {
    case "eu-west-1": return "europe-west1"
    case "us-west-2": return "us-west1"
    default: return "us-east1"
    }
  }

  /// The object key (blob name), unencoded.
  func key(bucket: Int, object: UInt32) -> String {
    let o = Int(object)
    let h = stableHash(workload.config.seed, UInt64(bucket), UInt64(object))
    let b = workload.buckets[bucket]
    func date(daysBack: Int) -> String {
      let c = CivilDate(days: floorDiv(startSeconds, 86_400) - Int64(daysBack))
      return "\(c.year)-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }
    switch b.layout {
    case .partitions:
      let table =
        bucket == Workload.bucketDataLake ? "raw/events" : "curated/orders"
      let back = Int(b.objects) / 1000 - o / 1000
      return "\(table)/dt=\(date(daysBack: back))/part-\(pad(o % 1000, 5))-"
        + "\(hex(h, count: 8)).snappy.parquet"
    case .reports:
      return "finance/\(date(daysBack: (o / 40) % 400).prefix(7))/"
        + "cost-center-\(pad(o % 40, 3)).xlsx"
    case .media:
      return "uploads/\(hex(UInt64(o / 25) &* 0x9E37_79B9, count: 8))/"
        + "IMG_\(pad(o % 10_000, 4)).jpg"
    case .thumbnails:
      return "thumbs/\(hex(UInt64(o / 25) &* 0x9E37_79B9, count: 8))/"
        + "IMG_\(pad(o % 10_000, 4))_256x256.jpg"
    case .backups:
      return "db/prod-postgres/\(date(daysBack: (20_000 - o) / 800))/"
        + "base-\(pad(o, 6)).tar.zst"
    case .documents:
      let last = Workload.lastNames[o % Workload.lastNames.count]
      return "employees/\(last)/Offer Letter \(pad(o, 4)).pdf"
    case .assets:
      return o % 3 == 0
        ? "static/js/app.\(hex(h, count: 8)).js" : "img/hero-\(o).webp"
    case .logs:
      return "AWSLogs/\(awsAccount)/CloudTrail/us-east-1/"
        + "\(awsAccount)_CloudTrail_us-east-1_\(hex(h, count: 16)).json.gz"
    case .models:
      return "models/churn/v\(o / 10)/model-\(o % 10).bin"
    case .exports:
      return "exports/customer-\(pad(o % 500, 4))/export-\(o).csv.gz"
    }
  }
}

/// Decimal digits of a number, left-padded with zeros.
func pad(_ value: Int, _ width: Int) -> String {
  let s = String(value)
  return s.count >= width
    ? s : String(repeating: "0", count: width - s.count) + s
}

/// `count` lower-case hex digits of a number (count <= 16).
func hex(_ value: UInt64, count: Int) -> String {
  let s = String(value, radix: 16)
  if s.count >= count { return String(s.suffix(count)) }
  return String(repeating: "0", count: count - s.count) + s
}

/// `count` decimal digits drawn from a number.
func digits(_ value: UInt64, count: Int) -> String {
  var v = value
  var out = ""
  for _ in 0..<count {
    out.append(Character(Unicode.Scalar(UInt8(48 + v % 10))))
    v /= 10
  }
  return out
}

/// A version-4-shaped UUID from two random words.
func uuid(_ a: UInt64, _ b: UInt64) -> String {
  let x = hex(a, count: 16)
  let y = hex(b, count: 16)
  let variant = "89ab"[
    "89ab".index("89ab".startIndex, offsetBy: Int(b >> 62))]
  return "\(x.prefix(8))-\(x.dropFirst(8).prefix(4))-4\(x.suffix(3))-"
    + "\(variant)\(y.prefix(3))-\(y.suffix(12))"
}

/// An S3-style request id: 16 upper-case letters and digits.
func requestID16(_ value: UInt64) -> String {
  let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ0123456789".utf8)
  var v = value
  var out = [UInt8]()
  for _ in 0..<16 {
    out.append(alphabet[Int(v & 31)])
    v = (v >> 5) | (v << 59)
  }
  return String(decoding: out, as: UTF8.self)
}

/// Base64 text of `count` pseudo-random bytes.
func base64(_ seed: UInt64, bytes count: Int) -> String {
  let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
  var rng = SimulationRandom(seed: seed)
  var raw = [UInt8]()
  for _ in 0..<count { raw.append(UInt8(truncatingIfNeeded: rng.next())) }
  var out = [UInt8]()
  var i = 0
  while i < raw.count {
    let b0 = Int(raw[i])
    let b1 = i + 1 < raw.count ? Int(raw[i + 1]) : 0
    let b2 = i + 2 < raw.count ? Int(raw[i + 2]) : 0
    out.append(alphabet[b0 >> 2])
    out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
    out.append(i + 1 < raw.count ? alphabet[(b1 & 15) << 2 | b2 >> 6] : 61)
    out.append(i + 2 < raw.count ? alphabet[b2 & 63] : 61)
    i += 3
  }
  return String(decoding: out, as: UTF8.self)
}

/// Percent-encodes a key for a URL path, keeping `/`.
func percentEncodePath(_ text: String) -> String {
  var out = ""
  for byte in text.utf8 {
    switch byte {
    case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
      out.append(Character(Unicode.Scalar(byte)))
    default:
      out += "%" + String(byte, radix: 16, uppercase: true).leftPad(2)
    }
  }
  return out
}

extension String {
  fileprivate func leftPad(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
