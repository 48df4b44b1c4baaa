/*
 * The reducing PNG decoder's per-row loops (io.thumbflow.core.decode.png.NativePngRows), in C because
 * local mode and Lambda run Java with C1 only, whose code for them was about two thirds of a PNG's
 * decode after zlib's inflate.
 * Same arithmetic as the Java loops they replace (Unfilter, ReducingPngDecoder.Rows), so the same
 * pixels. Every array length is checked here before any access: a row of a hostile file can only be
 * as long as the Java side allocated it. The rows are copied in and out (Get/Set...ArrayRegion)
 * rather than pinned (GetPrimitiveArrayCritical): the JDK's serial collector cannot collect while
 * any thread holds a pinned array, so with one critical section per row the heap grew instead
 * (peak RSS over 65 PNGs at 50x50 96 -> 109 MB); the copies cost a few microseconds per row.
 *
 * Built by build-natives.sh into src/main/resources/native/linux-{x86_64,aarch64}/.
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zlib-ng.h"

#define OK 0
#define UNKNOWN_FILTER 1
#define BAD_ARGUMENTS 2
#define OUT_OF_MEMORY 3
#define NEEDS_INPUT 4
#define BAD_DATA 5
#define DATA_ENDS 6

/*
 * The Paeth predictor of left a, up b, upper-left c (PNG spec, 9.4), written for conditional moves:
 * a photo's bytes pick a, b or c about at random, so the branches of the spec's if/else mispredict.
 * (pa <= pb && pa <= pc is pa <= min(pb, pc).) Over lxqt_flowers.png's rows (RGB, nearly all Paeth),
 * best of 5: 3.4-4.3 ns a byte before, 3.0 without the branches, 1.9-2.9 with the left bytes in
 * locals as well (unfilter_paeth_pixels).
 */
static inline int paeth(int a, int b, int c) {
  int up = b - c;
  int left = a - c;
  int pa = abs(up);
  int pb = abs(left);
  int pc = abs(up + left);
  int near = pb <= pc ? b : c;
  int nearest = pb <= pc ? pb : pc;
  return pa <= nearest ? a : near;
}

/* Constant bpp once inlined, so the left byte stays in a register. */
static inline void unfilter_sub(uint8_t *c, int n, const int bpp) {
  for (int i = 1 + bpp; i <= n; i++) c[i] += c[i - bpp];
}

static inline void unfilter_average(uint8_t *c, const uint8_t *p, int n, const int bpp) {
  int i = 1;
  for (; i <= bpp && i <= n; i++) c[i] += p[i] >> 1;
  for (; i <= n; i++) c[i] += (uint8_t) ((c[i - bpp] + p[i]) >> 1);
}

/* Average for RGB and RGBA with the left bytes in locals, as unfilter_paeth_pixels below. */
#define AVERAGE_CHANNEL(k)                                       \
  do {                                                           \
    left##k = (uint8_t) (c[i + k] + ((left##k + p[i + k]) >> 1)); \
    c[i + k] = (uint8_t) left##k;                                \
  } while (0)

static inline void unfilter_average_pixels(uint8_t *c, const uint8_t *p, int n, const int bpp) {
  int i = 1;
  for (; i <= bpp && i <= n; i++) c[i] += p[i] >> 1;
  if (n < bpp) return;
  int left0 = c[1], left1 = c[2], left2 = c[3], left3 = bpp == 4 ? c[4] : 0;
  for (; i + bpp - 1 <= n; i += bpp) {
    AVERAGE_CHANNEL(0);
    AVERAGE_CHANNEL(1);
    AVERAGE_CHANNEL(2);
    if (bpp == 4) AVERAGE_CHANNEL(3);
  }
  for (; i <= n; i++) c[i] += (uint8_t) ((c[i - bpp] + p[i]) >> 1);
}

static inline void unfilter_paeth(uint8_t *c, const uint8_t *p, int n, const int bpp) {
  int i = 1;
  for (; i <= bpp && i <= n; i++) c[i] += p[i];
  for (; i <= n; i++) c[i] += (uint8_t) paeth(c[i - bpp], p[i], p[i - bpp]);
}

/*
 * Paeth for RGB and RGBA, whose left and upper-left bytes stay in locals: reloading the byte just
 * stored, bpp bytes back, puts a store-to-load forwarding on every byte's dependency chain.
 */
#define PAETH_CHANNEL(k)                                          \
  do {                                                            \
    int up = p[i + k];                                            \
    left##k = (uint8_t) (c[i + k] + paeth(left##k, up, upleft##k)); \
    c[i + k] = (uint8_t) left##k;                                 \
    upleft##k = up;                                               \
  } while (0)

/* bpp 3 (RGB) or 4 (RGBA); the fourth channel's locals go unused for RGB. */
static inline void unfilter_paeth_pixels(uint8_t *c, const uint8_t *p, int n, const int bpp) {
  int i = 1;
  for (; i <= bpp && i <= n; i++) c[i] += p[i];
  if (n < bpp) return;
  int left0 = c[1], left1 = c[2], left2 = c[3], left3 = bpp == 4 ? c[4] : 0;
  int upleft0 = p[1], upleft1 = p[2], upleft2 = p[3], upleft3 = bpp == 4 ? p[4] : 0;
  for (; i + bpp - 1 <= n; i += bpp) {
    PAETH_CHANNEL(0);
    PAETH_CHANNEL(1);
    PAETH_CHANNEL(2);
    if (bpp == 4) PAETH_CHANNEL(3);
  }
  for (; i <= n; i++) c[i] += (uint8_t) paeth(c[i - bpp], p[i], p[i - bpp]);
}

#define BY_BPP(call, bpp)            \
  switch (bpp) {                     \
    case 1: call(1); break;          \
    case 2: call(2); break;          \
    case 3: call(3); break;          \
    case 4: call(4); break;          \
    case 6: call(6); break;          \
    case 8: call(8); break;          \
    default: call(bpp); break;       \
  }

static int unfilter(uint8_t *c, const uint8_t *p, int n, int bpp) {
  switch (c[0]) {
    case 0:
      return OK;
    case 1:
#define SUB(b) unfilter_sub(c, n, b)
      BY_BPP(SUB, bpp)
      return OK;
    case 2:
      for (int i = 1; i <= n; i++) c[i] += p[i];
      return OK;
    case 3:
#define AVERAGE(b) unfilter_average(c, p, n, b)
      if (bpp == 3) {
        unfilter_average_pixels(c, p, n, 3);
      } else if (bpp == 4) {
        unfilter_average_pixels(c, p, n, 4);
      } else {
        BY_BPP(AVERAGE, bpp)
      }
      return OK;
    case 4:
#define PAETH(b) unfilter_paeth(c, p, n, b)
      if (bpp == 3) {
        unfilter_paeth_pixels(c, p, n, 3);
      } else if (bpp == 4) {
        unfilter_paeth_pixels(c, p, n, 4);
      } else {
        BY_BPP(PAETH, bpp)
      }
      return OK;
    default:
      return UNKNOWN_FILTER;
  }
}

/*
 * Adds one 8-bit RGB (channels 3) or RGBA (channels 4) row, cur[1 ..], to the per-output-column
 * sums, factor_x pixels per column (fewer in the last). alpha is only touched for RGBA.
 */
JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_accumulate(
    JNIEnv *env, jclass cls, jbyteArray cur, jint width, jint channels, jint factor_x,
    jintArray alpha, jintArray red, jintArray green, jintArray blue) {
  (void) cls;
  if (cur == NULL || alpha == NULL || red == NULL || green == NULL || blue == NULL || width < 1 ||
      factor_x < 1 || (channels != 3 && channels != 4)) {
    return BAD_ARGUMENTS;
  }
  jlong columns = ((jlong) width + factor_x - 1) / factor_x;
  if ((jlong) (*env)->GetArrayLength(env, cur) < (jlong) width * channels + 1 ||
      (*env)->GetArrayLength(env, red) < columns || (*env)->GetArrayLength(env, green) < columns ||
      (*env)->GetArrayLength(env, blue) < columns ||
      (channels == 4 && (*env)->GetArrayLength(env, alpha) < columns)) {
    return BAD_ARGUMENTS;
  }
  jsize n = (jsize) columns;
  jsize planes = channels == 4 ? 4 : 3;
  size_t bytes = (size_t) width * channels + 1;
  /* The sums first (malloc aligns for jint), then the row. */
  jint *sums = malloc((size_t) planes * n * sizeof(jint) + bytes);
  if (sums == NULL) return OUT_OF_MEMORY;
  jint *sr = sums, *sg = sums + n, *sb = sums + 2 * (size_t) n;
  jint *sa = channels == 4 ? sums + 3 * (size_t) n : NULL;
  uint8_t *c = (uint8_t *) (sums + (size_t) planes * n);
  (*env)->GetByteArrayRegion(env, cur, 0, (jsize) bytes, (jbyte *) c);
  (*env)->GetIntArrayRegion(env, red, 0, n, sr);
  (*env)->GetIntArrayRegion(env, green, 0, n, sg);
  (*env)->GetIntArrayRegion(env, blue, 0, n, sb);
  if (channels == 4) (*env)->GetIntArrayRegion(env, alpha, 0, n, sa);
  const uint8_t *q = c + 1;
  for (int ox = 0, x = 0; x < width; ox++) {
    int x1 = width - x < factor_x ? width : x + factor_x;
    int r = 0, g = 0, b = 0, a = 0;
    if (channels == 3) {
      for (; x < x1; x++, q += 3) {
        r += q[0];
        g += q[1];
        b += q[2];
      }
    } else {
      for (; x < x1; x++, q += 4) {
        r += q[0];
        g += q[1];
        b += q[2];
        a += q[3];
      }
      sa[ox] += a;
    }
    sr[ox] += r;
    sg[ox] += g;
    sb[ox] += b;
  }
  (*env)->SetIntArrayRegion(env, red, 0, n, sr);
  (*env)->SetIntArrayRegion(env, green, 0, n, sg);
  (*env)->SetIntArrayRegion(env, blue, 0, n, sb);
  if (channels == 4) (*env)->SetIntArrayRegion(env, alpha, 0, n, sa);
  free(sums);
  return OK;
}

/*
 * Packs the 8-bit RGB (channels 3, opaque) or RGBA (4) row cur[1 ..] of width px into out[offset ..]
 * as 0xAARRGGBB: a decode at full size, which needs no sums.
 */
JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_pack(
    JNIEnv *env, jclass cls, jbyteArray cur, jint width, jint channels, jintArray out,
    jint offset) {
  (void) cls;
  if (cur == NULL || out == NULL || width < 1 || offset < 0 || (channels != 3 && channels != 4) ||
      (jlong) (*env)->GetArrayLength(env, cur) < (jlong) width * channels + 1 ||
      (jlong) (*env)->GetArrayLength(env, out) < (jlong) offset + width) {
    return BAD_ARGUMENTS;
  }
  size_t bytes = (size_t) width * channels + 1;
  /* The pixels first (malloc aligns for jint), then the row. */
  uint32_t *px = malloc((size_t) width * sizeof(uint32_t) + bytes);
  if (px == NULL) return OUT_OF_MEMORY;
  uint8_t *c = (uint8_t *) (px + width);
  (*env)->GetByteArrayRegion(env, cur, 0, (jsize) bytes, (jbyte *) c);
  const uint8_t *q = c + 1;
  if (channels == 3) {
    for (int x = 0; x < width; x++, q += 3)
      px[x] = 0xff000000u | (uint32_t) q[0] << 16 | (uint32_t) q[1] << 8 | q[2];
  } else {
    for (int x = 0; x < width; x++, q += 4)
      px[x] = (uint32_t) q[3] << 24 | (uint32_t) q[0] << 16 | (uint32_t) q[1] << 8 | q[2];
  }
  (*env)->SetIntArrayRegion(env, out, offset, width, (const jint *) px);
  free(px);
  return OK;
}

/*
 * A PNG's image data inflated and unfiltered a row at a time by zlib-ng (bundled, built static by
 * build-natives.sh): its inflate took the 13 corpus PNGs' rows in 142-149 ms against 239-269 ms for
 * Debian's zlib 1.2.13, which the JDK's Inflater uses. Streaming, as the Inflater was: the memory
 * is two rows, the zlib window and INPUT_BYTES of compressed data, whatever the image's size.
 */
#define INPUT_BYTES 65536

typedef struct {
  zng_stream z;
  size_t row_bytes; /* with the filter byte */
  size_t filled;    /* bytes of cur inflated so far */
  int bpp;
  uint8_t *cur;
  uint8_t *prev; /* all zero before the first row, as the PNG spec's row above the image */
  uint8_t input[INPUT_BYTES];
} png_stream;

static png_stream *stream_of(jlong handle) { return (png_stream *) (intptr_t) handle; }

JNIEXPORT jlong JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_openStream(
    JNIEnv *env, jclass cls, jint n, jint bpp) {
  (void) env;
  (void) cls;
  if (n < 1 || bpp < 1 || n > INT32_MAX - 16) return 0;
  png_stream *s = calloc(1, sizeof(png_stream));
  if (s == NULL) return 0;
  s->row_bytes = (size_t) n + 1;
  s->bpp = bpp;
  s->cur = malloc(s->row_bytes);
  s->prev = calloc(1, s->row_bytes);
  if (s->cur == NULL || s->prev == NULL || zng_inflateInit(&s->z) != Z_OK) {
    free(s->cur);
    free(s->prev);
    free(s);
    return 0;
  }
  return (jlong) (intptr_t) s;
}

/* Takes up to INPUT_BYTES of png[offset .. offset + length), only once the last input is used. */
JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_feed(
    JNIEnv *env, jclass cls, jlong handle, jbyteArray png, jint offset, jint length) {
  (void) cls;
  png_stream *s = stream_of(handle);
  if (s == NULL || png == NULL || offset < 0 || length < 0 ||
      (jlong) offset + length > (*env)->GetArrayLength(env, png)) {
    return -BAD_ARGUMENTS;
  }
  if (s->z.avail_in > 0) return 0;
  jint taken = length < INPUT_BYTES ? length : INPUT_BYTES;
  (*env)->GetByteArrayRegion(env, png, offset, taken, (jbyte *) s->input);
  s->z.next_in = s->input;
  s->z.avail_in = (uint32_t) taken;
  return taken;
}

/*
 * Inflates the next row and unfilters it into cur[0 .. n] (the filter byte at 0). NEEDS_INPUT
 * keeps what was inflated of the row for the next call, after a feed.
 */
JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_nextRow(
    JNIEnv *env, jclass cls, jlong handle, jbyteArray cur) {
  (void) cls;
  png_stream *s = stream_of(handle);
  if (s == NULL || cur == NULL || (size_t) (*env)->GetArrayLength(env, cur) < s->row_bytes) {
    return BAD_ARGUMENTS;
  }
  while (s->filled < s->row_bytes) {
    if (s->z.avail_in == 0) return NEEDS_INPUT;
    s->z.next_out = s->cur + s->filled;
    s->z.avail_out = (uint32_t) (s->row_bytes - s->filled);
    uint32_t in_before = s->z.avail_in;
    size_t filled_before = s->filled;
    int status = zng_inflate(&s->z, Z_NO_FLUSH);
    s->filled = s->row_bytes - s->z.avail_out;
    if (status == Z_STREAM_END && s->filled < s->row_bytes) return DATA_ENDS;
    /* Z_BUF_ERROR is "no progress": with input and room left, the data cannot go on. */
    if ((status != Z_OK && status != Z_STREAM_END) ||
        (s->z.avail_in == in_before && s->filled == filled_before)) {
      return BAD_DATA;
    }
  }
  int result = unfilter(s->cur, s->prev, (int) s->row_bytes - 1, s->bpp);
  if (result != OK) {
    (*env)->SetByteArrayRegion(env, cur, 0, 1, (const jbyte *) s->cur); /* names the filter */
    return result;
  }
  (*env)->SetByteArrayRegion(env, cur, 0, (jsize) s->row_bytes, (const jbyte *) s->cur);
  uint8_t *t = s->prev;
  s->prev = s->cur;
  s->cur = t;
  s->filled = 0;
  return OK;
}

JNIEXPORT void JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_closeStream(
    JNIEnv *env, jclass cls, jlong handle) {
  (void) env;
  (void) cls;
  png_stream *s = stream_of(handle);
  if (s == NULL) return;
  zng_inflateEnd(&s->z);
  free(s->cur);
  free(s->prev);
  free(s);
}

/*
 * A PNG's image data, zlib-compressed: each row of packed 0xAARRGGBB pixels unpacked to RGB or RGBA
 * bytes, Paeth-filtered (the predictor above) and deflated by zlib-ng at `level`. Returns the zlib
 * stream, or NULL (no Java exception pending) for bad arguments, no memory or a zlib-ng error.
 */
JNIEXPORT jbyteArray JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_deflateImage(
    JNIEnv *env, jclass cls, jintArray argb, jint width, jint height, jboolean alpha, jint level) {
  (void) cls;
  if (argb == NULL || width < 1 || height < 1 || level < 0 || level > 9 ||
      (jlong) (*env)->GetArrayLength(env, argb) < (jlong) width * height ||
      (jlong) width * (alpha ? 4 : 3) + 1 > INT32_MAX / 2) {
    return NULL;
  }
  const int bpp = alpha ? 4 : 3;
  size_t row_bytes = (size_t) width * bpp;
  size_t capacity = ((size_t) height * (row_bytes + 1)) / 4 + 1024;
  uint32_t *px = malloc((size_t) width * sizeof(uint32_t));
  uint8_t *rows = calloc(2 * row_bytes + row_bytes + 1, 1); /* prev, cur, filtered */
  uint8_t *out = malloc(capacity);
  zng_stream z;
  memset(&z, 0, sizeof z);
  jbyteArray result = NULL;
  int initialised = 0;
  if (px == NULL || rows == NULL || out == NULL) goto done;
  if (zng_deflateInit(&z, level) != Z_OK) goto done;
  initialised = 1;
  uint8_t *prev = rows, *cur = rows + row_bytes, *filtered = rows + 2 * row_bytes;
  filtered[0] = 4; /* Paeth */
  z.next_out = out;
  z.avail_out = (uint32_t) capacity;
  for (jint y = 0; y <= height; y++) {
    int flush = Z_FINISH;
    if (y < height) {
      flush = Z_NO_FLUSH;
      (*env)->GetIntArrayRegion(env, argb, (jsize) ((jlong) y * width), width, (jint *) px);
      uint8_t *q = cur;
      for (jint x = 0; x < width; x++) {
        uint32_t v = px[x];
        *q++ = (uint8_t) (v >> 16);
        *q++ = (uint8_t) (v >> 8);
        *q++ = (uint8_t) v;
        if (bpp == 4) *q++ = (uint8_t) (v >> 24);
      }
      for (int i = 0; i < bpp; i++) filtered[1 + i] = (uint8_t) (cur[i] - prev[i]);
      for (size_t i = bpp; i < row_bytes; i++)
        filtered[1 + i] = (uint8_t) (cur[i] - paeth(cur[i - bpp], prev[i], prev[i - bpp]));
      uint8_t *t = prev;
      prev = cur;
      cur = t;
      z.next_in = filtered;
      z.avail_in = (uint32_t) (row_bytes + 1);
    }
    for (;;) {
      if (z.avail_out == 0) { /* grow by half */
        size_t used = capacity;
        size_t grown = capacity + capacity / 2;
        uint8_t *bigger = grown > capacity ? realloc(out, grown) : NULL;
        if (bigger == NULL) goto done;
        out = bigger;
        capacity = grown;
        z.next_out = out + used;
        z.avail_out = (uint32_t) (capacity - used);
      }
      int status = zng_deflate(&z, flush);
      if (status == Z_STREAM_END) break;
      if (status != Z_OK && status != Z_BUF_ERROR) goto done;
      if (flush == Z_NO_FLUSH && z.avail_in == 0) break;
    }
  }
  if (z.total_out > INT32_MAX) goto done;
  result = (*env)->NewByteArray(env, (jsize) z.total_out);
  if (result != NULL) {
    (*env)->SetByteArrayRegion(env, result, 0, (jsize) z.total_out, (const jbyte *) out);
  } else {
    (*env)->ExceptionClear(env); /* no Java heap for it: the caller's Java path decides */
  }
done:
  if (initialised) zng_deflateEnd(&z);
  free(px);
  free(rows);
  free(out);
  return result;
}

JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_png_NativePngRows_abiVersion(
    JNIEnv *env, jclass cls) {
  (void) env;
  (void) cls;
  return 5;
}
