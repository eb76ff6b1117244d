"""Summarises a run of infra/benchmarks/run.sh: prints the tables and ratios, and writes
report.md with SVG charts next to results.tsv; ends with PASS/FAIL checks and exits with 1
when one fails.

Usage: python3 report.py <results directory>
"""

import collections
import html
import math
import statistics
import sys
from pathlib import Path

OUT = Path(sys.argv[1])
rows = [line.rstrip("\n").split("\t") for line in (OUT / "results.tsv").read_text().splitlines() if line.strip()]


def of(kind):
    return [row[1:] for row in rows if row[0] == kind]


settings = dict((row[0], row[1]) for row in of("setting"))
loads = of("load")
TARGETS = ["direct", "gateway", "bare-gateway", "nginx", "haproxy", "cache-off"]
TARGET_NAMES = {
    "direct": "direct to catalog-service",
    "gateway": "through the gateway",
    "bare-gateway": "through a bare gateway route",
    "nginx": "through nginx",
    "haproxy": "through HAProxy",
    "cache-off": "direct, cache off",
}
PROCESS_NAMES = {"8080": "gateway", "bare-gateway": "bare gateway", "8082": "catalog 1", "8092": "catalog 2",
                 "cache-off": "catalog (cache off)", "nginx": "nginx", "haproxy": "HAProxy", "redis": "redis",
                 "postgres": "postgres (all)"}
# the process that does each proxy's work
PROXY_PROCESS = {"gateway": "8080", "bare-gateway": "bare-gateway", "nginx": "nginx", "haproxy": "haproxy"}
PROXY_NAMES = {"gateway": "gateway", "bare-gateway": "bare gateway", "nginx": "nginx", "haproxy": "HAProxy"}
# Results of runs before connection levels: one level, 32 connections; the cache-off
# instance's CPU under its port number.
OLD_LEVEL = 32

# ---------------------------------------------------------------- wrk: saturation throughput and CPU cost
wrk = collections.defaultdict(list)
for row in of("wrk"):
    target, _round, requests, seconds, p50, p99, user, system, failed = row[:9]
    level = int(row[9]) if len(row) > 9 else OLD_LEVEL
    errors = [int(e) for e in row[10:14]] if len(row) > 13 else [0, 0, 0, 0]
    wrk[(target, level)].append((int(requests), float(seconds), float(p50), float(p99), float(user) + float(system),
                                 int(failed), errors))
cpu = collections.defaultdict(lambda: collections.defaultdict(float))
for row in of("cpu"):
    target, subject, seconds = row[:3]
    level = int(row[3]) if len(row) > 3 else OLD_LEVEL
    cpu[(target, level)][subject if subject in PROCESS_NAMES else "cache-off"] += float(seconds)
statuses = collections.defaultdict(collections.Counter)
for target, _round, level, code, count in of("status"):
    statuses[(target, int(level))][int(code)] += int(count)
retry_after = collections.defaultdict(collections.Counter)
for target, _round, level, code, count in of("retry-after"):
    retry_after[(target, int(level))][int(code)] += int(count)
recoveries = of("recovery")

levels = sorted({level for _, level in wrk})
reference = levels[0] if levels else OLD_LEVEL


def throughput(target, level=None):
    runs = wrk[(target, reference if level is None else level)]
    return sum(r[0] for r in runs) / sum(r[1] for r in runs)


def answered(target, level=None):
    """2xx answers per second: a proxy that fails fast is not fast."""
    runs = wrk[(target, reference if level is None else level)]
    return sum(r[0] - r[5] for r in runs) / sum(r[1] for r in runs)


def wrk_summary(target, level):
    runs = wrk[(target, level)]
    requests = sum(r[0] for r in runs)
    seconds = sum(r[1] for r in runs)
    return {
        "rps": requests / seconds,
        "p50": statistics.median(r[2] for r in runs) / 1000,
        "p99": statistics.median(r[3] for r in runs) / 1000,
        "client_cpu": sum(r[4] for r in runs) / seconds,
        "failed": sum(r[5] for r in runs),
        "errors": [sum(r[6][i] for r in runs) for i in range(4)],
        "requests": requests,
    }


def cpu_per_request(target, subject, level=None):
    level = reference if level is None else level
    requests = sum(r[0] for r in wrk[(target, level)])
    return cpu[(target, level)].get(subject, 0.0) / requests * 1e6 if requests else 0.0


def unexpected_answers(target, level):
    """Non-2xx answers other than 503 and 429 carrying Retry-After."""
    counts = statuses[(target, level)]
    if not counts:  # a run before statuses were counted: wrk's own count
        return sum(r[5] for r in wrk[(target, level)])
    bad = sum(count for code, count in counts.items() if not 200 <= code < 300)
    return bad - sum(min(retry_after[(target, level)][code], counts[code]) for code in (503, 429))


# ---------------------------------------------------------------- Gatling: latency at a fixed rate
latency = {}
for simulation, label, count, failures, seconds, p50, p90, p99, maximum, mean in of("latency"):
    latency[(simulation, label)] = {
        "count": int(count), "failures": int(failures), "rate": int(count) / float(seconds),
        "p50": int(p50), "p90": int(p90), "p99": int(p99), "max": int(maximum), "mean": float(mean),
    }
client_cpu = {row[0]: (float(row[1]), float(row[2]), int(row[3])) for row in of("client-cpu")}
orders = of("orders")
startup = of("startup")
rss = of("rss")

lines = []


def out(text=""):
    print(text)
    lines.append(text)


def table(header, body):
    out("| " + " | ".join(header) + " |")
    out("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for row in body:
        out("| " + " | ".join(str(cell) for cell in row) + " |")
    out()


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "n/a"


def error_text(errors):
    return "/".join(str(e) for e in errors)


present = [t for t in TARGETS if any(wrk.get((t, level)) for level in levels)]
out("# Benchmark run")
out()
out("| Setting | Value |")
out("|---|---|")
for key, value in settings.items():
    out(f"| {key} | {value} |")
out()
out("Load average (1, 5, 15 min) through the run, on a machine shared with other work:")
out()
table(["when", "1 min", "5 min", "15 min"], loads)

if present:
    out("## 1-2. GET /api/products/{id}: saturation (wrk, closed loop)")
    out()
    for level in levels:
        measured = [t for t in present if wrk.get((t, level))]
        out(f"### {level} connections")
        out()
        table(["target", "requests/s", "p50 ms", "p99 ms", "vs direct", "non-2xx",
               "socket errors connect/read/write/timeout", "wrk CPU (cores)"],
              [[TARGET_NAMES[t], f"{wrk_summary(t, level)['rps']:.0f}", f"{wrk_summary(t, level)['p50']:.2f}",
                f"{wrk_summary(t, level)['p99']:.2f}",
                ratio(wrk_summary(t, level)["rps"], wrk_summary("direct", level)["rps"])
                if wrk.get(("direct", level)) else "n/a",
                wrk_summary(t, level)["failed"], error_text(wrk_summary(t, level)["errors"]),
                f"{wrk_summary(t, level)['client_cpu']:.2f}"] for t in measured])
    refused = [(t, level) for level in levels for t in present
               if any(not 200 <= code < 300 for code in statuses[(t, level)])]
    if refused:
        out("Answers other than 2xx, by status, and how many 503 and 429 answers carried Retry-After:")
        out()
        table(["target", "connections", "answers by status", "503/429 with Retry-After"],
              [[TARGET_NAMES[t], level,
                ", ".join(f"{code}: {count}" for code, count in sorted(statuses[(t, level)].items())
                          if not 200 <= code < 300),
                ", ".join(f"{code}: {retry_after[(t, level)][code]} of {statuses[(t, level)][code]}"
                          for code in (503, 429) if statuses[(t, level)][code]) or "-"]
               for t, level in refused])
    out("CPU time each process spent per request (microseconds), during the same wrk phases:")
    out()
    subjects = [s for s in PROCESS_NAMES if any(cpu[key].get(s) for key in cpu)]
    table(["target", "connections"] + [PROCESS_NAMES[s] for s in subjects],
          [[TARGET_NAMES[t], level] + [f"{cpu_per_request(t, s, level):.0f}" for s in subjects]
           for level in levels for t in present if wrk.get((t, level))])
    proxies = [t for t in PROXY_PROCESS if wrk.get((t, reference))]
    if "gateway" in proxies:
        costs = {t: cpu_per_request(t, PROXY_PROCESS[t]) for t in proxies}
        redis = cpu_per_request("gateway", "redis")
        out(f"Proxy cost per request at {reference} connections (CPU of the proxy process): "
            + ", ".join(f"{PROXY_NAMES[t]} {costs[t]:.0f} µs" for t in proxies)
            + f"; Redis adds {redis:.0f} µs for the gateway's rate limit. The gateway costs "
            + ", ".join(f"{ratio(costs['gateway'], costs[t])} {PROXY_NAMES[t]}" for t in proxies if t != "gateway")
            + ". Throughput through the gateway is "
            + ", ".join(f"{ratio(throughput('gateway'), throughput(t))} that {TARGET_NAMES[t]}"
                        for t in proxies + ["direct"] if t != "gateway" and wrk.get((t, reference)))
            + ".")
        out()
    if "cache-off" in present and "direct" in present:
        out(f"Cache on / off (direct, {reference} connections): "
            f"{ratio(throughput('direct'), throughput('cache-off'))} the throughput.")
        out()
    for round_, level, recovered, probes in recoveries:
        out(f"Recovery through the gateway after {level} connections (round {round_}): one GET every 250 ms for "
            f"5 s after the load stopped; "
            + (f"200s without a break from {recovered} s on" if recovered != "none" else "no unbroken run of 200s")
            + f" (seconds:status {probes}).")
        out()

reads = [t for t in TARGETS if ("product-read", t) in latency]
if reads:
    out("## 1-2. GET /api/products/{id} at a fixed arrival rate (Gatling, open model)")
    out()
    table(["target", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "p99 vs direct", "failed"],
          [[TARGET_NAMES[t], f"{latency[('product-read', t)]['rate']:.0f}", latency[("product-read", t)]["p50"],
            latency[("product-read", t)]["p90"], latency[("product-read", t)]["p99"],
            latency[("product-read", t)]["max"],
            ratio(latency[("product-read", t)]["p99"], latency[("product-read", "direct")]["p99"])
            if ("product-read", "direct") in latency else "n/a",
            latency[("product-read", t)]["failures"]] for t in reads])
    out("Gatling measures in whole milliseconds.")
    out()

shoppers = [label for (simulation, label) in latency if simulation == "shoppers"]
if shoppers:
    out("## 3. Shoppers through the gateway (Gatling, open model, all at once)")
    out()
    table(["scenario", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "failed"],
          [[label, f"{latency[('shoppers', label)]['rate']:.1f}", latency[("shoppers", label)]["p50"],
            latency[("shoppers", label)]["p90"], latency[("shoppers", label)]["p99"],
            latency[("shoppers", label)]["max"], latency[("shoppers", label)]["failures"]]
           for label in sorted(shoppers)])
for placed, confirmed, cancelled, pending, p50, p99, maximum, per_second in orders:
    if placed == "0":
        out("Orders end to end: none was placed while measuring (every placement failed: see the table above).")
        out()
        continue
    out(f"Orders end to end (POST to CONFIRMED, from order-service's status history): {placed} placed, "
        f"{confirmed} confirmed, {cancelled} cancelled (out of stock or payment), {pending} still open; "
        f"{per_second} confirmed orders/s; placement to confirmation p50 {p50} ms, p99 {p99} ms, max {maximum} ms.")
    out()

if client_cpu:
    out("Load generator CPU (Gatling JVM; the machine has "
        f"{next(iter(client_cpu.values()))[2]} cores): "
        + "; ".join(f"{name} {cpu_s:.1f} s over {wall:.0f} s = {cpu_s / wall:.2f} cores"
                    for name, (cpu_s, wall, _) in client_cpu.items()) + ".")
    out()

# ---------------------------------------------------------------- slow-instance drill
def p99_of(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)] if ordered else 0


drill = of("drill")
drill_slices = {}
if drill:
    port, stopped_at, resumed_at, started_at, rate = drill[-1][:5]
    stopped_at, resumed_at = int(stopped_at), int(resumed_at)
    stop_seconds = (resumed_at - stopped_at) // 1000
    by_second = collections.defaultdict(list)
    requests_file = OUT / "drill-requests.tsv"
    for line in (requests_file.read_text().splitlines() if requests_file.exists() else []):
        if line.strip():
            sent, took, status = (int(v) for v in line.split("\t"))
            by_second[math.floor((sent - stopped_at) / 1000)].append((took, status))
    for second, answers in sorted(by_second.items()):
        took = [t for t, _ in answers]
        drill_slices[second] = {"sent": len(answers), "ok": sum(1 for _, s in answers if s == 200),
                                "p50": statistics.median(took), "p99": p99_of(took), "max": max(took)}
    out(f"## 4. Slow-instance drill: catalog-service on port {port} stopped (SIGSTOP) for "
        f"{(resumed_at - stopped_at) / 1000:.1f} s")
    out()
    out(f"Reads through the gateway at {rate}/s (Gatling, open model), by the second in which they were sent, "
        "counted from the stop:")
    out()
    table(["second", "", "sent", "200", "non-200", "p50 ms", "p99 ms", "max ms"],
          [[second, "stopped" if 0 <= second < stop_seconds else "", v["sent"], v["ok"], v["sent"] - v["ok"],
            f"{v['p50']:.0f}", v["p99"], v["max"]] for second, v in sorted(drill_slices.items())])
    out(f"Non-200 answers: {sum(v['sent'] - v['ok'] for v in drill_slices.values())} in all, "
        f"{sum(v['sent'] - v['ok'] for s, v in drill_slices.items() if 0 <= s < stop_seconds)} sent while the "
        "instance was stopped.")
    out()

if startup or rss:
    out("## 5. Start-up and resident memory")
    out()
    memory = collections.defaultdict(dict)
    for when, name, kilobytes in rss:
        memory[name][when] = int(kilobytes) / 1024
    started = {name: (a, b) for name, a, b in startup}
    names = list(dict.fromkeys([row[0] for row in startup] + list(memory)))
    table(["instance", "started in s (Spring)", "JVM running for s", "RSS idle MiB", "RSS after load MiB"],
          [[name, started.get(name, ("-", "-"))[0], started.get(name, ("-", "-"))[1],
            f"{memory[name]['idle']:.0f}" if "idle" in memory[name] else "-",
            f"{memory[name]['loaded']:.0f}" if "loaded" in memory[name] else "-"] for name in names])



# ---------------------------------------------------------------- charts
def bar_chart(path, title, unit, categories, series):
    """Grouped horizontal bars: one group per category, one bar per series."""
    colours = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"]
    bar, gap, left, width = 18, 14, 190, 420
    height = 50 + len(categories) * (len(series) * bar + gap) + 20 * len(series)
    top = max([v for values in series.values() for v in values] + [1e-9])
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="20" font-size="14" font-weight="bold">{html.escape(title)}</text>']
    y = 40
    for i, category in enumerate(categories):
        svg.append(f'<text x="10" y="{y + bar * len(series) / 2 + 4}">{html.escape(category)}</text>')
        for j, (name, values) in enumerate(series.items()):
            length = values[i] / top * width
            svg.append(f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar - 3}" fill="{colours[j % 4]}"/>')
            svg.append(f'<text x="{left + length + 4:.1f}" y="{y + bar - 6}">{values[i]:.4g} {unit}</text>')
            y += bar
        y += gap
    for j, name in enumerate(series):
        svg.append(f'<rect x="{left}" y="{y + 4}" width="10" height="10" fill="{colours[j % 4]}"/>')
        svg.append(f'<text x="{left + 14}" y="{y + 13}">{html.escape(name)}</text>')
        y += 20
    svg.append("</svg>")
    (OUT / path).write_text("\n".join(svg) + "\n")
    out(f"![{title}]({path})")
    out()


out("## Charts")
out()
if present:
    bar_chart("throughput.svg", "GET /api/products/{id}: requests/s at saturation (wrk)", "/s",
              [TARGET_NAMES[t] for t in present],
              {f"{level} connections": [throughput(t, level) if wrk.get((t, level)) else 0 for t in present]
               for level in levels})
if reads:
    bar_chart("latency.svg", f"GET /api/products/{{id}} at a fixed rate (Gatling): latency", "ms",
              [TARGET_NAMES[t] for t in reads],
              {"p50": [latency[("product-read", t)]["p50"] for t in reads],
               "p99": [latency[("product-read", t)]["p99"] for t in reads]})
proxies = [t for t in PROXY_PROCESS if wrk.get((t, reference))]
if proxies:
    bar_chart("proxy-cost.svg", f"CPU per request of the proxy process at {reference} connections (µs)", "µs",
              [PROXY_NAMES[t] for t in proxies], {"CPU µs": [cpu_per_request(t, PROXY_PROCESS[t]) for t in proxies]})
if drill_slices:
    seconds = sorted(drill_slices)
    bar_chart("drill.svg", "Slow-instance drill: p99 by second from the stop (ms)", "ms",
              [str(second) for second in seconds], {"p99": [drill_slices[second]["p99"] for second in seconds]})
if rss:
    names = list(dict.fromkeys(name for _, name, _ in rss))
    values = {when: [next((int(k) / 1024 for w, n, k in rss if w == when and n == name), 0) for name in names]
              for when in dict.fromkeys(w for w, _, _ in rss)}
    bar_chart("memory.svg", "Resident memory per instance (MiB)", "MiB", names, values)


# ---------------------------------------------------------------- checks
results = []


def check(passed, text):
    results.append(passed)
    out(f"{'PASS' if passed else 'FAIL'}: {text}")


out("## Checks")
out()
sampling = settings.get("tracing-sampling", "unknown")
if wrk.get(("gateway", reference)) and wrk.get(("bare-gateway", reference)):
    gateway_cost = cpu_per_request("gateway", "8080")
    bare_cost = cpu_per_request("bare-gateway", "bare-gateway")
    check(gateway_cost <= 2 * bare_cost,
          f"gateway CPU per request at {reference} connections {gateway_cost:.0f} µs <= 2x the bare route's "
          f"{bare_cost:.0f} µs ({ratio(gateway_cost, bare_cost)}; gateway tracing sampling {sampling}; "
          f"Redis for its rate limit another {cpu_per_request('gateway', 'redis'):.0f} µs, not counted)")
else:
    check(False, "gateway CPU per request <= 2x the bare route's: not measured")
if wrk.get(("gateway", reference)) and wrk.get(("direct", reference)):
    gateway_ok, direct_ok = answered("gateway"), answered("direct")
    check(gateway_ok >= 0.5 * direct_ok,
          f"gateway saturation at {reference} connections {gateway_ok:.0f} 2xx answers/s >= 0.5x direct "
          f"{direct_ok:.0f}/s ({ratio(gateway_ok, direct_ok)})")
else:
    check(False, "gateway saturation >= 0.5x direct: not measured")
for level in levels:
    if not wrk.get(("gateway", level)):
        continue
    connect, read, write, timeouts = wrk_summary("gateway", level)["errors"]
    unexpected = unexpected_answers("gateway", level)
    shed = ", ".join(f"{code}: {statuses[('gateway', level)][code]} ({retry_after[('gateway', level)][code]} with "
                     f"Retry-After)" for code in (503, 429) if statuses[("gateway", level)][code])
    check(timeouts == 0 and connect + read + write == 0 and unexpected == 0,
          f"gateway at {level} connections: {timeouts} timeouts, {connect + read + write} other socket errors "
          f"(connect/read/write {connect}/{read}/{write}), {unexpected} non-2xx answers other than 503/429 with "
          f"Retry-After" + (f" [{shed}]" if shed else ""))
for round_, level, recovered, _ in recoveries:
    check(recovered != "none" and float(recovered) <= 5,
          f"gateway recovered within 5 s after {level} connections (round {round_}): "
          + (f"200s without a break from {recovered} s" if recovered != "none" else "no unbroken run of 200s"))
if not recoveries and levels:
    check(False, "gateway recovery after the highest connection level: not measured")
if drill:
    during = [drill_slices.get(second, {"ok": 0, "p99": 0}) for second in range(stop_seconds)]
    check(all(v["ok"] > 0 for v in during),
          f"drill: the gateway kept answering 200 from the other catalog instance in every second of the stop "
          f"(fewest 200s in a second: {min((v['ok'] for v in during), default=0)})")
    recovered_from = next((second for second in range(stop_seconds)
                           if all(v["p99"] < 100 for v in during[second:])), None)
    check(recovered_from is not None and recovered_from <= 10,
          "drill: p99 back under 100 ms within 10 s of the stop"
          + (f" (from second {recovered_from} on)" if recovered_from is not None
             else " (not before the instance resumed)"))
failed = results.count(False)
out()
out(f"{failed} of {len(results)} checks failed." if failed else f"All {len(results)} checks passed.")
out()

(OUT / "report.md").write_text("\n".join(lines) + "\n")
print(f"Report: {OUT / 'report.md'}")
sys.exit(1 if failed else 0)
