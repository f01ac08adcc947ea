"""Uploads a directory's files to a loopback test server, keys relative
to the directory, under an optional key prefix.

Usage: python seed.py s3|gcs ENDPOINT BUCKET DIR [PREFIX]
"""

import json
import os
from concurrent.futures import ThreadPoolExecutor
import sys
import urllib.parse
import urllib.request


def files(root):
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(folder, name)
            yield path, os.path.relpath(path, root).replace(os.sep, "/")


def seed_s3(endpoint, bucket, root, prefix):
    import boto3

    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="AKIDTEST", aws_secret_access_key="testsecret")
    client.create_bucket(Bucket=bucket)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(
            lambda item: client.upload_file(item[0], bucket, prefix + item[1]),
            files(root)))


def seed_gcs(endpoint, bucket, root, prefix):
    body = json.dumps({"name": bucket}).encode()
    request = urllib.request.Request(
        f"{endpoint}/storage/v1/b?project=test", data=body, method="POST",
        headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
    for path, key in files(root):
        with open(path, "rb") as handle:
            data = handle.read()
        name = urllib.parse.quote(prefix + key, safe="")
        request = urllib.request.Request(
            f"{endpoint}/upload/storage/v1/b/{bucket}/o?uploadType=media"
            f"&name={name}", data=data, method="POST",
            headers={"Content-Type": "application/octet-stream"})
        urllib.request.urlopen(request).read()


if __name__ == "__main__":
    service, endpoint, bucket, root = sys.argv[1:5]
    prefix = sys.argv[5] if len(sys.argv) > 5 else ""
    {"s3": seed_s3, "gcs": seed_gcs}[service](endpoint, bucket, root, prefix)
