// RADIUS load generator in C, driven by bench/radius-load.ts. The reference figures come
// from C servers measured with a generator sharing the two cores; the Node generator costs 11-14 µs
// of CPU per request there, about as much as the server's socket path, so this one does the same
// job for a fraction: pre-signed packets from a pool file (the TypeScript side signs them with our
// codec), recvmmsg/sendmmsg per readable socket, no crypto here. It checks each reply's code and
// Identifier and writes every 1024th reply to a sample file that the TypeScript side verifies with
// the secret (Response Authenticator and Message-Authenticator).
//
// usage: radius <port> <pool> <sockets> <outstanding> <seconds> <expect-code> <samples-out>
// pool: u32 variants, then for each Identifier 0..255 and variant: u16 length (LE) + packet bytes.
// prints one JSON line: ok, bad, lost, secs, p50_ms, p99_ms, cpu_us (this process, user + system).
#include "common.h"
#include <arpa/inet.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
#define TIMEOUT_NS 1000000000LL
#define SAMPLE_EVERY 1024

typedef struct {
  int fd;
  int64_t sent_at[256]; // -1: Identifier free
  uint16_t variant[256];
  int next_id;
  int in_flight;
  struct mmsghdr out[BATCH];
  struct iovec out_iov[BATCH];
  int n_out;
} Flow;

static Packet *pool; // [id * variants + v]
static uint32_t variants;
static int expect_code, stopping;
static long ok, bad, lost;
static FILE *samples;

/** Queues the next request on a free Identifier (sent by flush()). */
static void queue_send(Flow *fl, int64_t now) {
  int id = fl->next_id;
  while (fl->sent_at[id] >= 0) id = (id + 1) & 0xff;
  fl->next_id = (id + 1) & 0xff;
  uint16_t v = fl->variant[id];
  fl->variant[id] = (v + 1) % variants;
  Packet *p = &pool[id * variants + v];
  fl->sent_at[id] = now;
  fl->in_flight++;
  struct iovec *iov = &fl->out_iov[fl->n_out];
  iov->iov_base = (void *)p->bytes;
  iov->iov_len = p->len;
  memset(&fl->out[fl->n_out].msg_hdr, 0, sizeof(struct msghdr));
  fl->out[fl->n_out].msg_hdr.msg_iov = iov;
  fl->out[fl->n_out].msg_hdr.msg_iovlen = 1;
  fl->n_out++;
}

static void flush(Flow *fl) {
  int at = 0;
  while (at < fl->n_out) {
    int n = sendmmsg(fl->fd, fl->out + at, fl->n_out - at, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == ENOBUFS || errno == ECONNREFUSED) break; // counted lost later
      die("sendmmsg");
    }
    at += n;
  }
  fl->n_out = 0;
}

static void next(Flow *fl, int64_t now) {
  if (!stopping) queue_send(fl, now);
}

static void on_readable(Flow *fl) {
  static uint8_t bufs[BATCH][4096];
  static struct mmsghdr in[BATCH];
  static struct iovec iov[BATCH];
  for (;;) {
    for (int i = 0; i < BATCH; i++) {
      iov[i].iov_base = bufs[i];
      iov[i].iov_len = sizeof bufs[i];
      memset(&in[i].msg_hdr, 0, sizeof(struct msghdr));
      in[i].msg_hdr.msg_iov = &iov[i];
      in[i].msg_hdr.msg_iovlen = 1;
    }
    int n = recvmmsg(fl->fd, in, BATCH, MSG_DONTWAIT, NULL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR || errno == ECONNREFUSED) break;
      die("recvmmsg");
    }
    int64_t now = now_ns();
    for (int i = 0; i < n; i++) {
      const uint8_t *m = bufs[i];
      if (in[i].msg_len < 20) continue;
      int id = m[1];
      int64_t t = fl->sent_at[id];
      if (t < 0) continue; // late reply to a request already counted lost
      record_latency(now - t);
      fl->sent_at[id] = -1;
      fl->in_flight--;
      if (m[0] == expect_code) {
        if (samples && (ok % SAMPLE_EVERY) == 0) {
          uint32_t head[2] = {(uint32_t)id, (uint32_t)((fl->variant[id] + variants - 1) % variants)};
          uint16_t len = in[i].msg_len;
          fwrite(head, 4, 2, samples);
          fwrite(&len, 2, 1, samples);
          fwrite(m, 1, len, samples);
        }
        ok++;
      } else {
        bad++;
      }
      next(fl, now);
    }
    flush(fl);
    if (n < BATCH) break;
  }
}

int main(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: radius <port> <pool> <sockets> <outstanding> <seconds> <expect-code> <samples-out>\n");
    return 2;
  }
  int port = atoi(argv[1]), nsock = atoi(argv[3]), outstanding = atoi(argv[4]);
  double seconds = atof(argv[5]);
  expect_code = atoi(argv[6]);
  prog = "loadgen radius";
  pool = load_pool(argv[2], &variants, 256, 0);
  samples = fopen(argv[7], "wb");
  if (!samples) die(argv[7]);

  int ep = epoll_create1(0);
  Flow *flows = calloc(nsock, sizeof(Flow));
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  for (int i = 0; i < nsock; i++) {
    Flow *fl = &flows[i];
    fl->fd = socket(AF_INET, SOCK_DGRAM, 0);
    int rcv = 4 << 20;
    setsockopt(fl->fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
    if (connect(fl->fd, (struct sockaddr *)&to, sizeof to) < 0) die("connect");
    for (int id = 0; id < 256; id++) fl->sent_at[id] = -1;
    fl->next_id = (i * 37) & 0xff;
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = fl};
    epoll_ctl(ep, EPOLL_CTL_ADD, fl->fd, &ev);
  }

  double cpu0 = cpu_us();
  int64_t t0 = now_ns(), end = t0 + (int64_t)(seconds * 1e9), last_scan = t0;
  for (int i = 0; i < nsock; i++) {
    int window = outstanding / nsock + (i < outstanding % nsock ? 1 : 0);
    for (int k = 0; k < window; k++) queue_send(&flows[i], t0);
    flush(&flows[i]);
  }
  struct epoll_event evs[64];
  for (;;) {
    int64_t now = now_ns();
    if (!stopping && now >= end) stopping = 1;
    if (stopping) {
      int in_flight = 0;
      for (int i = 0; i < nsock; i++) in_flight += flows[i].in_flight;
      if (in_flight == 0 || now >= end + TIMEOUT_NS + 200000000LL) break;
    }
    if (now - last_scan >= 100000000LL) {
      // Requests unanswered for a second are lost: count them and send fresh ones in their place.
      last_scan = now;
      for (int i = 0; i < nsock; i++) {
        Flow *fl = &flows[i];
        for (int id = 0; id < 256; id++)
          if (fl->sent_at[id] >= 0 && now - fl->sent_at[id] > TIMEOUT_NS) {
            fl->sent_at[id] = -1;
            fl->in_flight--;
            lost++;
            next(fl, now);
          }
        flush(fl);
      }
    }
    int n = epoll_wait(ep, evs, 64, 50);
    if (n < 0 && errno != EINTR) die("epoll_wait");
    for (int i = 0; i < n; i++) on_readable(evs[i].data.ptr);
  }
  for (int i = 0; i < nsock; i++) lost += flows[i].in_flight;
  double secs = (now_ns() - t0) / 1e9;
  fclose(samples);
  print_result(ok, bad, lost, secs, cpu_us() - cpu0);
  return 0;
}
