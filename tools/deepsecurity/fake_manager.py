#!/usr/bin/env python3
"""A local stand-in for a Deep Security Manager's REST API, serving a saved export.

Serves GET /api/PATH from ROOT/api/PATH.json (the layout of Samples/ds-export), on 127.0.0.1
only, so that tools/deepsecurity/export.sh can be tested without a manager or a network.
Like the manager it
  - refuses a request without the headers "api-secret-key: KEY" (401) and "api-version: v1"
    (400);
  - ignores nothing silently: the list requests must carry the query the export needs
    (overrides=true; for /api/computers also expand=computerSettings, intrusionPrevention,
    integrityMonitoring and logInspection, one expand parameter each, as the SDK sends them),
    any other query is refused (400);
  - answers a level's GET .../{module}/rules?overrides=true with an empty list when the export
    holds no file for it (the manager's answer for a level without overrides), and 404 for any
    other path it has no file for.

It binds a free port, writes the port number to --port-file, and stops by itself after
--lifetime seconds.
"""

import argparse
import http.server
import json
import os
import re
import sys
import time
import urllib.parse

EXPAND = ["computerSettings", "intrusionPrevention", "integrityMonitoring", "logInspection"]
OVERRIDES = {"overrides": ["true"]}
# The query each path needs; paths not listed take none.
QUERIES = [
    (re.compile(r"^/api/policies$"), OVERRIDES),
    (re.compile(r"^/api/computers$"), dict(OVERRIDES, expand=EXPAND)),
    (re.compile(r"^/api/(policies|computers)/[0-9]+/[a-z]+/rules$"), OVERRIDES),
]
LEVEL_RULES = re.compile(r"^/api/(policies|computers)/([0-9]+)/([a-z]+)/rules$")


class Handler(http.server.BaseHTTPRequestHandler):
    root = "."
    key = ""

    def log_message(self, fmt, *args):  # quiet: answer() prints refusals
        pass

    def answer(self, status, body):
        data = body if isinstance(body, bytes) else (json.dumps(body) + "\n").encode()
        if status not in (200, 404):  # a 404 is an answer the export expects
            print(f"fake_manager: {status} {self.path}: {body}", file=sys.stderr)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.headers.get("api-secret-key") != self.key:
            return self.answer(401, {"message": "missing or wrong api-secret-key"})
        if self.headers.get("api-version") != "v1":
            return self.answer(400, {"message": "api-version must be v1"})
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        if ".." in path.split("/") or not path.startswith("/api/"):
            return self.answer(404, {"message": "not found"})
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        wanted = next((q for pattern, q in QUERIES if pattern.match(path)), {})
        if {k: sorted(v) for k, v in query.items()} != {k: sorted(v) for k, v in wanted.items()}:
            return self.answer(400, {"message": f"query must be {wanted}, got {query}"})
        file = os.path.join(self.root, path.lstrip("/") + ".json")
        if os.path.isfile(file):
            with open(file, "rb") as f:
                return self.answer(200, f.read())
        m = LEVEL_RULES.match(path)
        if m and self.level_exists(m.group(1), int(m.group(2))):
            with open(os.path.join(self.root, "api", m.group(3) + "rules.json")) as f:
                (wrapper,) = json.load(f).keys()
            return self.answer(200, {wrapper: []})
        return self.answer(404, {"message": "not found"})

    def level_exists(self, kind, level_id):
        with open(os.path.join(self.root, "api", kind + ".json")) as f:
            return any(o["ID"] == level_id for o in json.load(f)[kind])


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Serve a saved Deep Security API export on 127.0.0.1 as a stand-in manager.")
    parser.add_argument("--root", required=True, help="export folder (holds api/)")
    parser.add_argument("--port-file", required=True, help="write the chosen port here")
    parser.add_argument("--key", required=True, help="the api-secret-key to require")
    parser.add_argument("--lifetime", type=float, default=60.0,
                        help="stop after this many seconds (default 60)")
    args = parser.parse_args(argv)
    Handler.root, Handler.key = args.root, args.key
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    httpd.timeout = 0.2
    tmp = args.port_file + ".part"
    with open(tmp, "w") as f:
        f.write(f"{httpd.server_address[1]}\n")
    os.replace(tmp, args.port_file)
    deadline = time.monotonic() + args.lifetime
    while time.monotonic() < deadline:
        httpd.handle_request()
    httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
