import sys,re,collections
acts=[('JIT','CompileBroker|C2Compiler|C1Compiler'),('GC','G1|GCTaskThread|WorkerThread::run|ConcurrentGCThread'),
('http: catalog call (client)','CatalogClient'),('http: OrderPlacement tx','OrderPlacement.place|OrderPlacement\\.'),
('http: json read/write','AbstractMessageConverterMethod|HttpMessageConverter'),('http: validation','hibernate/validator'),
('http: security filters','FilterChainProxy|springframework/security'),('http: observation filter','ServerHttpObservationFilter'),
('http: other mvc','DispatcherServlet|FrameworkServlet'),('http: tomcat','org/apache/(coyote|tomcat|catalina)'),
('listener: inventory','InventoryEventListener'),('listener: payment','PaymentWorker|payment'),('notification listener','notification'),('outbox relay','OutboxRelay|outbox'),
('kafka client','org/apache/kafka'),('spring-kafka','springframework/kafka'),('catalog: product lookup','ProductController|io/bazaar/catalog/product'),('catalog: reservations','io/bazaar/catalog/(inventory|stock|reserv)'),('catalog listener/svc','io/bazaar/catalog'),('jdbc','org/postgresql|zaxxer'),('lettuce/netty','io/lettuce|io/netty'),('reactor','reactor/'),('prometheus','io/prometheus'),('jdk httpclient','jdk/internal/net/http'),('vthread sched','ForkJoinPool|VirtualThread|Poller'),('VM/other native','.*')]
f=sys.argv[1]; c=collections.Counter(); tot=0
for line in open(f):
    st,n=line.rstrip().rsplit(' ',1); n=int(n); tot+=n
    for name,p in acts:
        if re.search(p,st): c[name]+=n; break
for k,v in c.most_common(): print(f'{v*100/tot:5.1f}% {k}')
print('total',tot)
