// A chain of loopback TCP relays: a writer stamps a 200-byte line every millisecond, it crosses H relay processes
// (each a blocking read then a write), the last reader prints p50/p90/p99/max of (arrival - stamp). argv: seconds hops
// gcc -O2 -o lat docs/lat.c && ./lat 10 3
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
static long now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000L+t.tv_nsec;}
static int lst(struct sockaddr_in*a){int ls=socket(AF_INET,SOCK_STREAM,0);a->sin_family=AF_INET;a->sin_port=0;a->sin_addr.s_addr=htonl(0x7f000001);
 bind(ls,(void*)a,sizeof *a);listen(ls,1);socklen_t al=sizeof *a;getsockname(ls,(void*)a,&al);return ls;}
static int con(struct sockaddr_in*a){int s=socket(AF_INET,SOCK_STREAM,0);connect(s,(void*)a,sizeof *a);int one=1;setsockopt(s,IPPROTO_TCP,TCP_NODELAY,&one,sizeof one);return s;}
static int cmp(const void*a,const void*b){long x=*(long*)a,y=*(long*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){int secs=atoi(argv[1]),hops=atoi(argv[2]);
 struct sockaddr_in a; int ls=lst(&a);
 // chain: writer -> relay1 -> ... -> reader(listening on ls)
 struct sockaddr_in next=a;
 for(int h=0;h<hops;h++){struct sockaddr_in b;int l2=lst(&b);
   if(fork()==0){int in=accept(l2,NULL,NULL);int out=con(&next);char buf[4096];ssize_t n;int one=1;
     while((n=read(in,buf,sizeof buf))>0){write(out,buf,n);} _exit(0);}
   close(l2); next=b;}
 if(fork()==0){int s=con(&next);char line[200];memset(line,'x',199);line[199]='\n';long t=now();
   for(long i=0;i<secs*1000L;i++){t+=1000000;struct timespec ts={t/1000000000L,t%1000000000L};
     clock_nanosleep(CLOCK_MONOTONIC,TIMER_ABSTIME,&ts,NULL);long st=now();memcpy(line,&st,8);write(s,line,200);} close(s);_exit(0);}
 int c=accept(ls,NULL,NULL);long *lat=malloc(sizeof(long)*secs*1000L+16);long k=0;char buf[65536];int fill=0;ssize_t n;
 while((n=read(c,buf+fill,sizeof buf-fill))>0){fill+=n;long t=now();while(fill>=200){long st;memcpy(&st,buf,8);lat[k++]=t-st;memmove(buf,buf+200,fill-200);fill-=200;}}
 qsort(lat,k,sizeof(long),cmp);printf("hops=%d lines=%ld p50 %.1f us p90 %.1f p99 %.1f max %.1f\n",hops,k,lat[k/2]/1e3,lat[k*9/10]/1e3,lat[k*99/100]/1e3,lat[k-1]/1e3);
 while(wait(NULL)>0);}
