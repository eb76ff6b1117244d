# owners.py <collapsed>: samples by owner = first frame from the leaf up matching a pattern
import sys,re,collections
owners=[('jdbc/postgres','org/postgresql'),('hikari','com/zaxxer'),('kafka-client','org/apache/kafka'),('spring-kafka','springframework/kafka'),
('tracing','io/micrometer/tracing|brave/|io/opentelemetry'),('metrics/observation','io/micrometer'),('logging','ch/qos/logback|org/slf4j|StructuredLog|logging/structured'),
('jackson','tools/jackson|com/fasterxml'),('security/jwt','springframework/security|com/nimbusds'),('lettuce/redis','io/lettuce|data/redis'),('tomcat','org/apache/(coyote|tomcat|catalina)'),
('mail','jakarta/mail|eclipse/angus|springframework/mail'),('jdbc-spring','springframework/jdbc|springframework/transaction|springframework/orm'),('mvc','springframework/web'),
('bazaar','io/bazaar'),('netty','io/netty|reactor'),('GC','G1|GC|gc_|ParallelGC|Parallel'),('JIT','C1|C2|Compil|compile'),('VM','^(VM|Thread::|JVM|Interpreter|SafepointSynchronize|os::|Monitor|Mutex)'),('kernel/libc','\\[k\\]|^__|libc|epoll|futex|syscall|write|read'),]
c=collections.Counter(); tot=0; ex=collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    st,n=line.rstrip().rsplit(' ',1); n=int(n); tot+=n
    fr=st.split(';'); own='other'
    for x in reversed(fr):
        for name,p in owners[:-1]:
            if re.search(p,x): own=name; break
        if own!='other': break
    if own=='other':
        for x in reversed(fr):
            if re.search(owners[-1][1],x): own=owners[-1][0]; break
    if own=='other': ex['other'][fr[-1]]+=n
    c[own]+=n
    # thread-ish root
for k,v in c.most_common(): print(f'{v*100/tot:5.1f}% {v:6d} {k}')
print('total',tot)

if len(sys.argv)>2:
    for k,v in ex['other'].most_common(15): print('   other leaf',v,k)
