"""Running the built storagewatch from the notebooks, and saving figures.

The notebooks call the `storagewatch` executable that `swift build` left in
.build (or the one named by the STORAGEWATCH environment variable), on a
month that `storagewatch simulate` writes. Each command line is printed
before it runs. Results are kept under the work folder (.build/notebooks,
or STORAGEWATCH_NOTEBOOK_WORK) in a folder named after a hash of the
executable and the command, so that the three notebooks share one
simulated month and one `explain` run, and a rebuilt executable starts
afresh.
"""

import csv
import hashlib
import json
import os
import shlex
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
WORK = Path(
    os.environ.get("STORAGEWATCH_NOTEBOOK_WORK", REPOSITORY / ".build/notebooks")
)
FIGURES = WORK / "figures"
DATA = WORK / "data"

# The simulated month: 35 days from Monday 2026-10-05 for 20 principals
# with the planted incidents of seed 1 (the CLI's default is 60
# principals; 20 keep a debug build's runs to about a minute each).
PRINCIPALS = int(os.environ.get("STORAGEWATCH_NOTEBOOK_PRINCIPALS", "20"))
SEED = 1


def executable():
    """The storagewatch executable: $STORAGEWATCH, else the release build,
    else the debug build."""
    named = os.environ.get("STORAGEWATCH")
    candidates = [Path(named)] if named else [
        REPOSITORY / ".build/release/storagewatch",
        REPOSITORY / ".build/debug/storagewatch",
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise FileNotFoundError(
        "no storagewatch executable: run `swift build` in the repository "
        "or set STORAGEWATCH to its path"
    )


_digests = {}


def _executable_digest():
    """The first 16 hex digits of the executable's SHA-256."""
    path = executable()
    if path in _digests:
        return _digests[path]
    digest = hashlib.sha256()
    with open(path, "rb") as binary:
        for chunk in iter(lambda: binary.read(1 << 20), b""):
            digest.update(chunk)
    _digests[path] = digest.hexdigest()[:16]
    return _digests[path]


def _show(arguments):
    shown = [a.replace(str(WORK), "$WORK") for a in map(str, arguments)]
    print("$ storagewatch " + shlex.join(shown), flush=True)


def run(arguments):
    """Runs storagewatch with `arguments` and returns its standard output;
    raises on a non-zero exit status with the command's standard error."""
    _show(arguments)
    started = time.monotonic()
    result = subprocess.run(
        [str(executable())] + [str(a) for a in arguments],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"storagewatch exited with status {result.returncode}:\n"
            + result.stderr
        )
    print(f"  ({time.monotonic() - started:.0f} s)", flush=True)
    return result.stdout


def _cache(name, arguments):
    """The cache folder for one command, and whether it is complete."""
    key = hashlib.sha256("\0".join(map(str, arguments)).encode()).hexdigest()
    folder = DATA / f"{name}-{_executable_digest()}-{key[:8]}"
    return folder, (folder / ".complete").exists()


def simulated_month():
    """The folder of the simulated month (CloudTrail under AWSLogs/ and
    labels.csv), simulating it on first use."""
    arguments = ["--principals", PRINCIPALS, "--seed", SEED]
    folder, complete = _cache("month", arguments)
    if not complete:
        run(["simulate", "--output", folder] + arguments)
        (folder / ".complete").touch()
    else:
        _show(["simulate", "--output", folder] + arguments)
        print("  (kept from an earlier run)")
    return folder


def explanations(month, hours_back=168):
    """`storagewatch explain` of every principal over the last
    `hours_back` hours of the month, as a dict keyed by principal."""
    arguments = [month / "AWSLogs", "--hours-back", hours_back]
    folder, complete = _cache("explain", arguments)
    path = folder / "explain.jsonl"
    if not complete:
        folder.mkdir(parents=True, exist_ok=True)
        run(["explain"] + arguments + ["--output", path])
        (folder / ".complete").touch()
    else:
        _show(["explain"] + arguments + ["--output", path])
        print("  (kept from an earlier run)")
    with open(path) as lines:
        return {e["principal"]: e for e in map(json.loads, lines)}


def tuning(month, days=7):
    """`storagewatch tune` of the month against its labels over the last
    `days` days: its printed tables, parsed into
    {"days", "incidents", "detections": {name: {"default", "chosen",
    "rows": [{"threshold", "caught", "incidents", "false_alarms_per_day",
    "precision", "recall"}]}}, "overall": {"chosen", "base"}}, with
    precision None where a row raised no alarm."""
    arguments = [
        month / "AWSLogs", "--labels", month / "labels.csv", "--days", days
    ]
    folder, complete = _cache("tune", arguments)
    table = folder / "tune.txt"
    if not complete:
        folder.mkdir(parents=True, exist_ok=True)
        output = run(
            ["tune"] + arguments + ["--output", folder / "thresholds.json"]
        )
        table.write_text(output)
        (folder / ".complete").touch()
    else:
        _show(["tune"] + arguments + ["--output", folder / "thresholds.json"])
        print("  (kept from an earlier run)")
    return parse_tuning(table.read_text())


def parse_tuning(text):
    """Parses the tables `storagewatch tune` prints (see tuning())."""
    result = {"detections": {}, "overall": {}}
    current = None
    for line in text.splitlines():
        words = line.split()
        if line.startswith("Judged "):
            result["days"] = int(words[1])
            result["incidents"] = int(words[3])
        elif line.endswith(")") and "(default " in line:
            name = words[0]
            current = {"default": float(words[2].rstrip(")")), "rows": []}
            result["detections"][name] = current
        elif current is not None and words and (
            words[0] == "*" or _is_number(words[0])
        ):
            chosen = words[0] == "*"
            values = words[1:] if chosen else words
            caught, incidents = values[1].split("/")
            row = {
                "threshold": float(values[0]),
                "caught": int(caught),
                "incidents": int(incidents),
                "false_alarms_per_day": float(values[2]),
                "precision": None if values[3] == "-" else float(values[3]),
                "recall": None if values[4] == "-" else float(values[4]),
            }
            current["rows"].append(row)
            if chosen:
                current["chosen"] = row["threshold"]
        elif line.startswith("Overall, "):
            which = words[1].rstrip(":")
            numbers = line.split(":", 1)[1]
            caught = numbers.split("caught ")[1].split(" ")[0]
            result["overall"][which] = {
                "caught": int(caught.split("/")[0]),
                "false_alarms_per_day": float(
                    numbers.split("), ")[1].split(" ")[0]
                ),
                "f1": float(numbers.rsplit("F1 ", 1)[1]),
            }
    for name, detection in result["detections"].items():
        if "chosen" not in detection or len(detection["rows"]) < 2:
            raise ValueError(f"tune printed no table for {name}")
    return result


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def labels(month):
    """The labelled incidents of the month: dicts with principal, start,
    end (datetimes) and kind."""
    with open(month / "labels.csv", newline="") as file:
        return [
            {
                "principal": row["principal"],
                "start": parse_time(row["start"]),
                "end": parse_time(row["end"]),
                "kind": row["kind"],
            }
            for row in csv.DictReader(file)
        ]


def events(month):
    """Streams `storagewatch events` of the month, one dict per event."""
    arguments = ["events", month / "AWSLogs"]
    _show(arguments)
    process = subprocess.Popen(
        [str(executable())] + [str(a) for a in arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    for line in process.stdout:
        yield json.loads(line)
    if process.wait() != 0:
        raise RuntimeError(f"storagewatch events exited {process.returncode}")


def parse_time(text):
    """An RFC 3339 time from StorageWatch's output, as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def matches(label, finding):
    """Whether a finding catches a label as `tune` counts it: its principal
    contains the label's, and their hours overlap with an hour of slack
    either side."""
    slack = timedelta(hours=1)
    return (
        label["principal"] in finding["principal"]
        and parse_time(finding["start"]) < label["end"] + slack
        and label["start"] - slack < parse_time(finding["end"])
    )


def save(figure, name):
    """Saves a figure as FIGURES/name (PNG, 120 dpi) and says where."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    path = FIGURES / name
    figure.savefig(path, dpi=120, bbox_inches="tight")
    print(f"figure: {path}")
    return path


UTC = timezone.utc
