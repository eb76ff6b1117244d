import sys
def load(f):
    d={}
    for l in open(f):
        p=l.rstrip('\n').split('\t')
        if p[0]=='db': d[('db',p[1])]=list(map(int,p[2:]))
        if p[0]=='tbl': d[('tbl',p[1]+'.'+p[2])]=list(map(int,p[3:]))
    return d
a=load(sys.argv[1]); b=load(sys.argv[2])
orders=b[('tbl','orders.customer_order')][2]-a[('tbl','orders.customer_order')][2]
print('orders', orders)
for k in sorted(a):
    d=[y-x for x,y in zip(a[k],b.get(k,a[k]))]
    if k[0]=='db': print(k[1], 'commits/order %.2f'%(d[0]/orders))
    elif any(d): print(k[1], 'seq %.2f idx %.2f ins %.2f upd %.2f hot %.2f'%(d[0]/orders,d[1]/orders,d[2]/orders,d[3]/orders,d[5]/orders))
