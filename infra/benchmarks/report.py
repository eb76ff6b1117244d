"""Summarises a run of infra/benchmarks/run.sh: prints the tables and ratios, and writes
report.md with SVG charts next to results.tsv.

Usage: python3 report.py <results directory>
"""

import collections
import html
import statistics
import sys
from pathlib import Path

OUT = Path(sys.argv[1])
rows = [line.rstrip("\n").split("\t") for line in (OUT / "results.tsv").read_text().splitlines() if line.strip()]


def of(kind):
    return [row[1:] for row in rows if row[0] == kind]


settings = dict((row[0], row[1]) for row in of("setting"))
loads = of("load")
TARGETS = ["direct", "gateway", "nginx", "cache-off"]
TARGET_NAMES = {
    "direct": "direct to catalog-service",
    "gateway": "through the gateway",
    "nginx": "through nginx",
    "cache-off": "direct, cache off",
}
PROCESS_NAMES = {"8080": "gateway", "8082": "catalog 1", "8092": "catalog 2", "nginx": "nginx", "redis": "redis",
                 "postgres": "postgres (all)"}

# ---------------------------------------------------------------- wrk: saturation throughput and CPU cost
wrk = collections.defaultdict(list)
for target, _round, requests, seconds, p50, p99, user, system, failed in of("wrk"):
    wrk[target].append((int(requests), float(seconds), float(p50), float(p99), float(user) + float(system),
                        int(failed)))
cpu = collections.defaultdict(lambda: collections.defaultdict(float))
for target, subject, seconds in of("cpu"):
    cpu[target][subject] += float(seconds)


def throughput(target):
    runs = wrk[target]
    return sum(r[0] for r in runs) / sum(r[1] for r in runs)


def wrk_summary(target):
    runs = wrk[target]
    requests = sum(r[0] for r in runs)
    seconds = sum(r[1] for r in runs)
    return {
        "rps": requests / seconds,
        "p50": statistics.median(r[2] for r in runs) / 1000,
        "p99": statistics.median(r[3] for r in runs) / 1000,
        "client_cpu": sum(r[4] for r in runs) / seconds,
        "failed": sum(r[5] for r in runs),
        "requests": requests,
    }


def cpu_per_request(target, subject):
    requests = sum(r[0] for r in wrk[target])
    return cpu[target].get(subject, 0.0) / requests * 1e6 if requests else 0.0


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


present = [t for t in TARGETS if wrk.get(t)]
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
    table(["target", "requests/s", "p50 ms", "p99 ms", "vs direct", "failed", "wrk CPU (cores)"],
          [[TARGET_NAMES[t], f"{wrk_summary(t)['rps']:.0f}", f"{wrk_summary(t)['p50']:.2f}",
            f"{wrk_summary(t)['p99']:.2f}", ratio(wrk_summary(t)["rps"], wrk_summary("direct")["rps"]),
            wrk_summary(t)["failed"], f"{wrk_summary(t)['client_cpu']:.2f}"] for t in present])
    out("CPU time each process spent per request (microseconds), during the same wrk phases:")
    out()
    subjects = [s for s in PROCESS_NAMES if any(cpu[t].get(s) for t in present)]
    cache_off_subjects = sorted({s for t in present for s in cpu[t]} - set(PROCESS_NAMES))
    table(["target"] + [PROCESS_NAMES[s] for s in subjects] + ["catalog (cache off)" for _ in cache_off_subjects],
          [[TARGET_NAMES[t]] + [f"{cpu_per_request(t, s):.0f}" for s in subjects + cache_off_subjects]
           for t in present])
    if "gateway" in present and "nginx" in present:
        gateway_cost = cpu_per_request("gateway", "8080") + cpu_per_request("gateway", "redis")
        nginx_cost = cpu_per_request("nginx", "nginx")
        out(f"Proxy cost per request: gateway {gateway_cost:.0f} µs CPU (itself plus Redis for the rate limit), "
            f"nginx {nginx_cost:.0f} µs: the gateway costs {ratio(gateway_cost, nginx_cost)} what nginx does. "
            f"Throughput through the gateway is {ratio(throughput('gateway'), throughput('nginx'))} that through "
            f"nginx, and {ratio(throughput('gateway'), throughput('direct'))} that of the service alone.")
        out()
    if "cache-off" in present:
        out(f"Cache on / off (direct): {ratio(throughput('direct'), throughput('cache-off'))} the throughput.")
        out()

reads = [t for t in TARGETS if ("product-read", t) in latency]
if reads:
    out("## 1-2. GET /api/products/{id} at a fixed arrival rate (Gatling, open model)")
    out()
    table(["target", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "p99 vs direct", "failed"],
          [[TARGET_NAMES[t], f"{latency[('product-read', t)]['rate']:.0f}", latency[("product-read", t)]["p50"],
            latency[("product-read", t)]["p90"], latency[("product-read", t)]["p99"],
            latency[("product-read", t)]["max"],
            ratio(latency[("product-read", t)]["p99"], latency[("product-read", "direct")]["p99"]),
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

if startup or rss:
    out("## 4. Start-up and resident memory")
    out()
    memory = collections.defaultdict(dict)
    for when, name, kilobytes in rss:
        memory[name][when] = int(kilobytes) / 1024
    started = {name: (a, b) for name, a, b in startup}
    names = list(dict.fromkeys([row[0] for row in startup] + list(memory)))
    table(["instance", "started in s (Spring)", "JVM running for s", "RSS idle MiB", "RSS after load MiB"],
          [[name, started.get(name, ("-", "-"))[0], started.get(name, ("-", "-"))[1],
            f"{memory[name].get('idle', 0):.0f}", f"{memory[name].get('loaded', 0):.0f}"] for name in names])


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
              [TARGET_NAMES[t] for t in present], {"requests/s": [throughput(t) for t in present]})
if reads:
    bar_chart("latency.svg", f"GET /api/products/{{id}} at a fixed rate (Gatling): latency", "ms",
              [TARGET_NAMES[t] for t in reads],
              {"p50": [latency[("product-read", t)]["p50"] for t in reads],
               "p99": [latency[("product-read", t)]["p99"] for t in reads]})
if "gateway" in present and "nginx" in present:
    bar_chart("proxy-cost.svg", "CPU per request of the proxy (µs)", "µs", ["gateway (+ Redis)", "nginx"],
              {"CPU µs": [cpu_per_request("gateway", "8080") + cpu_per_request("gateway", "redis"),
                          cpu_per_request("nginx", "nginx")]})
if rss:
    names = list(dict.fromkeys(name for _, name, _ in rss))
    values = {when: [next((int(k) / 1024 for w, n, k in rss if w == when and n == name), 0) for name in names]
              for when in dict.fromkeys(w for w, _, _ in rss)}
    bar_chart("memory.svg", "Resident memory per instance (MiB)", "MiB", names, values)

(OUT / "report.md").write_text("\n".join(lines) + "\n")
print(f"Report: {OUT / 'report.md'}")
