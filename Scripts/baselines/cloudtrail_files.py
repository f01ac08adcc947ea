"""CloudTrail delivery files for the peer baselines: walking and loading.

files(root) yields the .json and .json.gz files under root in sorted
order; records(path) returns the Records of one delivery document with
json.load (an empty list for anything else).
"""

import gzip
import json
import os


def files(root):
    for directory, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if name.endswith(".json") or name.endswith(".json.gz"):
                yield os.path.join(directory, name)


def records(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    return document.get("Records", []) if isinstance(document, dict) else []
