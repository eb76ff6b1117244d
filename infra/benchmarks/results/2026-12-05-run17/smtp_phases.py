import smtplib, sys, time
# Times each phase of fresh SMTP sessions (connect and greeting, EHLO, one message, QUIT) against
# the local mail server: python3 smtp_phases.py [smtp port, 1025]
from collections import defaultdict
T=defaultdict(float); n=50
for i in range(n):
    t=time.perf_counter(); s=smtplib.SMTP("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 1025); T['connect+greeting']+=time.perf_counter()-t
    t=time.perf_counter(); s.ehlo(); T['ehlo']+=time.perf_counter()-t
    t=time.perf_counter(); s.sendmail('a@b.example',['c@d.example'],'Subject: x\r\n\r\nhello\r\n'); T['send']+=time.perf_counter()-t
    t=time.perf_counter(); s.quit(); T['quit']+=time.perf_counter()-t
for k,v in T.items(): print(k,'%.2f ms'%(v*1000/n))
