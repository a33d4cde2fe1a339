// TACACS+ load generator in C, driven by bench/tacacs-load.ts (see radius.c for why a C one): each
// client keeps one PAP authentication in flight, either on its own long-lived connection
// (single-connect: back-to-back sessions) or on a new connection per authentication. Packets come
// pre-obfuscated from a pool file written by the TypeScript side with our codec, each with the first
// byte of the reply's pad (session id, key, version, seq_no 2) so the reply's status byte can be read
// without MD5 here; every 64th reply is written whole to a sample file that the TypeScript side
// decodes with the key.
//
// usage: tacacs <port> <pool> <clients> <seconds> <single|new> <samples-out>
// pool: u32 count, then per packet: u16 length (LE) + packet bytes + 1 pad byte.
// prints one JSON line: ok, bad, lost, secs, p50_ms, p99_ms, cpu_us (this process, user + system).
#include "common.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define PASS 1
#define SAMPLE_EVERY 64

typedef struct {
  int fd;
  int connected;
  int busy; // an authentication is in flight
  uint32_t conns; // connections opened (a new fd may reuse the old one's number)
  int64_t sent_at;
  uint32_t n, seed;
  uint32_t cur; // pool index of the request in flight
  uint8_t buf[8192];
  size_t have;
} Client;

static Packet *pool;
static uint32_t pool_n;
static long ok, bad, lost;
static FILE *samples;
static int single, ep, port, stopping;
static struct sockaddr_in to;

static void open_conn(Client *c) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (c->fd < 0) die("socket");
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  c->have = 0;
  c->connected = 0;
  c->conns++;
  if (connect(c->fd, (struct sockaddr *)&to, sizeof to) < 0 && errno != EINPROGRESS) die("connect");
  struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
  epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
}

static void close_conn(Client *c) {
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  c->fd = -1;
}

static void send_next(Client *c) {
  c->cur = (c->seed + c->n++ * 64) % pool_n;
  const Packet *p = &pool[c->cur];
  if (write(c->fd, p->bytes, p->len) != p->len) die("write");
}

/** Starts the next authentication: a new connection (sent once connected) or the next session. */
static void start(Client *c) {
  c->busy = 1;
  c->sent_at = now_ns();
  if (single && c->fd >= 0) send_next(c);
  else open_conn(c);
}

static void on_reply(Client *c, const uint8_t *r, uint32_t n, int64_t now) {
  c->busy = 0;
  record_latency(now - c->sent_at);
  const Packet *p = &pool[c->cur];
  int status = n > 12 ? (r[12] ^ p->trailer) : -1;
  if (status == PASS) {
    if ((ok % SAMPLE_EVERY) == 0) {
      uint32_t head = c->cur;
      uint16_t len = n;
      fwrite(&head, 4, 1, samples);
      fwrite(&len, 2, 1, samples);
      fwrite(r, 1, n, samples);
    }
    ok++;
  } else {
    bad++;
  }
  if (!single) close_conn(c);
  if (!stopping) start(c);
}

static void on_event(Client *c, uint32_t events) {
  if (!c->connected) {
    if (events & (EPOLLERR | EPOLLHUP)) {
      lost++;
      c->busy = 0;
      close_conn(c);
      if (!stopping) start(c);
      return;
    }
    if (!(events & EPOLLOUT)) return;
    c->connected = 1;
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    send_next(c);
    return;
  }
  ssize_t got = read(c->fd, c->buf + c->have, sizeof c->buf - c->have);
  if (got <= 0) {
    if (got < 0 && errno == EAGAIN) return;
    lost++; // the server closed (or reset) the connection before replying
    c->busy = 0;
    close_conn(c);
    if (!stopping) start(c);
    return;
  }
  c->have += got;
  int64_t now = now_ns();
  while (c->have >= 12) {
    uint32_t len = 12 + ((uint32_t)c->buf[8] << 24 | c->buf[9] << 16 | c->buf[10] << 8 | c->buf[11]);
    if (len > sizeof c->buf) {
      errno = EMSGSIZE;
      die("reply too long");
    }
    if (c->have < len) break;
    uint32_t conn = c->conns;
    on_reply(c, c->buf, len, now);
    if (c->conns != conn || c->fd < 0) return; // closed (and maybe reopened): nothing more to read
    memmove(c->buf, c->buf + len, c->have - len);
    c->have -= len;
  }
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: tacacs <port> <pool> <clients> <seconds> <single|new> <samples-out>\n");
    return 2;
  }
  port = atoi(argv[1]);
  prog = "loadgen tacacs";
  pool = load_pool(argv[2], &pool_n, 1, 1);
  int nclients = atoi(argv[3]);
  double seconds = atof(argv[4]);
  single = strcmp(argv[5], "single") == 0;
  samples = fopen(argv[6], "wb");
  if (!samples) die(argv[6]);
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  ep = epoll_create1(0);
  Client *clients = calloc(nclients, sizeof(Client));

  if (single) {
    // Connect every client before the clock starts (as the Node generator does).
    for (int i = 0; i < nclients; i++) {
      Client *c = &clients[i];
      c->seed = i;
      c->fd = socket(AF_INET, SOCK_STREAM, 0);
      int one = 1;
      setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (connect(c->fd, (struct sockaddr *)&to, sizeof to) < 0) die("connect");
      c->connected = 1;
      struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
      epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
    }
  } else {
    for (int i = 0; i < nclients; i++) {
      clients[i].seed = i;
      clients[i].fd = -1;
    }
  }

  double cpu0 = cpu_us();
  int64_t t0 = now_ns(), end = t0 + (int64_t)(seconds * 1e9);
  for (int i = 0; i < nclients; i++) start(&clients[i]);
  struct epoll_event evs[256];
  for (;;) {
    int64_t now = now_ns();
    if (!stopping && now >= end) stopping = 1;
    if (stopping) {
      // Clients finish the authentication in flight; a second after the end the rest are lost.
      int busy = 0;
      for (int i = 0; i < nclients; i++) busy += clients[i].busy;
      if (busy == 0 || now >= end + 1000000000LL) {
        lost += busy;
        break;
      }
    }
    int n = epoll_wait(ep, evs, 256, 50);
    if (n < 0 && errno != EINTR) die("epoll_wait");
    for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events);
  }
  double secs = (now_ns() - t0) / 1e9;
  fclose(samples);
  print_result(ok, bad, lost, secs, cpu_us() - cpu0);
  return 0;
}
