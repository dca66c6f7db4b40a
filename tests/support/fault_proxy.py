#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for the URL tests, on loopback only.

Forwards each request to 127.0.0.1:UPSTREAM (one request per connection) and spoils every
EVERY-th one (the 1st, the EVERY+1th...) with FAULT: drop (close without answering), truncate
(half the body), 503 (a Service Unavailable answer), slow (SLOW seconds before answering), none.
It stops by itself after 10 minutes, in case its parent forgot it.
"""
import argparse
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
args = parser.parse_args()

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
