# Profile samples (async-profiler, collapsed stacks) by owner: each sample goes to the first frame,
# from the leaf up, that matches an owner pattern.  by_owner.py <collapsed.txt> [requests]
import sys,re,collections
f=sys.argv[1]; reqs=float(sys.argv[2]) if len(sys.argv)>2 else 0
owners=[('security','org/springframework/security'),('observation/metrics','io/micrometer/(observation|core)|ServerHttpObservationFilter|observation/Default|ObservationWebFilter|RouteTaggedRequestConvention'),('tracing','io/micrometer/tracing|brave/'),
('accesslog/logging','AccessLogFilter|ch/qos/logback|StructuredLog|org/slf4j'),('ratelimit','io/bazaar/gateway/ratelimit|io/lettuce'),('resilience','io/bazaar/gateway/resilience|resilience4j'),
('limits','io/bazaar/gateway/limits'),('loadbalancing','io/bazaar/gateway/loadbalancing|springframework/cloud/loadbalancer|springframework/cloud/client'),('requestid/headers','RequestIdFilter|UpstreamRequestHeaders|IdentityHeader'),
('problem','io/bazaar/gateway/problem'),('cors','cors/reactive'),('GC/VM/JIT','^(G1|GC|VM |C1|C2|Compiler|Thread::|JVM|Interpreter)'),('gateway filters(scg)','springframework/cloud/gateway/filter'),('scg handler','springframework/cloud/gateway/handler|springframework/cloud/gateway/route'),('webflux','springframework/web|springframework/http'),('netty http server','reactor/netty/http/server'),('netty http client','reactor/netty/http/client|reactor/netty/resources'),('netty','io/netty|reactor/netty'),('reactor','reactor/core'),]
c=collections.Counter(); tot=0
for line in open(f):
    st,n=line.rstrip().rsplit(' ',1); n=int(n); tot+=n
    fr=st.split(';'); own='other'
    for x in reversed(fr):
        for name,p in owners:
            if re.search(p,x): own=name; break
        if own!='other': break
    c[own]+=n
for k,v in c.most_common(): print(f'{v*100/tot:5.1f}% {v/reqs if reqs else 0:8.4f}/req {k}')
print('total',tot)
