"""Peer baseline for parse throughput: the standard library's parsers.

  python3 parse_peer.py json FILE...    json.load of each whole file
  python3 parse_peer.py jsonl FILE...   json.loads of each line
  python3 parse_peer.py s3 FILE...      the S3 server access log regular
                                        expression AWS documents, per line
  python3 parse_peer.py csv FILE...     csv.reader with ';' (Azure Storage
                                        Analytics), per line

Prints the records parsed; the benchmark times the whole run.
"""

import csv
import json
import re
import sys

S3_LINE = re.compile(
    r'(\S+) (\S+) \[(.*?)\] (\S+) (\S+) (\S+) (\S+) (\S+) "([^"]*)" (\S+) '
    r'(\S+) (\S+) (\S+) (\S+) (\S+) "([^"]*)" "([^"]*)" (\S+)'
)


def main(mode, paths):
    records = 0
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            if mode == "json":
                json.load(handle)
                records += 1
            elif mode == "jsonl":
                for line in handle:
                    if line.strip():
                        json.loads(line)
                        records += 1
            elif mode == "s3":
                for line in handle:
                    if S3_LINE.match(line):
                        records += 1
            else:
                for row in csv.reader(handle, delimiter=";"):
                    records += bool(row)
    print(records)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
