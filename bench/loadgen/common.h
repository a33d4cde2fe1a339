// What both C load generators share: clock, errors, the pool file, latency samples and the JSON
// result line. Header-only so each generator stays one `cc` invocation (bench/lib/loadgen.ts).
#pragma once
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct {
  uint16_t len;
  const uint8_t *bytes;
  uint8_t trailer; // per-packet extra byte (TACACS+: the reply's first pad byte)
} Packet;

static const char *prog = "loadgen";

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void die(const char *what) {
  fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
  exit(2);
}

/** Reads a pool file: u32 header, then per packet u16 length (LE) + bytes (+ 1 trailer byte). */
static Packet *load_pool(const char *path, uint32_t *header, uint32_t count_per_header, int trailer) {
  FILE *f = fopen(path, "rb");
  if (!f) die(path);
  if (fread(header, 4, 1, f) != 1) die("pool header");
  fseek(f, 0, SEEK_END);
  long size = ftell(f) - 4;
  fseek(f, 4, SEEK_SET);
  uint8_t *data = malloc(size);
  if (fread(data, 1, size, f) != (size_t)size) die("pool body");
  fclose(f);
  uint32_t n = *header * count_per_header;
  Packet *pool = calloc(n, sizeof(Packet));
  long at = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (at + 2 + trailer > size) {
      errno = EINVAL;
      die("pool truncated");
    }
    pool[i].len = data[at] | data[at + 1] << 8;
    pool[i].bytes = data + at + 2;
    if (trailer) pool[i].trailer = data[at + 2 + pool[i].len];
    at += 2 + pool[i].len + trailer;
  }
  return pool;
}

/** Latencies in units of 100 ns (a u32 holds 429 s). */
static uint32_t *lat;
static size_t n_lat, cap_lat;

static void record_latency(int64_t ns) {
  if (n_lat == cap_lat) {
    cap_lat = cap_lat ? cap_lat * 2 : 1 << 20;
    lat = realloc(lat, cap_lat * sizeof *lat);
  }
  lat[n_lat++] = (uint32_t)(ns / 100);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static double cpu_us(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1e6 + ru.ru_stime.tv_usec;
}

/** The one line the TypeScript side parses. */
static void print_result(long ok, long bad, long lost, double secs, double cpu) {
  qsort(lat, n_lat, sizeof *lat, cmp_u32);
  double p50 = n_lat ? lat[n_lat / 2] / 1e4 : 0, p99 = n_lat ? lat[(size_t)(n_lat * 0.99)] / 1e4 : 0;
  printf("{\"ok\":%ld,\"bad\":%ld,\"lost\":%ld,\"secs\":%.3f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"cpu_us\":%.0f}\n", ok, bad,
         lost, secs, p50, p99, cpu);
}
