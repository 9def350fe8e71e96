#!/usr/bin/env python3
"""raw.py: raw-socket clients for the HTTP tests, for what curl cannot do: clients that
are slow or silent, connections held open, bytes that are not HTTP, a stop signal in the
middle of a request. Each command prints one line for the test to compare.

  raw.py send PORT            bytes from stdin; prints the status code, or 'closed'
  raw.py idle PORT SECONDS    a silent connection; prints 'closed after N s' or 'open'
  raw.py dribble PORT HOST TOKEN GAP
                              a POST whose body comes one byte every GAP seconds;
                              prints the status code and when it came
  raw.py hold PORT HOST N     N silent connections, then one request; prints the
                              status of that request (it waits for a free slot)
  raw.py stop PORT HOST TOKEN PID
                              half a POST, SIGTERM to PID, the other half; prints the
                              status code of that request
"""
import os
import signal
import socket
import sys
import time


def connect(port):
    return socket.create_connection(("127.0.0.1", int(port)), timeout=15)


def status_of(sock):
    """The status code of the answer on sock, or 'closed' when none comes."""
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    if not data.startswith(b"HTTP/1."):
        return "closed"
    return data.split(b" ")[1].decode()


def post_head(host, token, length):
    return (
        f"POST /api/v1/content/check HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n"
        f"X-CSRF-Token: {token}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def main(argv):
    cmd = argv[1]
    if cmd == "send":
        s = connect(argv[2])
        s.sendall(sys.stdin.buffer.read())
        print(status_of(s))
    elif cmd == "idle":
        s = connect(argv[2])
        start = time.monotonic()
        s.settimeout(float(argv[3]))
        try:
            closed = s.recv(1) == b""
        except socket.timeout:
            closed = False
        except ConnectionResetError:
            closed = True
        print(f"closed after {round(time.monotonic() - start)} s" if closed else "open")
    elif cmd == "dribble":
        port, host, token, gap = argv[2], argv[3], argv[4], float(argv[5])
        body = b'{"text": "exercises: []\\n"}' + b" " * 200
        s = connect(port)
        s.sendall(post_head(host, token, len(body)))
        start = time.monotonic()
        s.settimeout(gap)
        for i in range(len(body)):
            try:
                s.sendall(body[i : i + 1])
            except (BrokenPipeError, ConnectionResetError):
                break
            try:  # an answer before the body is complete ends the drip
                peek = s.recv(4096, socket.MSG_PEEK)
                if peek:
                    break
            except socket.timeout:
                pass
        s.settimeout(15)
        print(status_of(s), f"after {round(time.monotonic() - start)} s")
    elif cmd == "hold":
        port, host, n = argv[2], argv[3], int(argv[4])
        held = [connect(port) for _ in range(n)]
        time.sleep(0.5)
        try:
            s = connect(port)
            s.sendall(f"GET /api/v1/session HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            last = status_of(s)
        except OSError:
            last = "refused"
        print(f"last {last}")
        for h in held:
            h.close()
    elif cmd == "stop":
        port, host, token, pid = argv[2], argv[3], argv[4], int(argv[5])
        body = b'{"text": "exercises: []\\n"}'
        s = connect(port)
        s.sendall(post_head(host, token, len(body)) + body[:10])
        time.sleep(0.3)
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.5)
        s.sendall(body[10:])
        print(status_of(s))
    else:
        sys.exit(f"raw.py: unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
