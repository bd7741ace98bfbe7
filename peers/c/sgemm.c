/*
 * OpenBLAS cblas_sgemm at the shapes given on the command line, in the layouts initlab's GEMM has:
 * C = op(A)·op(B), row-major, "NN:m×n×k" (A m×k, B k×n), "TN" (A stored k×m), "NT" (B stored n×k).
 * The same protocol as peers/initlab's GemmPeer: per shape, warm-up, then REPEATS timed batches of calls
 * (as many calls as lasted MIN_MS after the warm-up); one line per shape with the best and the median batch's GFLOP/s (2mnk).
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
        srand(1);
        for (long i = 0; i < (long)m * k; i++) a[i] = rand() / (float)RAND_MAX - 0.5f;
        for (long i = 0; i < (long)k * n; i++) b[i] = rand() / (float)RAND_MAX - 0.5f;
        int lda = ta ? m : k, ldb = tb ? k : n;
#define CALL cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, \
                         m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, n)
        double start = now();
        do { CALL; } while ((now() - start) * 1e3 < warmupMs);
        /* calls per batch: as many as last MIN_MS after the warm-up */
        long per = 0;
        start = now();
        do { CALL; per++; } while ((now() - start) * 1e3 < minMs);
        double gf[100], flop = 2.0 * m * n * k * per;
        for (int r = 0; r < repeats; r++) {
            double t0 = now();
            for (long i = 0; i < per; i++) CALL;
            gf[r] = flop / (now() - t0) / 1e9;
        }
        qsort(gf, repeats, sizeof gf[0], by_value);
        printf("RESULT shape=%s gflops_best=%.2f gflops_median=%.2f calls=%ld checksum=%.4g\n", argv[s], gf[repeats - 1],
               gf[repeats / 2], per, (double)c[(long)m * n / 2]);
        free(a); free(b); free(c);
    }
    return 0;
}
