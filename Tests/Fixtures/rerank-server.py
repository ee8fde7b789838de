#!/usr/bin/env python3
"""A stand-in for a served reranker (Jina, Cohere, vLLM, TEI), for MLibRemoteTests.

Answers POST …/rerank with scores anyone can check by hand:
  - a text document scores the share of the query's distinct words it contains;
  - an image document ({"image": "data:image/jpeg;base64,…"}) scores
    (decoded byte count mod 97) / 97, so a test can tell the bytes arrived whole.

Flags choose how it answers, one behaviour per server:
  --shape results|score|data|tei   {"results": [...relevance_score]}, the same with
                                   "score", {"data": [...]}, or TEI's bare array
  --token T                        401 unless "Authorization: Bearer T"
  --fail-first N --fail-status S   answer S (default 500) to the first N requests
  --retry-after V                  send "Retry-After: V" with those failures
  --delay SECONDS                  sleep before answering
  --constant X                     every document scores X
  --logits                         scores are share * 10 - 5 instead of share
  --fault json|index-out-of-range|index-duplicate|no-score
                                   answer with that mistake
Every request is appended to --log as one JSON line: path, authorization,
content_type and the parsed body. The port (bound on 127.0.0.1, chosen by the
system) is printed on stdout once listening. The server exits when stdin closes,
so it does not outlive a test run that crashed.
"""

import argparse
import base64
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def words(text):
    return set(re.findall(r"\w+", text.lower()))


def relevance(query, document):
    if isinstance(document, dict) and "image" in document:
        url = document["image"]
        prefix = "data:image/jpeg;base64,"
        if not url.startswith(prefix):
            raise ValueError("image is not a JPEG data URL")
        return (len(base64.b64decode(url[len(prefix):], validate=True)) % 97) / 97
    text = document["text"] if isinstance(document, dict) else document
    wanted = words(query)
    return len(wanted & words(text)) / len(wanted) if wanted else 0.0


class State:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.requests = 0

    def count(self):
        with self.lock:
            self.requests += 1
            return self.requests

    def record(self, entry):
        if not self.options.log:
            return
        with self.lock:
            with open(self.options.log, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # so curl's "Expect: 100-continue" gets its 100 at once

    def log_message(self, format, *args):
        pass

    def send(self, status, payload, headers=()):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        state = self.server.state
        options = state.options
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            request = json.loads(raw)
        except ValueError:
            request = raw.decode("utf-8", "replace")
        state.record({
            "path": self.path,
            "authorization": self.headers.get("Authorization"),
            "content_type": self.headers.get("Content-Type"),
            "body": request,
        })
        number = state.count()

        if options.delay:
            time.sleep(options.delay)
        if not self.path.endswith("/rerank"):
            return self.send(404, {"error": f"no route for {self.path}"})
        if options.token and self.headers.get("Authorization") != f"Bearer {options.token}":
            return self.send(401, {"error": "missing or wrong bearer token"})
        if number <= options.fail_first:
            headers = [("Retry-After", options.retry_after)] if options.retry_after is not None else []
            detail = f"simulated failure {number} of {options.fail_first}\n" + "details " * 100
            return self.send(options.fail_status, detail.encode(), headers)
        if not isinstance(request, dict) or "query" not in request or "documents" not in request:
            return self.send(400, {"error": "expected query and documents"})

        documents = request["documents"]
        try:
            scores = [relevance(request["query"], document) for document in documents]
        except (KeyError, TypeError, ValueError) as problem:
            return self.send(400, {"error": f"bad document: {problem}"})
        if options.constant is not None:
            scores = [options.constant for _ in documents]
        if options.logits:
            scores = [score * 10 - 5 for score in scores]
        ranked = sorted(range(len(scores)), key=lambda index: (-scores[index], index))
        top_n = request.get("top_n")
        if isinstance(top_n, int):
            ranked = ranked[:top_n]
        field = "score" if options.shape in ("score", "tei") else "relevance_score"
        entries = [{"index": index, field: scores[index]} for index in ranked]

        if options.fault == "json":
            return self.send(200, b'{"results": [{"index": 0, "relevance_')
        if options.fault == "index-out-of-range":
            entries[0]["index"] = len(documents)
        if options.fault == "index-duplicate":
            entries.append(dict(entries[0]))
        if options.fault == "no-score":
            del entries[0][field]

        if options.shape == "tei":
            return self.send(200, entries)
        key = "data" if options.shape == "data" else "results"
        return self.send(200, {"model": request.get("model") or "fake-reranker", key: entries})


def main():
    parser = argparse.ArgumentParser(description="A fake served reranker for tests.")
    parser.add_argument("--log")
    parser.add_argument("--shape", choices=["results", "score", "data", "tei"], default="results")
    parser.add_argument("--token")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=500)
    parser.add_argument("--retry-after")
    parser.add_argument("--delay", type=float, default=0)
    parser.add_argument("--constant", type=float)
    parser.add_argument("--logits", action="store_true")
    parser.add_argument("--fault", choices=["json", "index-out-of-range", "index-duplicate", "no-score"])
    options = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(options)

    def exit_when_stdin_closes():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
