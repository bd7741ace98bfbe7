/*
 * The seed MLP's reference run as a plain C loop on OpenBLAS: the peer that shows what the machine gives
 * without a framework. Same work as `initlab train` (MNIST, 784-256-128-10 ReLU, softmax cross-entropy,
 * Xavier-normal weights, zero biases, Adam lr 1e-3 in PyTorch's form, batch 64 with a short last batch,
 * a fresh shuffle each epoch); its own random numbers, so its accuracy is close to initlab's, not equal.
 *
 *   mlp DATA_DIR [--epochs N] [--batch B] [--seed S] [--ftz]
 *
 * --ftz sets the SSE control bits FTZ and DAZ (denormals flushed to zero), as the issue reports both.
 * Prints one line per epoch and a last line "RESULT key=value ..." that scripts/peers.sh reads.
 */
#include <cblas.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xmmintrin.h>

enum { IN = 784, H1 = 256, H2 = 128, OUT = 10 };

static void die(const char *what, const char *detail) {
    fprintf(stderr, "mlp: %s: %s\n", what, detail);
    exit(1);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* xorshift64*: a small seeded generator for shuffles and initial weights. */
static uint64_t rng_state;
static uint64_t next_u64(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}
static double next_unit(void) { return (next_u64() >> 11) * (1.0 / 9007199254740992.0); }
static double next_gaussian(void) { /* Box-Muller */
    double u = next_unit(), v = next_unit();
    return sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * cos(2 * M_PI * v);
}

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static unsigned char *read_file(const char *dir, const char *name, long *size) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open", path);
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(*size);
    if (fread(buf, 1, *size, f) != (size_t)*size) die("short read", path);
    fclose(f);
    return buf;
}

/* IDX images as floats byte/255 (initlab's scaling); returns the count. */
static int read_images(const char *dir, const char *name, float **out) {
    long size;
    unsigned char *b = read_file(dir, name, &size);
    if (size < 16 || be32(b) != 0x803) die("not an IDX image file", name);
    int n = be32(b + 4), px = be32(b + 8) * be32(b + 12);
    if (px != IN || size < 16 + (long)n * px) die("unexpected image size", name);
    *out = malloc(sizeof(float) * (size_t)n * px);
    for (long i = 0; i < (long)n * px; i++) (*out)[i] = b[16 + i] / 255.0f;
    free(b);
    return n;
}

static int read_labels(const char *dir, const char *name, unsigned char **out) {
    long size;
    unsigned char *b = read_file(dir, name, &size);
    if (size < 8 || be32(b) != 0x801) die("not an IDX label file", name);
    int n = be32(b + 4);
    *out = malloc(n);
    memcpy(*out, b + 8, n);
    free(b);
    return n;
}

typedef struct { float *w, *m, *v; int n; } Param;

static Param param(int n) {
    Param p = {calloc(n, 4), calloc(n, 4), calloc(n, 4), n};
    return p;
}

static void adam(Param *p, const float *g, int t, float lr) {
    const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    float step = lr / (1 - powf(b1, t)), bc2 = sqrtf(1 - powf(b2, t));
    for (int i = 0; i < p->n; i++) {
        p->m[i] = b1 * p->m[i] + (1 - b1) * g[i];
        p->v[i] = b2 * p->v[i] + (1 - b2) * g[i] * g[i];
        p->w[i] -= step * p->m[i] / (sqrtf(p->v[i]) / bc2 + eps);
    }
}

/* z = x·w + bias (x rows×k, w k×n); y = relu(z) when relu. */
static void dense(const float *x, const Param *w, const Param *b, float *z, float *y, int rows, int k, int n, int relu) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, k, 1.0f, x, k, w->w, n, 0.0f, z, n);
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < n; j++) {
            float v = z[r * n + j] + b->w[j];
            z[r * n + j] = v;
            if (relu) y[r * n + j] = v > 0 ? v : 0;
        }
}

/* dW = xᵀ·dz, db = column sums of dz. */
static void weight_grads(const float *x, const float *dz, float *dw, float *db, int rows, int k, int n) {
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, n, rows, 1.0f, x, k, dz, n, 0.0f, dw, n);
    memset(db, 0, sizeof(float) * n);
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < n; j++) db[j] += dz[r * n + j];
}

/* dx = (dz·wᵀ) masked by relu'(z) of the layer below. */
static void input_grads(const float *dz, const Param *w, const float *zBelow, float *dx, int rows, int k, int n) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, k, n, 1.0f, dz, n, w->w, n, 0.0f, dx, k);
    for (long i = 0; i < (long)rows * k; i++)
        if (zBelow[i] <= 0) dx[i] = 0;
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage", "mlp DATA_DIR [--epochs N] [--batch B] [--seed S] [--ftz]");
    const char *dir = argv[1];
    int epochs = 2, batch = 64, ftz = 0;
    uint64_t seed = 42;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--ftz")) ftz = 1;
        else if (!strcmp(argv[i], "--epochs") && i + 1 < argc) epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--batch") && i + 1 < argc) batch = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], 0, 10);
        else die("unknown option", argv[i]);
    }
    if (epochs < 1 || batch < 1) die("bad option", "--epochs and --batch must be >= 1");
    if (ftz) _mm_setcsr(_mm_getcsr() | 0x8040); /* FTZ (bit 15) | DAZ (bit 6) */
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;

    float *xtr, *xte;
    unsigned char *ytr, *yte;
    int ntr = read_images(dir, "train-images-idx3-ubyte", &xtr), nte = read_images(dir, "t10k-images-idx3-ubyte", &xte);
    if (read_labels(dir, "train-labels-idx1-ubyte", &ytr) != ntr || read_labels(dir, "t10k-labels-idx1-ubyte", &yte) != nte)
        die("label count differs from image count", dir);

    int dims[4] = {IN, H1, H2, OUT};
    Param w[3], b[3];
    for (int l = 0; l < 3; l++) {
        w[l] = param(dims[l] * dims[l + 1]);
        b[l] = param(dims[l + 1]);
        double sd = sqrt(2.0 / (dims[l] + dims[l + 1])); /* Xavier normal */
        for (int i = 0; i < w[l].n; i++) w[l].w[i] = (float)(sd * next_gaussian());
    }
    int rowsMax = batch > nte ? batch : nte; /* the test set is evaluated in one pass */
    float *x = malloc(sizeof(float) * (size_t)batch * IN);
    float *z1 = malloc(4L * rowsMax * H1), *a1 = malloc(4L * rowsMax * H1);
    float *z2 = malloc(4L * rowsMax * H2), *a2 = malloc(4L * rowsMax * H2), *z3 = malloc(4L * rowsMax * OUT);
    float *d1 = malloc(4L * batch * H1), *d2 = malloc(4L * batch * H2), *d3 = malloc(4L * batch * OUT);
    float *gw[3], *gb[3];
    for (int l = 0; l < 3; l++) {
        gw[l] = malloc(4L * w[l].n);
        gb[l] = malloc(4L * b[l].n);
    }
    int *order = malloc(sizeof(int) * ntr);
    for (int i = 0; i < ntr; i++) order[i] = i;

    double trainSeconds = 0, lastEpochSeconds = 0;
    long samples = 0;
    int t = 0;
    for (int e = 1; e <= epochs; e++) {
        double start = now(), lossSum = 0;
        for (int i = ntr - 1; i > 0; i--) { /* Fisher-Yates */
            int j = (int)(next_u64() % (uint64_t)(i + 1)), tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int s = 0; s < ntr; s += batch) {
            int rows = ntr - s < batch ? ntr - s : batch;
            for (int r = 0; r < rows; r++) memcpy(x + (long)r * IN, xtr + (long)order[s + r] * IN, 4 * IN);
            dense(x, &w[0], &b[0], z1, a1, rows, IN, H1, 1);
            dense(a1, &w[1], &b[1], z2, a2, rows, H1, H2, 1);
            dense(a2, &w[2], &b[2], z3, 0, rows, H2, OUT, 0);
            for (int r = 0; r < rows; r++) { /* softmax cross-entropy, mean over the batch */
                float *zr = z3 + r * OUT, mx = zr[0], sum = 0;
                for (int j = 1; j < OUT; j++) mx = zr[j] > mx ? zr[j] : mx;
                for (int j = 0; j < OUT; j++) sum += d3[r * OUT + j] = expf(zr[j] - mx);
                int y = ytr[order[s + r]];
                lossSum += -(zr[y] - mx - logf(sum));
                for (int j = 0; j < OUT; j++) d3[r * OUT + j] = (d3[r * OUT + j] / sum - (j == y)) / rows;
            }
            weight_grads(a2, d3, gw[2], gb[2], rows, H2, OUT);
            input_grads(d3, &w[2], z2, d2, rows, H2, OUT);
            weight_grads(a1, d2, gw[1], gb[1], rows, H1, H2);
            input_grads(d2, &w[1], z1, d1, rows, H1, H2);
            weight_grads(x, d1, gw[0], gb[0], rows, IN, H1);
            t++;
            for (int l = 0; l < 3; l++) {
                adam(&w[l], gw[l], t, 1e-3f);
                adam(&b[l], gb[l], t, 1e-3f);
            }
            samples += rows;
        }
        lastEpochSeconds = now() - start;
        trainSeconds += lastEpochSeconds;
        printf("epoch %d: train_loss=%.4f (%.3f s)\n", e, lossSum / ntr, lastEpochSeconds);
    }
    dense(xte, &w[0], &b[0], z1, a1, nte, IN, H1, 1);
    dense(a1, &w[1], &b[1], z2, a2, nte, H1, H2, 1);
    dense(a2, &w[2], &b[2], z3, 0, nte, H2, OUT, 0);
    int correct = 0;
    for (int r = 0; r < nte; r++) {
        int best = 0;
        for (int j = 1; j < OUT; j++) best = z3[r * OUT + j] > z3[r * OUT + best] ? j : best;
        correct += best == yte[r];
    }
    printf("RESULT samples_per_s=%.1f steady_samples_per_s=%.1f train_s=%.3f test_accuracy=%.4f ftz=%d openblas=%s\n",
           samples / trainSeconds, epochs > 1 ? ntr / lastEpochSeconds : NAN, trainSeconds, (double)correct / nte, ftz,
           openblas_get_corename());
    return 0;
}
