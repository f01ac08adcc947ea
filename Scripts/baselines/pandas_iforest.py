"""Peer baseline: hourly features in pandas, anomalies by scikit-learn.

Reads CloudTrail delivery files (.json or .json.gz, walked recursively)
with json.load into a pandas DataFrame (json_normalize), keeps S3 data
events once per eventID, builds per principal and hour the counts of
requests, GetObject, PutObject, DeleteObject, errors, distinct objects,
distinct addresses and bytes out, and scores the hours with an
IsolationForest (200 trees, seed 0), printing the ten most anomalous
hours of the last day. This is the notebook approach the benchmark
compares `storagewatch detect` with on the same files.

Usage: python pandas_iforest.py DIR
"""

import sys

import pandas as pd
from sklearn.ensemble import IsolationForest

from cloudtrail_files import files, records


def load(root):
    rows = []
    for path in files(root):
        rows.extend(records(path))
    return pd.json_normalize(rows)


def main(root):
    frame = load(root)
    frame = frame[frame["eventSource"] == "s3.amazonaws.com"]
    frame = frame.drop_duplicates(subset="eventID")
    frame["time"] = pd.to_datetime(frame["eventTime"], utc=True)
    frame["hour"] = frame["time"].dt.floor("h")
    frame["principal"] = frame["userIdentity.arn"].fillna(
        frame.get("userIdentity.invokedBy", "unknown")
    ).fillna("unknown")
    frame["object"] = (
        frame.get("requestParameters.bucketName", "").fillna("")
        + "/"
        + frame.get("requestParameters.key", "").fillna("")
    )
    out = frame.get("additionalEventData.bytesTransferredOut", 0)
    frame["bytes_out"] = pd.to_numeric(out, errors="coerce").fillna(0)
    frame["error"] = frame.get("errorCode").notna()
    for name in ["GetObject", "PutObject", "DeleteObject"]:
        frame[name] = frame["eventName"] == name
    features = frame.groupby(["principal", "hour"]).agg(
        requests=("eventName", "size"),
        reads=("GetObject", "sum"),
        writes=("PutObject", "sum"),
        deletes=("DeleteObject", "sum"),
        errors=("error", "sum"),
        objects=("object", "nunique"),
        addresses=("sourceIPAddress", "nunique"),
        bytes_out=("bytes_out", "sum"),
    )
    model = IsolationForest(n_estimators=200, random_state=0)
    model.fit(features.values)
    features["score"] = -model.score_samples(features.values)
    last = features.index.get_level_values("hour").max()
    recent = features[
        features.index.get_level_values("hour") > last - pd.Timedelta(days=1)
    ]
    top = recent.sort_values("score", ascending=False).head(10)
    print(
        "pandas + IsolationForest: %d events, %d principal-hours; top "
        "score %.3f" % (len(frame), len(features), top["score"].max())
    )


if __name__ == "__main__":
    main(sys.argv[1])
