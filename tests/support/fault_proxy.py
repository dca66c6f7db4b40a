#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for the URL tests, on loopback only.

Forwards each request to 127.0.0.1:UPSTREAM (one request per connection) and spoils every
EVERY-th one (the 1st, the EVERY+1th...) with FAULT: drop (close without answering), truncate
(half the body), 503 (a Service Unavailable answer), slow (SLOW seconds before answering), none.
With --sigv4 KEY:SECRET:REGION[:TOKEN], it stands for a private S3 bucket instead: a request
without a valid AWS Signature Version 4 (signed host, x-amz-date, x-amz-content-sha256 and, with
a TOKEN, x-amz-security-token) gets S3's 403. The signature is checked as AWS documents it
("Authenticating Requests: Using the Authorization Header"); `--sigv4-self-test` checks this
code against AWS's own example (GET Object) and exits.
It stops by itself after 10 minutes, in case its parent forgot it.
"""
import argparse
import hashlib
import hmac
import re
import sys
import socket
import socketserver
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--upstream", type=int, required=True)
parser.add_argument("--fault", default="none")
parser.add_argument("--every", type=int, default=2)
parser.add_argument("--slow", type=float, default=3.0)
parser.add_argument("--sigv4", default="")
parser.add_argument("--sigv4-self-test", action="store_true")
args = parser.parse_args()


def sigv4_signature(secret, method, path, headers, signed, amz_date, scope):
    """The signature of a request without a query string, as S3 computes it."""
    canonical_headers = "".join(f"{name}:{' '.join(headers[name].split())}\n" for name in signed)
    canonical = "\n".join([method, path, "", canonical_headers, ";".join(signed),
                           headers["x-amz-content-sha256"]])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret).encode()
    for part in scope.split("/"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


if args.sigv4_self_test:
    example = {"host": "examplebucket.s3.amazonaws.com", "range": "bytes=0-9",
               "x-amz-content-sha256": hashlib.sha256(b"").hexdigest(),
               "x-amz-date": "20130524T000000Z"}
    got = sigv4_signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "GET", "/test.txt", example,
                          sorted(example), "20130524T000000Z",
                          "20130524/us-east-1/s3/aws4_request")
    sys.exit(0 if got == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
             else 1)


def sigv4_refusal(request):
    """None when the request is signed with --sigv4's credentials, else why not."""
    key, secret, region, *token = args.sigv4.split(":")
    head = request.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    method, path = head[0].split(" ")[:2]
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    match = re.fullmatch(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request, "
                         r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})",
                         headers.get("authorization", ""))
    if not match:
        return "no AWS4-HMAC-SHA256 authorization"
    credential, date, signed_region, signed, signature = match.groups()
    signed = signed.split(";")
    required = ["host", "x-amz-content-sha256", "x-amz-date"] + (["x-amz-security-token"]
                                                                  if token else [])
    if credential != key or signed_region != region:
        return "wrong key or region"
    if any(name not in signed or name not in headers for name in required):
        return "a required header is not signed"
    if token and headers["x-amz-security-token"] != token[0]:
        return "wrong session token"
    if not headers["x-amz-date"].startswith(date):
        return "x-amz-date is not the credential's date"
    scope = f"{date}/{region}/s3/aws4_request"
    if sigv4_signature(secret, method, path, headers, signed, headers["x-amz-date"],
                       scope) != signature:
        return "signature does not match"
    return None

counter_lock = threading.Lock()
counter = [0]


def read_request(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            return None
        data += piece
    return data


def forward(request):
    head, _, _ = request.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n")
             if not line.lower().startswith(b"connection:")]
    lines.append(b"Connection: close")
    with socket.create_connection(("127.0.0.1", args.upstream), timeout=30) as upstream:
        upstream.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        chunks = []
        while True:
            piece = upstream.recv(1 << 20)
            if not piece:
                break
            chunks.append(piece)
    return b"".join(chunks)


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(30)
        request = read_request(self.request)
        if request is None:
            return
        if args.sigv4:
            why = sigv4_refusal(request)
            if why is not None:
                body = f"<Error><Code>AccessDenied</Code><Message>{why}</Message></Error>".encode()
                self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: " +
                                     str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" +
                                     (body if not request.startswith(b"HEAD") else b""))
                return
        with counter_lock:
            number = counter[0]
            counter[0] += 1
        faulty = args.fault != "none" and number % args.every == 0
        if faulty and args.fault == "drop":
            return
        if faulty and args.fault == "503":
            self.request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                 b"Connection: close\r\n\r\n")
            return
        response = forward(request)
        if faulty and args.fault == "slow":
            time.sleep(args.slow)
        if faulty and args.fault == "truncate":
            head, _, body = response.partition(b"\r\n\r\n")
            response = head + b"\r\n\r\n" + body[: len(body) // 2]
        try:
            self.request.sendall(response)
        except OSError:
            pass


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


server = Server(("127.0.0.1", args.port), Handler)
threading.Timer(600, server.shutdown).start()
server.serve_forever()
