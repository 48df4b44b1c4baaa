/*
 * The render loops (io.thumbflow.core.render.NativePixels): Pillow's GaussianBlur (three extended box
 * passes per axis), its reduce() and its antialiased bicubic resample, in C because local mode and
 * Lambda run Java with C1 only, whose code for them was half the CPU time of a 1024 px thumbnail.
 * Same integer arithmetic as the Java loops they stand in for (GaussianBlur, BoxReduce, Resampler), so
 * the same pixels; the weights come from the Java side, so the floating point stays there.
 *
 * Images stay in their Java arrays: they are worked on in slices of at most about a megabyte, copied
 * in and out (Get/SetIntArrayRegion), never pinned (GetPrimitiveArrayCritical would stop the JDK's
 * serial collector for as long as a whole image takes, and the heap would grow instead). Every array
 * length and every weight's bounds are checked before any access; nothing is written to a Java array
 * unless the arguments are valid.
 *
 * Built by build-natives.sh into src/main/resources/native/linux-{x86_64,aarch64}/.
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OK 0
#define BAD_ARGUMENTS 2
#define OUT_OF_MEMORY 3

/* The pixels a slice copied from Java may hold (1 MB of packed pixels). */
#define SLICE_PX (1 << 18)

/*
 * One packed 0xAARRGGBB pixel as four 32-bit lanes (GCC vector extension: SSE2 / NEON), red, green,
 * blue, alpha. Unsigned, so sums wrap as Java's ints do; glibc's malloc aligns them (16 bytes).
 */
typedef uint32_t lanes4 __attribute__((vector_size(16)));

/*
 * x86_64's baseline, SSE2, has no 32-bit lane multiply (GCC builds one from pmuludq and shuffles);
 * SSE4.1's pmulld made the resampler's loops 1.45x faster (3000x2000 to 1024x683: 57 -> 39 ms), with
 * the same results. The loops that multiply lanes are compiled twice and glibc picks one when the
 * library loads (an ifunc), so the library still runs on any x86_64. aarch64's NEON has the multiply.
 */
#if defined(__x86_64__)
#define LANE_MULTIPLY_CLONES __attribute__((target_clones("sse4.1", "default")))
#else
#define LANE_MULTIPLY_CLONES
#endif

static inline lanes4 unpack(uint32_t v) {
  return (lanes4) {(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, v >> 24};
}

static inline uint32_t pack(lanes4 c) { return c[3] << 24 | c[0] << 16 | c[1] << 8 | c[2]; }

static int array_holds(JNIEnv *env, jintArray array, jlong count) {
  return array != NULL && (jlong) (*env)->GetArrayLength(env, array) >= count;
}

/* ---- GaussianBlur --------------------------------------------------------------------------- */

/* One extended box: whole radius r, 24-bit fixed-point weights inner (2r+1 px) and edge (2 px). */
struct box {
  int r;
  uint32_t inner;
  uint32_t edge;
};

/*
 * Two pixels, one from each of two lines blurred at once, as two vectors of four 32-bit lanes in the
 * byte order of their packed 0xAARRGGBB ints in memory (blue, green, red, alpha on these little-endian
 * machines): the blur treats every lane alike, so the order is only the unpacking's. Two independent
 * lines keep more of the CPU's vector units busy than one, whose running sum is a chain, and AVX2 does
 * both halves in one instruction. Every lane is computed exactly as before, so the pixels are the same.
 */
struct pair {
  lanes4 first, second;
};

#if defined(__x86_64__)
#define BLUR_CLONES __attribute__((target_clones("avx2", "sse4.1", "default")))
#else
#define BLUR_CLONES
#endif

typedef uint16_t u16x8 __attribute__((vector_size(16)));
typedef uint8_t u8x16 __attribute__((vector_size(16)));

/*
 * Unpacking and packing written as byte and word interleaves of 16-byte vectors, which GCC turns
 * into SSE's punpck, pmovzx, packus and pshufb (NEON's zip and uzp): written as element-wise
 * conversions of 8-byte vectors, they compiled to a byte at a time (the whole blur, 1500x1000 at
 * radius 1, best of 30: 14.8 ms that way, 10.4 ms this way; 21.5 ms a line at a time before).
 */
static inline void unpack_pair(struct pair *to, uint32_t a, uint32_t b) {
  const u8x16 zero8 = {0};
  const u16x8 zero16 = {0};
  u8x16 bytes = (u8x16) (lanes4) {a, b, 0, 0};
  u16x8 words = (u16x8) __builtin_shuffle(
      bytes, zero8, (u8x16) {0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23});
  to->first = (lanes4) __builtin_shuffle(words, zero16, (u16x8) {0, 8, 1, 9, 2, 10, 3, 11});
  to->second = (lanes4) __builtin_shuffle(words, zero16, (u16x8) {4, 12, 5, 13, 6, 14, 7, 15});
}

/* The inverse of unpack_pair for lanes of at most 255: the two packed pixels. */
static inline void pack_pair(const struct pair *from, uint32_t *a, uint32_t *b) {
  u16x8 words = __builtin_shuffle((u16x8) from->first, (u16x8) from->second,
                                  (u16x8) {0, 2, 4, 6, 8, 10, 12, 14});
  lanes4 bytes = (lanes4) __builtin_shuffle(
      (u8x16) words, (u8x16) {0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14});
  *a = bytes[0];
  *b = bytes[1];
}

/*
 * One pass from src[pad .. pad+len) into dst's same span, pad = r + 1, after repeating the edge
 * pixels into src's padding. Per lane the sum stays below 2^32 (255 x 2^24 + 2^23 at most), and the
 * running window's wrap-around in between cancels, so uint32 lanes give GaussianBlur's exact sums.
 */
LANE_MULTIPLY_CLONES
static void box_pass(struct pair *src, struct pair *dst, int len, const struct box *b) {
  int r = b->r, pad = r + 1;
  for (int i = 0; i < pad; i++) {
    src[i] = src[pad];
    src[pad + len + i] = src[pad + len - 1];
  }
  const lanes4 round = {1u << 23, 1u << 23, 1u << 23, 1u << 23};
  /* Locals, not b->: the stores to dst could alias them, and they would be reloaded each pixel. */
  const uint32_t inner = b->inner, edge = b->edge;
  lanes4 acc1 = {0}, acc2 = {0};
  for (int k = pad - r; k <= pad + r; k++) {
    acc1 += src[k].first;
    acc2 += src[k].second;
  }
  for (int i = pad, end = pad + len; i < end; i++) {
    const struct pair *out = &src[i - r - 1], *in = &src[i + r + 1], *last = &src[i - r];
    dst[i].first = (acc1 * inner + (out->first + in->first) * edge + round) >> 24;
    dst[i].second = (acc2 * inner + (out->second + in->second) * edge + round) >> 24;
    acc1 += in->first - last->first;
    acc2 += in->second - last->second;
  }
}

#if defined(__x86_64__)
/*
 * box_pass with each pair as one AVX2 vector, so one instruction works on both lines (GCC does not
 * merge the two halves above by itself): 1501x999 at radius 2, best of 20, 17 -> 10.5 ms. Same
 * lanes, same sums. A struct pair's two halves are adjacent, 16-byte aligned (malloc's alignment).
 */
typedef uint32_t lanes8 __attribute__((vector_size(32), aligned(16), may_alias));

__attribute__((target("avx2"))) static void box_pass_avx2(struct pair *pairs, struct pair *out,
                                                          int len, const struct box *b) {
  lanes8 *src = (lanes8 *) pairs, *dst = (lanes8 *) out;
  int r = b->r, pad = r + 1;
  for (int i = 0; i < pad; i++) {
    src[i] = src[pad];
    src[pad + len + i] = src[pad + len - 1];
  }
  const lanes8 round = {1u << 23, 1u << 23, 1u << 23, 1u << 23, 1u << 23, 1u << 23, 1u << 23, 1u << 23};
  const uint32_t inner = b->inner, edge = b->edge;
  lanes8 acc = {0};
  for (int k = pad - r; k <= pad + r; k++) acc += src[k];
  for (int i = pad, end = pad + len; i < end; i++) {
    dst[i] = (acc * inner + (src[i - r - 1] + src[i + r + 1]) * edge + round) >> 24;
    acc += src[i + r + 1] - src[i - r];
  }
}
#endif

typedef void (*box_pass_fn)(struct pair *, struct pair *, int, const struct box *);

/* AVX2's pass where the CPU has it, unless portable asks for the pass every CPU here runs. */
static box_pass_fn chosen_box_pass(int portable) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (!portable && __builtin_cpu_supports("avx2")) return box_pass_avx2;
#else
  (void) portable;
#endif
  return box_pass;
}

/*
 * Blurs two lines of len px at once, px[0], px[stride], ... and px[other], px[other + stride], ...,
 * through the two padded buffers (other 0: one line, blurred twice over); alpha false keeps each
 * pixel's top byte as it was.
 */
BLUR_CLONES
static void blur_lines(uint32_t *px, size_t stride, size_t other, int len, const struct box *b,
                       int alpha, box_pass_fn pass, struct pair *one, struct pair *two) {
  int pad = b->r + 1;
  for (int i = 0; i < len; i++) unpack_pair(&one[pad + i], px[i * stride], px[i * stride + other]);
  for (int k = 0; k < 3; k++) {
    pass(one, two, len, b);
    struct pair *t = one;
    one = two;
    two = t;
  }
  for (int i = 0; i < len; i++) {
    uint32_t first, second;
    pack_pair(&one[pad + i], &first, &second);
    uint32_t *p = px + i * stride, *q = p + other;
    if (!alpha) {
      first = (first & 0xffffffu) | (*p & 0xff000000u);
      second = (second & 0xffffffu) | (*q & 0xff000000u);
    }
    *p = first;
    *q = second;
  }
}

static int valid_box(const struct box *b) {
  return b->r < 0 || (b->r < (1 << 20) && (uint64_t) b->inner * (2 * (uint64_t) b->r + 1) +
                                                   2 * (uint64_t) b->edge <= (1u << 24));
}

JNIEXPORT jint JNICALL Java_io_thumbflow_core_render_NativePixels_blur(
    JNIEnv *env, jclass cls, jintArray pixels, jint width, jint height, jint radius_x,
    jint inner_x, jint edge_x, jint radius_y, jint inner_y, jint edge_y, jboolean alpha,
    jboolean portable) {
  (void) cls;
  struct box bx = {radius_x, (uint32_t) inner_x, (uint32_t) edge_x};
  struct box by = {radius_y, (uint32_t) inner_y, (uint32_t) edge_y};
  if (width < 1 || height < 1 || inner_x < 0 || edge_x < 0 || inner_y < 0 || edge_y < 0 ||
      !valid_box(&bx) || !valid_box(&by) ||
      !array_holds(env, pixels, (jlong) width * height)) {
    return BAD_ARGUMENTS;
  }
  /* An even number of rows per slice, so the rows pair up, but for the last. */
  int rows_per_slice = SLICE_PX / width > 1 ? (SLICE_PX / width) & ~1 : 1;
  if (rows_per_slice > height) rows_per_slice = height;
  /* Columns per band: a band is the full height, so at least 8 columns keep the copies few. */
  int band = SLICE_PX / height;
  if (band < 8) band = 8;
  if (band > width) band = width;
  int longest = width > height ? width : height;
  int pad = (bx.r > by.r ? bx.r : by.r) + 1;
  size_t slice = (size_t) rows_per_slice * width > (size_t) band * height
                     ? (size_t) rows_per_slice * width
                     : (size_t) band * height;
  size_t line = (size_t) longest + 2 * (size_t) pad;
  uint32_t *buf = malloc(slice * sizeof(uint32_t));
  struct pair *one = malloc(2 * line * sizeof(struct pair));
  if (buf == NULL || one == NULL) {
    free(buf);
    free(one);
    return OUT_OF_MEMORY;
  }
  struct pair *two = one + line;
  box_pass_fn pass = chosen_box_pass(portable);
  if (bx.r >= 0) {
    for (int y = 0; y < height; y += rows_per_slice) {
      int rows = height - y < rows_per_slice ? height - y : rows_per_slice;
      jsize start = (jsize) y * width, count = (jsize) rows * width;
      (*env)->GetIntArrayRegion(env, pixels, start, count, (jint *) buf);
      for (int k = 0; k < rows; k += 2) {
        size_t other = k + 1 < rows ? (size_t) width : 0;
        blur_lines(buf + (size_t) k * width, 1, other, width, &bx, alpha, pass, one, two);
      }
      (*env)->SetIntArrayRegion(env, pixels, start, count, (const jint *) buf);
    }
  }
  if (by.r >= 0) {
    for (int x = 0; x < width; x += band) {
      int columns = width - x < band ? width - x : band;
      for (int y = 0; y < height; y++)
        (*env)->GetIntArrayRegion(env, pixels, (jsize) y * width + x, columns,
                                  (jint *) buf + (size_t) y * columns);
      for (int k = 0; k < columns; k += 2) {
        size_t other = k + 1 < columns ? 1 : 0;
        blur_lines(buf + k, columns, other, height, &by, alpha, pass, one, two);
      }
      for (int y = 0; y < height; y++)
        (*env)->SetIntArrayRegion(env, pixels, (jsize) y * width + x, columns,
                                  (const jint *) buf + (size_t) y * columns);
    }
  }
  free(buf);
  free(one);
  return OK;
}

/* ---- BoxReduce.reduce ----------------------------------------------------------------------- */

/* The pixels of reduce block `index` along an axis of `length` px cut into blocks of `factor`. */
static inline uint32_t block_length(jlong index, jlong factor, jlong length) {
  jlong start = index * factor;
  return (uint32_t) ((length - start < factor ? length : start + factor) - start);
}

/*
 * Divides a block's lanes, each at most 255 * count + count / 2, by count: multiplies by reciprocal =
 * ceil(2^32 / count) and shifts (Granlund and Montgomery), exact while count < 4096: the product
 * overshoots the quotient by less than lane / 2^32 < 256 * count / 2^32, which stays under the
 * 1 / count that any remainder leaves. Four divisions per output were 40% of a reduce by 2 (2000x1500:
 * 11.3 -> 8.4 ms, best of 40).
 */
#define RECIPROCAL_LIMIT 4096

static inline uint64_t reciprocal_of(uint32_t count) {
  return ((UINT64_C(1) << 32) + count - 1) / count;
}

static inline lanes4 divide(lanes4 n, uint32_t count, uint64_t reciprocal) {
  if (count >= RECIPROCAL_LIMIT) return n / count;
  lanes4 q;
  for (int i = 0; i < 4; i++) q[i] = (uint32_t) (((uint64_t) n[i] * reciprocal) >> 32);
  return q;
}

/* Rounded means of `sums` (one block per output) into `line`, `rows` source rows tall. */
static void average_line(const lanes4 *sums, jlong out_w, uint32_t rows, jlong factor_x, jlong width,
                         jboolean alpha, uint32_t *line) {
  uint32_t divisor = 0;
  uint64_t reciprocal = 0;
  for (jlong ox = 0; ox < out_w; ox++) {
    uint32_t count = rows * block_length(ox, factor_x, width);
    if (count != divisor) { /* once for the whole blocks, once more for a partial last one */
      divisor = count;
      reciprocal = reciprocal_of(count);
    }
    lanes4 mean = divide(sums[ox] + (count >> 1), count, reciprocal);
    if (!alpha) mean[3] = 0xff;
    line[ox] = pack(mean);
  }
}

/*
 * Reduces by factor_x x factor_y into out and, when coarse is not NULL, in the same pass by
 * (factor_x * then_x) x (factor_y * then_y) into coarse: the coarse blocks are unions of whole fine
 * blocks, so their sums are sums of the fine sums, and the coarse result is exactly what a reduce by
 * the product would give, for about the cost of the fine reduce alone.
 */
JNIEXPORT jint JNICALL Java_io_thumbflow_core_render_NativePixels_reduce(
    JNIEnv *env, jclass cls, jintArray pixels, jint width, jint height, jint factor_x,
    jint factor_y, jboolean alpha, jintArray out, jint then_x, jint then_y, jintArray coarse) {
  (void) cls;
  if (coarse == NULL) then_x = then_y = 1;
  jlong coarse_x = (jlong) factor_x * then_x;
  jlong coarse_y = (jlong) factor_y * then_y;
  /* A block's sum must fit the Java loop's int, as it does for any image the limits admit. */
  if (width < 1 || height < 1 || factor_x < 1 || factor_y < 1 || then_x < 1 || then_y < 1 ||
      coarse_x > INT32_MAX || coarse_y > INT32_MAX || coarse_x * coarse_y > INT32_MAX / 255) {
    return BAD_ARGUMENTS;
  }
  jlong out_w = ((jlong) width + factor_x - 1) / factor_x;
  jlong out_h = ((jlong) height + factor_y - 1) / factor_y;
  jlong coarse_w = ((jlong) width + coarse_x - 1) / coarse_x;
  jlong coarse_h = ((jlong) height + coarse_y - 1) / coarse_y;
  if (!array_holds(env, pixels, (jlong) width * height) || !array_holds(env, out, out_w * out_h) ||
      (coarse != NULL && !array_holds(env, coarse, coarse_w * coarse_h))) {
    return BAD_ARGUMENTS;
  }
  uint32_t *row = malloc(((size_t) width + (size_t) out_w) * sizeof(uint32_t));
  lanes4 *sums = malloc(((size_t) out_w + (size_t) coarse_w) * sizeof(lanes4));
  if (row == NULL || sums == NULL) {
    free(row);
    free(sums);
    return OUT_OF_MEMORY;
  }
  uint32_t *line = row + width;
  lanes4 *coarse_sums = sums + out_w;
  memset(coarse_sums, 0, (size_t) coarse_w * sizeof(lanes4));
  for (jlong oy = 0; oy < out_h; oy++) {
    memset(sums, 0, (size_t) out_w * sizeof(lanes4));
    int y0 = (int) oy * factor_y;
    int y1 = height - y0 < factor_y ? height : y0 + factor_y;
    for (int y = y0; y < y1; y++) {
      (*env)->GetIntArrayRegion(env, pixels, (jsize) y * width, width, (jint *) row);
      for (int ox = 0, x = 0; x < width; ox++) {
        int x1 = width - x < factor_x ? width : x + factor_x;
        lanes4 s = {0, 0, 0, 0};
        for (; x < x1; x++) s += unpack(row[x]);
        sums[ox] += s;
      }
    }
    average_line(sums, out_w, (uint32_t) (y1 - y0), factor_x, width, alpha, line);
    (*env)->SetIntArrayRegion(env, out, (jsize) (oy * out_w), (jsize) out_w, (const jint *) line);
    if (coarse == NULL) continue;
    for (jlong ox = 0, cx = 0; ox < out_w; cx++) {
      for (jlong end = ox + then_x < out_w ? ox + then_x : out_w; ox < end; ox++) {
        coarse_sums[cx] += sums[ox];
      }
    }
    if ((oy + 1) % then_y == 0 || oy + 1 == out_h) {
      jlong cy = oy / then_y;
      average_line(coarse_sums, coarse_w, block_length(cy, coarse_y, height), coarse_x, width, alpha,
                   line);
      (*env)->SetIntArrayRegion(env, coarse, (jsize) (cy * coarse_w), (jsize) coarse_w,
                                (const jint *) line);
      memset(coarse_sums, 0, (size_t) coarse_w * sizeof(lanes4));
    }
  }
  free(row);
  free(sums);
  return OK;
}

/* ---- Resampler ------------------------------------------------------------------------------ */

#define PRECISION_BITS (32 - 8 - 2)

/* One axis's taps, from Resampler.Coefficients: for output i, n = bounds[2i+1] weights from input
 * bounds[2i], weights[i * kernel ..]. */
struct taps {
  int count;
  int kernel;
  jint *bounds;
  jint *weights;
};

static void free_taps(struct taps *t) {
  free(t->bounds);
  t->bounds = t->weights = NULL;
}

/* Copies one axis's taps, checking that every output reads only inside [low, high). */
static int load_taps(JNIEnv *env, jintArray bounds, jintArray weights, int count, int kernel,
                     int low, int high, struct taps *t) {
  t->count = count;
  t->kernel = kernel;
  t->bounds = t->weights = NULL;
  if (count < 1 || kernel < 1 || !array_holds(env, bounds, 2 * (jlong) count) ||
      !array_holds(env, weights, (jlong) count * kernel) || (jlong) count * kernel > INT32_MAX) {
    return BAD_ARGUMENTS;
  }
  t->bounds = malloc((2 * (size_t) count + (size_t) count * kernel) * sizeof(jint));
  if (t->bounds == NULL) return OUT_OF_MEMORY;
  t->weights = t->bounds + 2 * (size_t) count;
  (*env)->GetIntArrayRegion(env, bounds, 0, 2 * count, t->bounds);
  (*env)->GetIntArrayRegion(env, weights, 0, count * kernel, t->weights);
  for (int i = 0; i < count; i++) {
    jint min = t->bounds[2 * i], n = t->bounds[2 * i + 1];
    if (min < low || n < 0 || n > kernel || (jlong) min + n > high) {
      free_taps(t);
      return BAD_ARGUMENTS;
    }
  }
  return OK;
}

static inline uint32_t clip8(int32_t fixed) {
  int32_t v = fixed >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : (uint32_t) v;
}

/* The four lanes' sums as Java's signed ints, each back to 8 bits. */
static inline lanes4 clip8_lanes(lanes4 s) {
  return (lanes4) {clip8((int32_t) s[0]), clip8((int32_t) s[1]), clip8((int32_t) s[2]),
                   clip8((int32_t) s[3])};
}

/* Pillow's RGBA -> RGBa: each colour times alpha / 255, rounded. */
static inline uint32_t mul255(uint32_t c, uint32_t a) {
  uint32_t t = c * a + 128;
  return (t + (t >> 8)) >> 8;
}

static inline lanes4 premultiplied(lanes4 c) {
  uint32_t a = c[3];
  if (a == 0xff) return c;
  return (lanes4) {mul255(c[0], a), mul255(c[1], a), mul255(c[2], a), a};
}

/* Pillow's RGBa -> RGBA: each colour times 255 / alpha, clipped. */
static inline lanes4 unpremultiplied(lanes4 c) {
  uint32_t a = c[3];
  if (a == 0 || a == 0xff) return c;
  for (int k = 0; k < 3; k++) {
    uint32_t v = 255 * c[k] / a;
    c[k] = v > 255 ? 255 : v;
  }
  return c;
}

/* One input row's horizontal pass: each output px's taps over the unpacked row, rounded to 8 bits
 * per channel into t (four bytes per px, lanes as unpack's). */
LANE_MULTIPLY_CLONES
static void horizontal_row(const lanes4 *unpacked, const struct taps *tx, uint8_t *t, int out_w) {
  const uint32_t h = 1u << (PRECISION_BITS - 1);
  const lanes4 half = {h, h, h, h};
  for (int i = 0; i < out_w; i++) {
    const jint *w = tx->weights + (size_t) i * tx->kernel;
    const lanes4 *src = unpacked + tx->bounds[2 * i];
    lanes4 s = half;
    for (int j = 0, n = tx->bounds[2 * i + 1]; j < n; j++) s += src[j] * (uint32_t) w[j];
    lanes4 c = clip8_lanes(s);
    for (int k = 0; k < 4; k++) t[4 * i + k] = (uint8_t) c[k];
  }
}

/* Adds one horizontally resampled row times weight w to each output px's sums. */
LANE_MULTIPLY_CLONES
static void accumulate_row(lanes4 *sums, const uint8_t *t, uint32_t w, int out_w) {
  for (int x = 0; x < out_w; x++) {
    lanes4 v = {t[4 * x], t[4 * x + 1], t[4 * x + 2], t[4 * x + 3]};
    sums[x] += v * w;
  }
}

/*
 * Resamples in (in_w x in_h) to out (out_w x out_h): the horizontal pass over the rows the vertical
 * taps read, rounded to 8 bits per channel (kept as bytes), then the vertical pass, as Resampler does.
 * The vertical taps' first row never moves back, so the horizontal rows live in a ring of as many
 * rows as the longest vertical kernel (about 13 for a 1024 px thumbnail of a 3000 px photo) instead
 * of one buffer of every row: ~50 KB that stays in cache instead of 8 MB of fresh pages per image.
 */
JNIEXPORT jint JNICALL Java_io_thumbflow_core_render_NativePixels_resample(
    JNIEnv *env, jclass cls, jintArray in, jint in_w, jint in_h, jboolean alpha, jintArray out,
    jint out_w, jint out_h, jintArray x_bounds, jintArray x_weights, jint x_kernel,
    jintArray y_bounds, jintArray y_weights, jint y_kernel) {
  (void) cls;
  if (in_w < 1 || in_h < 1 || out_w < 1 || out_h < 1 ||
      !array_holds(env, in, (jlong) in_w * in_h) || !array_holds(env, out, (jlong) out_w * out_h)) {
    return BAD_ARGUMENTS;
  }
  struct taps tx, ty;
  int status = load_taps(env, x_bounds, x_weights, out_w, x_kernel, 0, in_w, &tx);
  if (status != OK) return status;
  status = load_taps(env, y_bounds, y_weights, out_h, y_kernel, 0, in_h, &ty);
  if (status != OK) {
    free_taps(&tx);
    return status;
  }
  for (int i = 1; i < out_h; i++) {
    if (ty.bounds[2 * i] < ty.bounds[2 * i - 2]) {
      free_taps(&tx);
      free_taps(&ty);
      return BAD_ARGUMENTS;
    }
  }
  size_t ring_rows = (size_t) ty.kernel;
  uint32_t *row = malloc(((size_t) in_w + (size_t) out_w) * sizeof(uint32_t));
  lanes4 *unpacked = malloc((size_t) in_w * sizeof(lanes4));
  lanes4 *sums = malloc((size_t) out_w * sizeof(lanes4));
  uint8_t *ring = malloc(ring_rows * (size_t) out_w * 4);
  if (row == NULL || unpacked == NULL || sums == NULL || ring == NULL) {
    status = OUT_OF_MEMORY;
    goto done;
  }
  uint32_t *line = row + in_w;
  const uint32_t h = 1u << (PRECISION_BITS - 1);
  const lanes4 half = {h, h, h, h};
  int next_row = 0; /* the first input row not yet in the ring */
  for (int yy = 0; yy < out_h; yy++) {
    int first = ty.bounds[2 * yy], n = ty.bounds[2 * yy + 1];
    if (next_row < first) next_row = first;
    for (; next_row < first + n; next_row++) {
      (*env)->GetIntArrayRegion(env, in, (jsize) ((size_t) next_row * in_w), in_w, (jint *) row);
      for (int x = 0; x < in_w; x++) {
        lanes4 c = unpack(row[x]);
        unpacked[x] = alpha ? premultiplied(c) : c;
      }
      horizontal_row(unpacked, &tx, ring + (size_t) next_row % ring_rows * out_w * 4, out_w);
    }
    for (int x = 0; x < out_w; x++) sums[x] = half;
    const jint *w = ty.weights + (size_t) yy * ty.kernel;
    for (int j = 0; j < n; j++)
      accumulate_row(sums, ring + (size_t) (first + j) % ring_rows * out_w * 4, (uint32_t) w[j], out_w);
    for (int x = 0; x < out_w; x++) {
      lanes4 c = clip8_lanes(sums[x]);
      if (alpha) {
        c = unpremultiplied(c);
      } else {
        c[3] = 0xff;
      }
      line[x] = pack(c);
    }
    (*env)->SetIntArrayRegion(env, out, (jsize) yy * out_w, out_w, (const jint *) line);
  }
done:
  free(row);
  free(unpacked);
  free(sums);
  free(ring);
  free_taps(&tx);
  free_taps(&ty);
  return status;
}

JNIEXPORT jint JNICALL Java_io_thumbflow_core_render_NativePixels_abiVersion(JNIEnv *env,
                                                                           jclass cls) {
  (void) env;
  (void) cls;
  return 3;
}
