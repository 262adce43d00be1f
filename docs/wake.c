// A thread blocked in read() on a loopback TCP socket, woken by one 200-byte line a millisecond (written by
// another process); prints the reader thread's CPU per wake-up (RUSAGE_THREAD). argv[1]=seconds argv[2]=quickack(0/1)
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
static double tv(struct timeval t){return t.tv_sec+t.tv_usec/1e6;}
int main(int argc,char**argv){
  int secs=atoi(argv[1]), qa=atoi(argv[2]);
  int ls=socket(AF_INET,SOCK_STREAM,0); struct sockaddr_in a={0}; a.sin_family=AF_INET; a.sin_addr.s_addr=htonl(0x7f000001);
  bind(ls,(void*)&a,sizeof a); listen(ls,1); socklen_t al=sizeof a; getsockname(ls,(void*)&a,&al);
  pid_t w=fork();
  if(w==0){ int s=socket(AF_INET,SOCK_STREAM,0); connect(s,(void*)&a,sizeof a); char line[200]; memset(line,'x',199); line[199]='\n';
    struct timespec next; clock_gettime(CLOCK_MONOTONIC,&next);
    for(long i=0;i<secs*1000L;i++){ next.tv_nsec+=1000000; if(next.tv_nsec>=1000000000){next.tv_nsec-=1000000000;next.tv_sec++;}
      clock_nanosleep(CLOCK_MONOTONIC,TIMER_ABSTIME,&next,NULL); write(s,line,200);} close(s); _exit(0);}
  int c=accept(ls,NULL,NULL); char buf[65536]; long reads=0,bytes=0; int one=1;
  struct rusage r0,r1; getrusage(RUSAGE_THREAD,&r0);
  for(;;){ ssize_t n=read(c,buf,sizeof buf); if(n<=0)break; reads++; bytes+=n; if(qa) setsockopt(c,IPPROTO_TCP,TCP_QUICKACK,&one,sizeof one);}
  getrusage(RUSAGE_THREAD,&r1); waitpid(w,NULL,0);
  double u=tv(r1.ru_utime)-tv(r0.ru_utime), s=tv(r1.ru_stime)-tv(r0.ru_stime);
  printf("quickack=%d reads=%ld lines=%ld user=%.3fs sys=%.3fs -> %.2f us CPU per read\n",qa,reads,bytes/200,u,s,(u+s)/reads*1e6);
  return 0;}
