# CPU of each thread of the given processes over N seconds, grouped by thread name (digits folded),
# from /proc/<pid>/task/*/stat.  threads.py <seconds> <pid> ...
import os,sys,time,re,collections
pids=[int(x) for x in sys.argv[2:]]; N=float(sys.argv[1]); hz=os.sysconf('SC_CLK_TCK')
def snap(pid):
    r={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try: s=open(f'/proc/{pid}/task/{t}/stat').read()
        except OSError: continue
        name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
        r[t]=(name,int(f[11])+int(f[12]))
    return r
a={p:snap(p) for p in pids}; time.sleep(N); b={p:snap(p) for p in pids}
for p in pids:
    c=collections.Counter(); tot=0
    for t,(name,v) in b[p].items():
        d=v-a[p].get(t,(name,0))[1]; tot+=d
        c[re.sub(r'\d+','#',name)]+=d
    print(f'== {p} total {tot/hz/N*100:.2f}% of a core')
    for k,v in c.most_common(8):
        if v: print(f'   {v/hz/N*100:5.2f}% {k}')
