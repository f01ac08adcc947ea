"""Loopback object-store servers for the RemoteLogs and CLI tests.

Starts, in one process, on 127.0.0.1 with ports chosen by the system:
  s3     moto's S3 server (moto[s3], flask, flask-cors from PyPI),
         path-style;
  gcs    gcp-storage-emulator (PyPI), the Cloud Storage JSON API;
  azure  a small Blob service (this file) serving the files under
         STATE/azure/ACCOUNT/CONTAINER/..., answering List Blobs and
         Get Blob, and checking a SAS token (sig must equal
         AZURE_TEST_SAS_SIG) or a Shared Key signature computed here
         independently with the key AZURE_TEST_KEY; containers named
         flaky* answer each path's first request with 503.
Every request is appended to STATE/requests.log as
"SERVICE METHOD PATH?QUERY", so tests can count what a client asked for.
Writes STATE/ports.json once all three listen; stops on SIGTERM.

Usage: python servers.py STATE_DIR
"""

import base64
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
import urllib.parse
from functools import partial
from http import server
from xml.sax.saxutils import escape

AZURE_TEST_KEY = base64.b64encode(b"storagewatch-test-account-key-32").decode()
AZURE_TEST_SAS_SIG = "c3dhdGNoLXRlc3Qtc2lnbmF0dXJl"

STATE = sys.argv[1]
FLAKY_SEEN = set()
LOG_LOCK = threading.Lock()


def log(service, method, path):
    with LOG_LOCK:
        with open(os.path.join(STATE, "requests.log"), "a") as handle:
            handle.write(f"{service} {method} {path}\n")


# --- S3: moto -------------------------------------------------------------


def start_s3():
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    app = DomainDispatcherApplication(create_backend_app)

    def logged(environ, start_response):
        query = environ.get("QUERY_STRING", "")
        log("s3", environ["REQUEST_METHOD"],
            environ.get("PATH_INFO", "") + ("?" + query if query else ""))
        return app(environ, start_response)

    httpd = make_server("127.0.0.1", 0, logged, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd.server_port


# --- GCS: gcp-storage-emulator ---------------------------------------------


def start_gcs():
    from gcp_storage_emulator import server as gcs
    from gcp_storage_emulator.storage import Storage

    class Logged(gcs.RequestHandler):
        def do_GET(self):
            log("gcs", "GET", self.path)
            super().do_GET()

        def do_POST(self):
            log("gcs", "POST", self.path)
            super().do_POST()

    storage = Storage(use_memory_fs=True)
    httpd = server.HTTPServer(("127.0.0.1", 0), partial(Logged, storage))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd.server_port


# --- Azure Blob -------------------------------------------------------------


def shared_key_string(method, path, query, headers, account):
    lines = [method] + [""] * 10 + [headers.get("range", "")]
    for name in sorted(k for k in headers if k.startswith("x-ms-")):
        lines.append(f"{name}:{headers[name].strip()}")
    resource = f"/{account}{path}"
    params = {}
    for name, value in query:
        params.setdefault(name.lower(), []).append(value)
    for name in sorted(params):
        resource += f"\n{name}:{','.join(sorted(params[name]))}"
    lines.append(resource)
    return "\n".join(lines)


class AzureHandler(server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def fail(self, status, code, message):
        body = (f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}'
                f"</Code><Message>{escape(message)}</Message></Error>").encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        log("azure", "GET", self.path)
        raw_path, _, raw_query = self.path.partition("?")
        query = urllib.parse.parse_qsl(raw_query, keep_blank_values=True)
        params = dict(query)
        parts = urllib.parse.unquote(raw_path).lstrip("/").split("/", 2)
        if len(parts) < 2:
            return self.fail(400, "InvalidUri", "path-style /ACCOUNT/CONTAINER")
        account, container = parts[0], parts[1]
        blob = parts[2] if len(parts) > 2 else ""
        if "sig" in params:
            if params["sig"] != AZURE_TEST_SAS_SIG or "se" not in params:
                return self.fail(403, "AuthenticationFailed", "bad SAS")
            query = [(k, v) for k, v in query
                     if k not in ("sig", "se", "sp", "sv", "sr", "st", "spr")]
            params = dict(query)
        else:
            headers = {k.lower(): v for k, v in self.headers.items()}
            auth = headers.get("authorization", "")
            expected_text = shared_key_string(
                "GET", raw_path, query, headers, account)
            mac = hmac.new(base64.b64decode(AZURE_TEST_KEY),
                           expected_text.encode(), hashlib.sha256).digest()
            expected = f"SharedKey {account}:{base64.b64encode(mac).decode()}"
            if not hmac.compare_digest(auth, expected):
                return self.fail(403, "AuthenticationFailed",
                                 "Shared Key signature mismatch")
            if "x-ms-date" not in headers or "x-ms-version" not in headers:
                return self.fail(400, "MissingRequiredHeader", "x-ms-date")
        if container.startswith("flaky") and self.path not in FLAKY_SEEN:
            FLAKY_SEEN.add(self.path)
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        root = os.path.join(STATE, "azure", account, container)
        if not os.path.isdir(root):
            return self.fail(404, "ContainerNotFound", "no such container")
        if params.get("comp") == "list":
            return self.list_blobs(root, params)
        path = os.path.join(root, blob)
        if not blob or not os.path.isfile(path):
            return self.fail(404, "BlobNotFound", "no such blob")
        with open(path, "rb") as handle:
            body = handle.read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", f'"{hashlib.md5(body).hexdigest()}"')
        self.end_headers()
        self.wfile.write(body)

    def list_blobs(self, root, params):
        prefix = params.get("prefix", "")
        delimiter = params.get("delimiter", "")
        limit = int(params.get("maxresults", "5000"))
        marker = params.get("marker", "")
        names = []
        for folder, _, files in os.walk(root):
            for name in files:
                full = os.path.join(folder, name)
                names.append(os.path.relpath(full, root).replace(os.sep, "/"))
        entries = {}
        for name in sorted(names):
            if not name.startswith(prefix):
                continue
            rest = name[len(prefix):]
            if delimiter and delimiter in rest:
                folder = prefix + rest.split(delimiter, 1)[0] + delimiter
                entries.setdefault(folder, None)
            else:
                entries[name] = os.path.getsize(os.path.join(root, name))
        keys = [k for k in sorted(entries) if k > marker]
        page, rest = keys[:limit], keys[limit:]
        out = ['<?xml version="1.0" encoding="utf-8"?><EnumerationResults>'
               "<Blobs>"]
        for key in page:
            if entries[key] is None:
                out.append(f"<BlobPrefix><Name>{escape(key)}</Name></BlobPrefix>")
            else:
                out.append(
                    f"<Blob><Name>{escape(key)}</Name><Properties>"
                    f"<Content-Length>{entries[key]}</Content-Length>"
                    f"<Etag>0x{abs(hash((key, entries[key]))):X}</Etag>"
                    "</Properties></Blob>")
        out.append("</Blobs>")
        out.append(f"<NextMarker>{escape(page[-1]) if rest else ''}</NextMarker>")
        out.append("</EnumerationResults>")
        body = "".join(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_azure():
    httpd = server.ThreadingHTTPServer(("127.0.0.1", 0), AzureHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd.server_port


def main():
    os.makedirs(os.path.join(STATE, "azure"), exist_ok=True)
    ports = {"s3": start_s3(), "gcs": start_gcs(), "azure": start_azure(),
             "azureKey": AZURE_TEST_KEY, "azureSASSignature": AZURE_TEST_SAS_SIG}
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    temporary = os.path.join(STATE, "ports.json.tmp")
    with open(temporary, "w") as handle:
        json.dump(ports, handle)
    os.replace(temporary, os.path.join(STATE, "ports.json"))
    stop.wait()


if __name__ == "__main__":
    main()
