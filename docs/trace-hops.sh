#!/bin/bash
# Splits bench-irc's alert latency into its hops from a loopback capture (needs root and tcpdump):
#   docs/trace-hops.sh target/vigie.jar --rate 1000 --lines 10000
# Each planted line is followed by its diff number: feeder -> ngIRCd -> Vigie's feed socket, Vigie (feed line in ->
# alert out), Vigie's alert -> ngIRCd -> the observer. Prints p50/p90/max of each, in microseconds.
set -e
JAR=$1; shift
CAP=$(mktemp -d)
tcpdump -i lo -nn -tt -s 700 -w "$CAP/lo.pcap" tcp >/dev/null 2>&1 &
TP=$!
sleep 1
java -jar "$JAR" bench-irc "$@" | grep -E 'latency feed|bench-irc: rate'
sleep 0.5; kill $TP; wait $TP 2>/dev/null || true
tcpdump -r "$CAP/lo.pcap" -nn -tt -A 2>/dev/null > "$CAP/lo.txt"
python3 - "$CAP/lo.txt" <<'PY'
import re, sys
pk, cur, port = [], None, {}
for line in open(sys.argv[1], errors='replace'):
    m = re.match(r'^(\d+\.\d+) IP [\d.]+\.(\d+) > [\d.]+\.(\d+):.*length (\d+)', line)
    if m:
        cur = [float(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)), '']
        pk.append(cur)
    elif cur is not None:
        cur[4] += line.rstrip('\n')
        for who in ('rc-pmtpa', 'vigie-feed', 'Vigie', 'observer'):
            if 'NICK ' + who + ' ' in line or line.rstrip().endswith('NICK ' + who):
                port.setdefault(who, (cur[1], cur[2]))
srv = port['rc-pmtpa'][1]
flow = lambda a, b: [p for p in pk if p[1] == a and p[2] == b and p[3] > 0]
def first(fl, pat):
    return next((p[0] for p in fl if pat in p[4]), None)
feeder, feed = flow(port['rc-pmtpa'][0], srv), flow(srv, port['vigie-feed'][0])
alerts, seen = flow(port['Vigie'][0], srv), flow(srv, port['observer'][0])
rows = []
for p in alerts:
    for d in re.findall(r'diff=(\d+)', p[4]):
        t1, t2, t4 = first(feeder, 'diff=' + d), first(feed, 'diff=' + d), first(seen, 'diff=' + d)
        if None not in (t1, t2, t4):
            rows.append(((t2 - t1) * 1e6, (p[0] - t2) * 1e6, (t4 - p[0]) * 1e6, (t4 - t1) * 1e6))
print(len(rows), 'planted alerts traced')
for j, name in enumerate(['feeder -> ngIRCd -> feed socket', 'Vigie: line in -> alert out', 'alert -> ngIRCd -> observer', 'total']):
    xs = sorted(r[j] for r in rows)
    print('%-32s p50 %6.0f us  p90 %6.0f  max %6.0f' % (name, xs[len(xs) // 2], xs[len(xs) * 9 // 10], xs[-1]))
PY
rm -rf "$CAP"
