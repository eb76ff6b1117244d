# per_process.py <orders.sh results directory> <step>: each process's share of a core and its CPU
# per confirmed order over the step's window, from cpu-samples.txt (clock ticks of 10 ms).
import sys
run, step = sys.argv[1], sys.argv[2]
rows = [line.rstrip('\n').split('\t') for line in open(f'{run}/results.tsv')]
start, end = (int(x) // 1000 for x in next(r for r in rows if r[0] == 'window' and r[1] == step)[2].split())
confirmed = int(next(r for r in rows if r[0] == 'step' and r[1] == step)[4])
first, last = {}, {}
for line in open(f'{run}/cpu-samples.txt'):
    at, subject, ticks = line.split()
    at = int(at) // 1000
    if start <= at <= end:
        first.setdefault(subject, int(ticks))
        last[subject] = int(ticks)
seconds = end - start
print(f'{run} step {step}: {confirmed} confirmed over {seconds} s')
for subject in sorted(last, key=lambda s: first[s] - last[s]):
    cpu = (last[subject] - first[subject]) / 100
    print(f'  {subject:22s} {cpu * 100 / seconds:5.1f}% of a core  {cpu * 1000 / confirmed:6.1f} ms per confirmed order')
