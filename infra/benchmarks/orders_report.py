#!/usr/bin/env python3
"""The report of infra/benchmarks/orders.sh: one row per step, the knee, each service's idle
CPU and the checks. Writes report.md into the results directory and prints it; exits 1 when a
check fails.

usage: orders_report.py <results directory> <clock ticks per second> <cores> "<services>"
"""
import bisect
import collections
import os
import sys

out, hz, cores, services = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()

steps, latencies, windows, settings = [], {}, {}, []
settle = None
for line in open(os.path.join(out, "results.tsv")):
    fields = line.rstrip("\n").split("\t")
    if fields[0] == "step":
        step = fields[1:]
        if len(step) < 10:
            # the step's outcomes could not be read (orders.sh said so): shown as "?"
            step = step[:2] + ["?"] * 8
        steps.append(step)
    elif fields[0] == "latency":
        # label, simulation, request, count, failures, seconds, p50, p90, p99, max, mean
        latencies[fields[1]] = fields[2:]
    elif fields[0] == "window":
        windows[fields[1]] = tuple(int(value) for value in " ".join(fields[2:]).split())
    elif fields[0] == "settle":
        settle = fields[1:]
    elif fields[0] == "setting":
        settings.append((fields[1], fields[2]))

samples = collections.defaultdict(list)
for line in open(os.path.join(out, "cpu-samples.txt")):
    parts = line.split()
    if len(parts) == 3:
        samples[parts[1]].append((int(parts[0]), int(parts[2])))


def number(text, unknown=float("inf")):
    try:
        return float(text)
    except (TypeError, ValueError):
        return unknown


def whole(text, unknown=0):
    """A count from results.tsv; `unknown` where it could not be read ("?")."""
    return int(text) if text.isdigit() else unknown


def cpu_seconds(subject, start, end):
    """CPU seconds the subject used between the samples nearest outside [start, end]."""
    series = samples.get(subject, [])
    if len(series) < 2:
        return 0.0
    times = [time for time, _ in series]
    first = max(0, bisect.bisect_right(times, start) - 1)
    last = min(len(series) - 1, bisect.bisect_left(times, end))
    return max(0, series[last][1] - series[first][1]) / hz


def sampled_span(subject, start, end):
    series = samples.get(subject, [])
    times = [time for time, _ in series]
    first = max(0, bisect.bisect_right(times, start) - 1)
    last = min(len(series) - 1, bisect.bisect_left(times, end))
    return max(1e-9, (series[last][0] - series[first][0]) / 1000)


subjects = [name for name in samples if name != "machine" and not name.endswith("@jit")]
# the part of each JVM's CPU its JIT compiler threads used (already counted in its subject)
compilers = [name for name in samples if name.endswith("@jit")]
lines = ["# Order throughput", ""]
lines += [f"- {name}: {value}" for name, value in settings]
lines += ["", "| orders/s offered | placed | confirmed | cancelled | unfinished | confirmed/s | POST p50 ms | POST p99 ms "
          "| POST failed | placed→CONFIRMED p50 ms | p99 ms | machine busy | CPU per confirmed order (all processes) "
          "| of which JIT compilers | busiest process |", "|" + "---:|" * 15]
rows = []
for label, rate, placed, confirmed, cancelled, unfinished, p50, p99, _max, per_second in steps:
    window = windows.get(label)
    latency = latencies.get(label, ["", "", "0", "0", "0", "-", "-", "-", "-", "-"])
    post_p50, post_p99, failed = latency[5], latency[7], int(latency[3])
    busy = per_order = compiling = "-"
    busiest = "-"
    if window:
        start, end = window
        span = sampled_span("machine", start, end)
        machine = cpu_seconds("machine", start, end)
        busy = f"{100 * machine / span / cores:.0f}% of {cores} cores"
        used = {subject: cpu_seconds(subject, start, end) for subject in subjects}
        if whole(confirmed) > 0:
            per_order = f"{1000 * sum(used.values()) / whole(confirmed):.1f} ms"
            compiled = sum(cpu_seconds(subject, start, end) for subject in compilers)
            compiling = f"{1000 * compiled / whole(confirmed):.1f} ms"
        top = max(used, key=used.get)
        busiest = f"{top} {100 * used[top] / span:.0f}% of a core"
    rows.append(dict(label=label, rate=float(rate), placed=whole(placed), confirmed=whole(confirmed),
                     unfinished=whole(unfinished, unknown=1), per_second=number(per_second, 0.0), post_p99=post_p99,
                     confirm_p99=p99, failed=failed))
    lines.append(f"| {label if label == 'warmup' else rate} {'(warm-up)' if label == 'warmup' else ''} | {placed} "
                 f"| {confirmed} | {cancelled} | {unfinished} | {per_second} | {post_p50} | {post_p99} | {failed} "
                 f"| {p50} | {p99} | {busy} | {per_order} | {compiling} | {busiest} |")

measured = [row for row in rows if row["label"] != "warmup"]



def healthy(row):
    return (row["per_second"] >= 0.9 * row["rate"] and row["unfinished"] == 0
            and row["failed"] <= 0.01 * max(1, row["placed"] + row["failed"]) and number(row["confirm_p99"]) <= 1000)


knee = next((row for row in measured if not healthy(row)), None)
lines += ["", "Knee: " + (f"{knee['label']} orders/s, the first step that did not confirm ≥ 90% of its rate "
                          "with every order finished, ≤ 1% failed placements and placed→CONFIRMED p99 ≤ 1 s"
                          if knee else "none within the steps run")]

idle = windows.get("idle")
idle_share = {}
if idle:
    start, end = idle
    backlog = ("" if not settle or settle[0] == "1" else
               f" (the backlog had not cleared: {settle[2]} orders unfinished, {settle[3]} e-mails pending)")
    lines += ["", f"Idle CPU over {(end - start) / 1000:.0f} s (% of one core){backlog}:", ""]
    for service in services:
        idle_share[service] = 100 * cpu_seconds(service, start, end) / sampled_span(service, start, end)
        lines.append(f"- {service}: {idle_share[service]:.2f}%")

checks = []


def check(name, passed, detail):
    checks.append((name, passed, detail))


best = max((row["per_second"] for row in measured if row["unfinished"] == 0), default=0)
check("≥ 100 confirmed orders/s sustained for a step, every order finished", best >= 100,
      f"best {best:.1f}/s")
at_50 = next((row for row in measured if row["rate"] == 50), None)
if at_50:
    check("at 50 orders/s: placed→CONFIRMED p99 ≤ 1 s", number(at_50["confirm_p99"]) <= 1000,
          f"{at_50['confirm_p99']} ms")
    check("at 50 orders/s: POST /api/orders p99 ≤ 100 ms", number(at_50["post_p99"]) <= 100,
          f"{at_50['post_p99']} ms")
for service, share in idle_share.items():
    check(f"idle CPU of {service} ≤ 1% of a core", share <= 1.0, f"{share:.2f}%")

lines += ["", "Checks:", ""]
lines += [f"- {'PASS' if passed else 'FAIL'} {name}: {detail}" for name, passed, detail in checks]
report = "\n".join(lines) + "\n"
with open(os.path.join(out, "report.md"), "w") as file:
    file.write(report)
print(report)
sys.exit(0 if all(passed for _, passed, _ in checks) else 1)
