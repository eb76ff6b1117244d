import sys,collections
# summarise collapsed stacks: top "interesting" frames and thread roots
f=sys.argv[1]; n=int(sys.argv[2]) if len(sys.argv)>2 else 25
tot=0; roots=collections.Counter(); leafish=collections.Counter()
for line in open(f):
    stack,c=line.rsplit(' ',1); c=int(c); tot+=c
    frames=stack.split(';')
    roots[frames[0][:60]]+=c
    # first frame from io.bazaar / org.springframework / kafka / netty etc. that names work
    key=None
    for fr in frames:
        if any(k in fr for k in ('io/bazaar','io.bazaar')): key=fr
    if key is None:
        for fr in frames:
            if any(k in fr for k in ('org/apache/kafka','org.apache.kafka','com/zaxxer','io/lettuce','org/springframework/scheduling','io/micrometer','io/opentelemetry','org/apache/tomcat','io/netty','reactor','ch/qos','GC','C1','C2','Thread::','VM')):
                key=fr; break
    leafish[(key or frames[-1])[:110]]+=c
print('total samples',tot)
for k,v in roots.most_common(12): print(f'{100*v/tot:5.1f}% root {k}')
print('--')
for k,v in leafish.most_common(n): print(f'{100*v/tot:5.1f}% {k}')
