#!/usr/bin/env python3
"""seed.py: log the clinic's people in for bench/clinic-load and write who they are.

usage: seed.py PASSWORD OUT URL... < people   (one line each: kind login)

Each person logs in through the servers in turn (POST /login, JSON), then a client
answers the safety questions (all no) and asks the gate for a pass, as the web player
does before a session. OUT gets one line per person for load.lua: kind, session
cookie, CSRF token, pass (or -), account id, the exercise of the routine's first
item (or -). Any answer that is not what a working server gives stops it."""
import concurrent.futures
import http.client
import json
import sys
import urllib.parse


def call(url, method, path, body=None, cookie=None, csrf=None):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    h = {"Origin": f"http://{u.netloc}", "Content-Type": "application/json"}
    if cookie:
        h["Cookie"] = f"__Host-unhunch={cookie}"
    if csrf:
        h["X-CSRF-Token"] = csrf
    c.request(method, path, json.dumps(body) if body is not None else None, h)
    r = c.getresponse()
    data = r.read()
    headers = r.getheaders()
    c.close()
    return r.status, headers, data


def must(status, want, what, data):
    if status != want:
        raise SystemExit(f"seed: {what}: {status} where {want} was expected: {data[:300]!r}")


def person(password, url, kind, login):
    """Log one person in (and a client through the questions and the gate): their line."""
    st, headers, data = call(url, "POST", "/login", {"login": login, "password": password})
    must(st, 200, f"login {login}", data)
    cookie = None
    for k, v in headers:
        if k.lower() == "set-cookie" and v.startswith("__Host-unhunch="):
            cookie = v.split(";", 1)[0].split("=", 1)[1]
    if not cookie:
        raise SystemExit(f"seed: login {login}: no session cookie")
    answer = json.loads(data)
    csrf, pid = answer["csrf_token"], answer["account"]["id"]
    pass_token, fx = "-", "-"
    if kind == "client":
        st, _, data = call(url, "GET", "/api/v1/screenings", cookie=cookie)
        must(st, 200, f"{login}'s safety questions", data)
        qs = json.loads(data)["questions"]
        st, _, data = call(url, "POST", "/api/v1/screenings",
                           {"answers": {q["id"]: False for q in qs}}, cookie, csrf)
        must(st, 201, f"{login}'s answers", data)
        st, _, data = call(url, "POST", "/api/v1/session/pass",
                           {"routine": "upper-back-activation", "pain": 2}, cookie, csrf)
        must(st, 200, f"{login}'s pass", data)
        p = json.loads(data)
        if not p.get("allowed"):
            raise SystemExit(f"seed: {login}: the gate gave no pass: {p.get('why')}: {p.get('reason')}")
        pass_token = p["token"]
        fx = p["session"]["items"][0]["exercise"]
    return f"{kind} {cookie} {csrf} {pass_token} {pid} {fx}\n"


def main():
    password, out, urls = sys.argv[1], sys.argv[2], sys.argv[3:]
    people = [line.split() for line in sys.stdin if line.strip()]
    # four at a time: a login is one argon2id check, the servers have 2 threads each
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        lines = list(pool.map(lambda ip: person(password, urls[ip[0] % len(urls)], *ip[1]), enumerate(people)))
    with open(out, "w") as f:
        f.writelines(lines)


main()
