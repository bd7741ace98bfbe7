/*
 * OpenBLAS cblas_sgemm at the shapes given on the command line, in the layouts initlab's GEMM has:
 * C = op(A)·op(B), row-major, "NN:m×n×k" (A m×k, B k×n), "TN" (A stored k×m), "NT" (B stored n×k).
 * The same protocol as peers/initlab/InitlabGemm.java: per shape, warm-up until the speed is steady, then
 * REPEATS timed windows of calls (each at least MIN_MS and 3 calls); one line per shape with the best and the median batch's GFLOP/s (2mnk).
 *
 *   sgemm [--warmup-ms W] [--min-ms M] [--repeats R] SHAPE...     e.g. NN:64x256x784 TN:1024x1024x1024
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct { int ta, tb, m, n, k; const float *a, *b; float *c; } Gemm;

/* calls per second over a window of at least MIN_MS and at least 3 calls (one clock read per call) */
static double window(const Gemm *g, double minMs) {
    double t0 = now(), elapsed;
    long calls = 0;
    do {
        cblas_sgemm(CblasRowMajor, g->ta ? CblasTrans : CblasNoTrans, g->tb ? CblasTrans : CblasNoTrans, g->m, g->n,
                    g->k, 1.0f, g->a, g->ta ? g->m : g->k, g->b, g->tb ? g->k : g->n, 0.0f, g->c, g->n);
        calls++;
        elapsed = now() - t0;
    } while (elapsed * 1e3 < minMs || calls < 3);
    return calls / elapsed;
}

int main(int argc, char **argv) {
    double warmupMs = 1000, minMs = 200;
    int repeats = 5, first = 1;
    for (; first < argc && !strncmp(argv[first], "--", 2); first += 2) {
        if (first + 1 >= argc) break;
        if (!strcmp(argv[first], "--warmup-ms")) warmupMs = atof(argv[first + 1]);
        else if (!strcmp(argv[first], "--min-ms")) minMs = atof(argv[first + 1]);
        else if (!strcmp(argv[first], "--repeats")) repeats = atoi(argv[first + 1]);
        else { fprintf(stderr, "sgemm: unknown option %s\n", argv[first]); return 2; }
    }
    if (repeats < 1 || repeats > 100) { fprintf(stderr, "sgemm: --repeats must be in 1..100\n"); return 2; }
    printf("openblas core: %s\n", openblas_get_corename());
    for (int s = first; s < argc; s++) {
        char layout[3] = {0};
        int m, n, k;
        if (sscanf(argv[s], "%2[NT]:%dx%dx%d", layout, &m, &n, &k) != 4 || m < 1 || n < 1 || k < 1
            || (strcmp(layout, "NN") && strcmp(layout, "TN") && strcmp(layout, "NT"))) {
            fprintf(stderr, "sgemm: shape '%s' is not LAYOUT:MxNxK with LAYOUT NN, TN or NT\n", argv[s]);
            return 2;
        }
        int ta = layout[0] == 'T', tb = layout[1] == 'T';
        float *a = malloc(4L * m * k), *b = malloc(4L * k * n), *c = malloc(4L * m * n);
        /* values in [-0.5, 0.5) by the formula InitlabGemm shares, so both peers' checksums (C's middle element) agree */
        for (long i = 0; i < (long)m * k; i++) a[i] = (i * 7919 % 1000) / 1000.0f - 0.5f;
        for (long i = 0; i < (long)k * n; i++) b[i] = (i * 104729 % 1000) / 1000.0f - 0.5f;
        Gemm g = {ta, tb, m, n, k, a, b, c};
        /* warm-up: at least WARMUP_MS, then on until a window is no longer 10 % faster than the one before (the
           rule of initlab's driver, whose JIT needs it; at most 30 × WARMUP_MS); then REPEATS timed windows */
        double start = now(), previous = 0, gf[100];
        for (;;) {
            double rate = window(&g, minMs), elapsedMs = (now() - start) * 1e3;
            if ((elapsedMs >= warmupMs && rate < 1.1 * previous) || elapsedMs > 30 * warmupMs) break;
            previous = rate;
        }
        double warmupS = now() - start;
        for (int r = 0; r < repeats; r++) {
            gf[r] = window(&g, minMs) * 2.0 * m * n * k / 1e9;
        }
        qsort(gf, repeats, sizeof gf[0], by_value);
        printf("RESULT shape=%s gflops_best=%.2f gflops_median=%.2f warmup_s=%.1f checksum=%.4g\n", argv[s],
               gf[repeats - 1], gf[repeats / 2], warmupS, (double)c[(long)m * n / 2]);
        free(a); free(b); free(c);
    }
    return 0;
}
