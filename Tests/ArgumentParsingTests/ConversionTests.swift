import ArgumentParsing
import Testing

/// A calendar date parsed from `YYYY-MM-DD`, to exercise conversions.
struct Day: Equatable {
  let year: Int
  let month: Int
  let day: Int

  static func parse(_ text: String) throws -> Day {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, let year = Int(parts[0]),
      let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), (1...31).contains(day)
    else {
      throw ValidationError("expected a date like 2024-05-01")
    }
    return Day(year: year, month: month, day: day)
  }
}

/// An error that is not a `ValidationError`, to check its description is
/// used as the reason.
struct OtherError: Error, CustomStringConvertible {
  var description: String { "not allowed here" }
}

@Suite("Typed accessors and conversions")
struct ConversionTests {
  @Test(
    "Integer options reject text that is not an integer",
    arguments: ["abc", "1.5", "", "99999999999999999999", " 3"])
  func badInteger(value: String) throws {
    let parsed = try Sample.run(["events", "--window", value, "f"])
    #expect {
      _ = try parsed.int("window")
    } throws: { error in
      (error as? UsageError)?.reason
        == .invalidValue(
          argument: "--window <hours>", value: value,
          reason: "expected an integer", allowed: [])
    }
  }

  @Test(
    "Number options reject text that is not a finite number",
    arguments: ["abc", "nan", "inf", "1e999", "1,5"])
  func badDouble(value: String) throws {
    let parsed = try Sample.run(["events", "--threshold=\(value)", "f"])
    #expect {
      _ = try parsed.double("threshold")
    } throws: { error in
      (error as? UsageError)?.message
        == "Invalid value '\(value)' for '--threshold <threshold>': "
        + "expected a number."
    }
  }

  @Test("A conversion closure turns text into a value")
  func closureConversion() throws {
    let parsed = try Sample.run(["events", "--since", "2024-05-01", "f"])
    let day = try parsed.value("since", as: Day.parse)
    #expect(day == Day(year: 2024, month: 5, day: 1))
    let absent = try Sample.run(["events", "f"])
    #expect(try absent.value("since", as: Day.parse) == nil)
  }

  @Test("A rejected conversion names the option and the value")
  func closureRejection() throws {
    let parsed = try Sample.run(["events", "--since", "2024-13-01", "f"])
    var caught: UsageError?
    do {
      _ = try parsed.value("since", as: Day.parse)
    } catch {
      caught = error
    }
    let error = try #require(caught)
    #expect(
      error.description == """
        Error: Invalid value '2024-13-01' for '--since <date>': expected a \
        date like 2024-05-01.
        Usage: storagewatch events [<options>] <file> ...
        See 'storagewatch events --help' for more information.
        """)
  }

  @Test("Errors other than ValidationError are described")
  func otherErrors() throws {
    let parsed = try Sample.run(["events", "--since", "x", "f"])
    #expect {
      _ = try parsed.value("since") { _ -> Int in throw OtherError() }
    } throws: { error in
      (error as? UsageError)?.message
        == "Invalid value 'x' for '--since <date>': not allowed here."
    }
  }

  @Test("Repeated values convert one by one; the first failure is reported")
  func repeatedConversion() throws {
    let good = try Sample.run(["events", "-b", "1", "-b", "2", "f"])
    #expect(try good.values("bucket") { Int($0) ?? 0 } == [1, 2])
    let bad = try Sample.run(["events", "-b", "1", "-b", "x", "-b", "y", "f"])
    #expect {
      _ = try bad.values("bucket") { text in
        guard let number = Int(text) else {
          throw ValidationError("expected a bucket number")
        }
        return number
      }
    } throws: { error in
      (error as? UsageError)?.reason
        == .invalidValue(
          argument: "--bucket <bucket>", value: "x",
          reason: "expected a bucket number", allowed: [])
    }
  }

  @Test("Positionals convert with a closure too")
  func positionalConversion() throws {
    let parsed = try Sample.run(["scan", "2024-02-30"])
    #expect(try parsed.positional("directory", as: Day.parse)?.day == 30)
    let bad = try Sample.run(["scan", "logs"])
    #expect {
      _ = try bad.positional("directory", as: Day.parse)
    } throws: { error in
      (error as? UsageError)?.message
        == "Invalid value 'logs' for '<directory>': expected a date like "
        + "2024-05-01."
    }
    let absent = try Sample.run(["scan"])
    #expect(try absent.positional("directory", as: Day.parse) == nil)
  }

  @Test("Conversion errors carry the exit code for usage errors")
  func conversionExitCode() throws {
    let parsed = try Sample.run(["events", "-w", "x", "f"])
    do {
      _ = try parsed.int("window")
      Issue.record("expected a usage error")
    } catch {
      #expect(type(of: error).exitCode == 64)
    }
  }
}
