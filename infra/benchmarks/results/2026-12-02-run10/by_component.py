# by_component.py collapsed.txt [stack-regex]: async-profiler collapsed stacks, each sample put down to the component of its innermost matching frame
import re,sys,collections
sys.path.insert(0,'/tmp/jfr')
cats=[('jwt',r'com/nimbusds|com\.nimbusds|sun/security|sun\.security|BigInteger|JwtDecoder'),
('db',r'org/postgresql|org\.postgresql|com/zaxxer|com\.zaxxer|springframework/jdbc|springframework\.jdbc'),
('kafka',r'org/apache/kafka|org\.apache\.kafka'),('json',r'tools/jackson|tools\.jackson|fasterxml'),
('tracing',r'micrometer/tracing|micrometer\.tracing|opentelemetry|micrometer/observation|micrometer\.observation'),
('metrics',r'micrometer/core|micrometer\.core|io/prometheus|io\.prometheus'),('log',r'logback|slf4j'),
('httpclient',r'jdk/internal/net/http|jdk\.internal\.net\.http|web/client|web\.client|http/client|http\.client'),
('redis',r'lettuce|data/redis|data\.redis'),('tx',r'springframework/transaction|springframework\.transaction'),
('mvc',r'web/servlet|web\.servlet|web/method|web\.method|http/converter|http\.converter|validation|hibernate'),
('security',r'springframework/security|springframework\.security'),('tomcat',r'catalina|coyote|apache/tomcat|apache\.tomcat'),
('spring-kafka',r'springframework/kafka|springframework\.kafka'),('mail',r'jakarta/mail|jakarta\.mail|angus|springframework/mail|springframework\.mail'),
('bazaar',r'io/bazaar|io\.bazaar'),('jit',r'CompileBroker|C2Compiler|Compile::|PhaseIdealLoop'),('gc',r'G1|GCTask|WorkerThread|ConcurrentGCThread'),('jfr',r'jdk/jfr|jdk\.jfr')]
cre=[(n,re.compile(p)) for n,p in cats]
c=collections.Counter(); top=collections.Counter(); tot=0; ex=collections.defaultdict(collections.Counter)
rr=re.compile(sys.argv[2]) if len(sys.argv)>2 else None
for line in open(sys.argv[1]):
    st,_,n=line.rstrip().rpartition(' '); n=int(n)
    if rr and not rr.search(st): continue
    fr=st.split(';'); tot+=n
    got='other'
    for f in reversed(fr):
        hit=[nm for nm,r in cre if r.search(f)]
        if hit: got=hit[0]; break
    c[got]+=n; ex[got][fr[-1][:70]]+=n
    # thread-ish root: first frames
    root=';'.join(fr[:3])[:140]; top[root]+=n
print('samples',tot)
for k,v in c.most_common(): print(f'{v*100/tot:5.1f}% {k:12s} e.g. '+' | '.join(a for a,_ in ex[k].most_common(2)))
print('-- roots'); [print(f'{v*100/tot:5.1f}% {k}') for k,v in top.most_common(18)]
