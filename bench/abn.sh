#!/bin/bash
# N interleaved clean builds of ROOT into /dev/shm/o10k by each binary given; prints each one's
# median and lowest wall time (and the median against the first), CPU time and peak memory.
N=$1; ROOT=$2; shift 2
rm -f /tmp/ab3.all
for i in $(seq $N); do
  for b in "$@"; do
    rm -rf /dev/shm/o10k
    /usr/bin/time -f "$b %e %U %S %M" -o /tmp/ab3.one $b build --root $ROOT --output /dev/shm/o10k >/dev/null 2>&1
    tail -1 /tmp/ab3.one >> /tmp/ab3.all
  done
done
python3 - <<'PY'
import statistics, collections
d=collections.defaultdict(list)
for l in open('/tmp/ab3.all'):
    b,e,u,s,m=l.split(); d[b].append((float(e),float(u)+float(s),int(m)))
base=None
for b,v in d.items():
    w=[x[0] for x in v]; med=statistics.median(w)
    if base is None: base=med
    print(b, "wall med %.3f min %.3f (%+.1f%%) cpu %.2f rss %d MB n=%d" % (med, min(w), 100*(med/base-1), statistics.median(x[1] for x in v), statistics.median(x[2] for x in v)/1024, len(v)))
PY
