# JFR execution samples (jfr print --events jdk.ExecutionSample --stack-depth 400) of the event-loop
# threads, each attributed to the innermost filter, handler or observation class on its stack.
#   byfilter.py samples.txt [rows]
import re,sys,collections
t=open(sys.argv[1]).read().split('jdk.ExecutionSample {')[1:]
c=collections.Counter(); n=0
pat=re.compile(r'(Filter|Handler|Firewall|Matcher|Observation|Appender|Logger|Decoder|Balancer|Supplier|Encoder|Codec)[\w$]*\.')
for e in t:
    if 'epoll' not in e and 'nio' not in e: continue
    fr=re.findall(r'^\s+([\w$.<>]+)\(',e,re.M)
    if not fr: continue
    n+=1
    owner='(none)'
    for f in fr:
        cls=f.rsplit('.',1)[0]
        if (cls.startswith('org.springframework') or cls.startswith('io.bazaar') or cls.startswith('io.micrometer') or cls.startswith('ch.qos') or cls.startswith('reactor.netty.http')) and pat.search(f):
            owner=cls.split('$')[0]; break
    c[owner]+=1
print('samples',n)
for k,v in c.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 45): print(f'{v*100/n:5.1f}% {k}')
