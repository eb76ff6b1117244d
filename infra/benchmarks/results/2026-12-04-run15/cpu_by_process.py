"""CPU of each process over each window of an orders.sh run, as % of one core and as ms per
confirmed order: python3 cpu_by_process.py <results directory> (reads results.tsv and
cpu-samples.txt, whose figures are cumulative CPU in clock ticks of 10 ms)."""
import collections
import sys

directory = sys.argv[1]
windows, confirmed = {}, {}
for line in open(directory + '/results.tsv'):
    fields = line.rstrip('\n').split('\t')
    if fields[0] == 'window':
        bounds = fields[2].split() if ' ' in fields[2] else fields[2:4]
        windows[fields[1]] = (int(bounds[0]), int(bounds[1]))
    elif fields[0] == 'step':
        confirmed[fields[1]] = int(fields[4])
samples = collections.defaultdict(list)
for line in open(directory + '/cpu-samples.txt'):
    millis, name, ticks = line.split()
    samples[name].append((int(millis), float(ticks)))


def nearest(series, millis):
    return min(series, key=lambda sample: abs(sample[0] - millis))


for window, (start, end) in windows.items():
    shares = []
    for name, series in samples.items():
        first, last = nearest(series, start), nearest(series, end)
        shares.append((name, (last[1] - first[1]) * 10 / max(1, last[0] - first[0]) * 100))
    line = f"{window}: " + ' '.join(f"{name}={share:.0f}%" for name, share in shares)
    if confirmed.get(window):
        seconds = (end - start) / 1000
        line += '\n  ms per confirmed order: ' + ' '.join(
            f"{name}={share / 100 * seconds * 1000 / confirmed[window]:.1f}" for name, share in shares)
    print(line)
