/*
 * thumbflow's JPEG scan loops for NativeJpegScan (io.thumbflow.core.decode.dc): finding where a
 * scan's entropy-coded data ends, and decoding a progressive JPEG's DC scans into one coefficient
 * per block. The same steps as the Java classes beside NativeJpegScan (EntropyCodedData,
 * EntropyReader, DcHuffmanTable, ProgressiveDcDecoder's scan loops), bit for bit; the tests run
 * both on the corpora and on damaged copies of them.
 *
 * Every read of the file and every write of a coefficient is bounds-checked: the input is a
 * stranger's upload.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

#define ABI_VERSION 1
#define DECLINED (-1)
#define BAD_ARGUMENTS (-2)
#define OUT_OF_MEMORY (-3)

#define LOOKAHEAD 9
#define FAST_SIZE (1 << LOOKAHEAD)
/* One packed table, as DcHuffmanTable.packInto lays it out. */
#define MAX_CODE_AT FAST_SIZE
#define VALUE_OFFSET_AT (MAX_CODE_AT + 18)
#define SYMBOL_COUNT_AT (VALUE_OFFSET_AT + 17)
#define SYMBOLS_AT (SYMBOL_COUNT_AT + 1)
#define TABLE_INTS (SYMBOLS_AT + 256)
#define GEOMETRY_INTS 5 /* h, v, stride, blocksWide, blocksHigh */
#define MAX_DC_CATEGORY 11

/* The first marker at or after p: FF followed by none of 00 (stuffing), D0-D7 (RSTn), FF (fill). */
static int32_t entropy_end(const uint8_t *d, int32_t n, int32_t p) {
  while (p < n - 1) {
    const uint8_t *ff = memchr(d + p, 0xFF, (size_t)(n - 1 - p));
    if (ff == NULL) return n;
    p = (int32_t)(ff - d);
    uint8_t next = d[p + 1];
    if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) return p;
    p += next == 0xFF ? 1 : 2;
  }
  return n;
}

JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_dc_NativeJpegScan_entropyEnd(
    JNIEnv *env, jclass cls, jbyteArray data, jint from) {
  (void)cls;
  jsize n = (*env)->GetArrayLength(env, data);
  if (from < 0 || from > n) return BAD_ARGUMENTS;
  uint8_t *d = (*env)->GetPrimitiveArrayCritical(env, data, NULL);
  if (d == NULL) return OUT_OF_MEMORY;
  int32_t end = entropy_end(d, n, from);
  (*env)->ReleasePrimitiveArrayCritical(env, data, d, JNI_ABORT);
  return end;
}

/* EntropyReader: un-stuffs FF 00, supplies zero bits after a marker or the end and counts them. */
typedef struct {
  const uint8_t *data;
  int32_t length;
  int32_t pos;
  uint64_t buffer;
  int32_t count;
  int32_t padding;
  int at_marker;
} reader;

static void fill(reader *r) {
  while (r->count <= 56) {
    uint32_t b = 0;
    if (!r->at_marker && r->pos < r->length) {
      b = r->data[r->pos];
      if (b == 0xFF) {
        if (r->pos + 1 < r->length && r->data[r->pos + 1] == 0x00) {
          r->pos += 2;
        } else {
          r->at_marker = 1;
          b = 0;
        }
      } else {
        r->pos++;
      }
    } else {
      r->at_marker = 1;
    }
    if (r->at_marker) r->padding += 8;
    r->buffer = r->buffer << 8 | b;
    r->count += 8;
  }
}

static inline uint32_t peek(reader *r, int n) {
  if (r->count < n) fill(r);
  return (uint32_t)(r->buffer >> (r->count - n)) & ((1u << n) - 1);
}

static inline uint32_t bits(reader *r, int n) {
  uint32_t v = peek(r, n);
  r->count -= n;
  return v;
}

static inline int overran(const reader *r) { return r->count < r->padding; }

/* Ends a restart interval: expects RSTn next, with less than a byte of the interval left. */
static int restart(reader *r, int n) {
  if (overran(r) || r->count - r->padding >= 8) return 0;
  if (r->pos + 1 >= r->length || r->data[r->pos] != 0xFF || r->data[r->pos + 1] != (0xD0 | n)) {
    return 0;
  }
  r->pos += 2;
  r->buffer = 0;
  r->count = 0;
  r->padding = 0;
  r->at_marker = 0;
  return 1;
}

/* DcHuffmanTable.decode: a symbol, or -1 for a bit pattern that is no code of the table. */
static int decode_symbol(reader *r, const jint *table) {
  jint entry = table[peek(r, LOOKAHEAD)];
  if (entry != 0) {
    r->count -= entry >> 8;
    return entry & 0xFF;
  }
  int32_t code = (int32_t)bits(r, LOOKAHEAD);
  for (int length = LOOKAHEAD + 1; length <= 16; length++) {
    code = code << 1 | (int32_t)bits(r, 1);
    if (code <= table[MAX_CODE_AT + length]) {
      int32_t at = table[VALUE_OFFSET_AT + length] + code;
      return at >= 0 && at < table[SYMBOL_COUNT_AT] ? table[SYMBOLS_AT + at] & 0xFF : -1;
    }
  }
  return -1;
}

/* A DC difference (category, then RECEIVE + EXTEND); 0 when the category is bad (*ok cleared). */
static inline int32_t difference(reader *r, const jint *table, int *ok) {
  int s = decode_symbol(r, table);
  if (s < 0 || s > MAX_DC_CATEGORY) {
    *ok = 0;
    return 0;
  }
  if (s == 0) return 0;
  int32_t v = (int32_t)bits(r, s);
  return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
}

/* One block of a DC scan: a first-pass difference, or one refinement bit. */
static inline void block(reader *r, int16_t *dc, int32_t index, const jint *table, int refine,
                         int shift, uint32_t *predictor, int *ok) {
  if (refine) {
    if (bits(r, 1)) dc[index] = (int16_t)((uint16_t)dc[index] | (uint16_t)(1u << shift));
  } else {
    *predictor += (uint32_t)difference(r, table, ok);
    dc[index] = (int16_t)(uint16_t)(*predictor << shift);
  }
}

static int scan(reader *r, int count, int16_t **dc, const jint *geometry, const jint *tables,
                int32_t mcus_wide, int32_t mcus_high, int32_t restart_interval, int refine,
                int shift) {
  uint32_t predictors[4] = {0, 0, 0, 0};
  int ok = 1;
  int32_t mcu = 0;
  int restarts = 0;
  if (count == 1) {
    /* A non-interleaved scan walks the component's own blocks, one per MCU. */
    const jint *g = geometry;
    for (int32_t by = 0; by < g[4] && ok; by++) {
      for (int32_t bx = 0; bx < g[3] && ok; bx++, mcu++) {
        if (restart_interval > 0 && mcu > 0 && mcu % restart_interval == 0) {
          if (!restart(r, restarts++ & 7)) return DECLINED;
          predictors[0] = 0;
        }
        block(r, dc[0], by * g[2] + bx, tables, refine, shift, &predictors[0], &ok);
      }
    }
  } else {
    for (int32_t my = 0; my < mcus_high && ok; my++) {
      for (int32_t mx = 0; mx < mcus_wide && ok; mx++, mcu++) {
        if (restart_interval > 0 && mcu > 0 && mcu % restart_interval == 0) {
          if (!restart(r, restarts++ & 7)) return DECLINED;
          memset(predictors, 0, sizeof predictors);
        }
        for (int i = 0; i < count; i++) {
          const jint *g = geometry + i * GEOMETRY_INTS;
          for (int v = 0; v < g[1]; v++) {
            int32_t row = (my * g[1] + v) * g[2] + mx * g[0];
            for (int h = 0; h < g[0]; h++) {
              block(r, dc[i], row + h, tables + i * TABLE_INTS, refine, shift, &predictors[i], &ok);
            }
          }
        }
      }
    }
  }
  return ok && !overran(r) ? r->pos : DECLINED;
}

/*
 * Decodes one DC scan of `count` components into dc0..dc3 (geometry: GEOMETRY_INTS per component;
 * tables: TABLE_INTS per component, unused in refinement scans). Returns where the byte data not
 * yet read starts, DECLINED for data the Java decoder would decline too, or BAD_ARGUMENTS when
 * the arrays do not hold what the geometry addresses.
 */
JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_dc_NativeJpegScan_decodeDcScan(
    JNIEnv *env, jclass cls, jbyteArray data, jint start, jint count, jshortArray dc0,
    jshortArray dc1, jshortArray dc2, jshortArray dc3, jintArray geometry, jintArray tables,
    jint mcus_wide, jint mcus_high, jint restart_interval, jboolean refine, jint shift) {
  (void)cls;
  jshortArray arrays[4] = {dc0, dc1, dc2, dc3};
  jsize length = (*env)->GetArrayLength(env, data);
  if (count < 1 || count > 4 || start < 0 || start > length || shift < 0 || shift > 15 ||
      mcus_wide < 1 || mcus_high < 1 || restart_interval < 0 ||
      (*env)->GetArrayLength(env, geometry) < count * GEOMETRY_INTS ||
      (*env)->GetArrayLength(env, tables) < count * TABLE_INTS) {
    return BAD_ARGUMENTS;
  }
  jint g[4 * GEOMETRY_INTS];
  (*env)->GetIntArrayRegion(env, geometry, 0, count * GEOMETRY_INTS, g);
  for (int i = 0; i < count; i++) {
    const jint *c = g + i * GEOMETRY_INTS;
    if (arrays[i] == NULL || c[0] < 1 || c[0] > 4 || c[1] < 1 || c[1] > 4 || c[3] < 1 ||
        c[4] < 1) {
      return BAD_ARGUMENTS;
    }
    /* The largest index a scan writes: the padded MCU grid (interleaved) or the block grid. */
    int64_t size = (*env)->GetArrayLength(env, arrays[i]);
    int64_t stride = c[2];
    int64_t last = count == 1 ? ((int64_t)c[4] - 1) * stride + c[3] - 1
                              : ((int64_t)mcus_high * c[1] - 1) * stride +
                                    ((int64_t)mcus_wide - 1) * c[0] + c[0] - 1;
    if (stride < (count == 1 ? c[3] : (int64_t)mcus_wide * c[0]) || last >= size) {
      return BAD_ARGUMENTS;
    }
  }
  jint *t = (*env)->GetPrimitiveArrayCritical(env, tables, NULL);
  uint8_t *d = t == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, data, NULL);
  int16_t *dc[4] = {NULL, NULL, NULL, NULL};
  int got = d != NULL;
  for (int i = 0; i < count && got; i++) {
    dc[i] = (*env)->GetPrimitiveArrayCritical(env, arrays[i], NULL);
    got = dc[i] != NULL;
  }
  jint result = OUT_OF_MEMORY;
  if (got) {
    reader r = {d, length, start, 0, 0, 0, 0};
    result = scan(&r, count, dc, g, t, mcus_wide, mcus_high, restart_interval, refine, shift);
  }
  /* A declined scan leaves its arrays half-written; the Java decoder then discards the frame. */
  for (int i = count - 1; i >= 0; i--) {
    if (dc[i] != NULL) (*env)->ReleasePrimitiveArrayCritical(env, arrays[i], dc[i], 0);
  }
  if (d != NULL) (*env)->ReleasePrimitiveArrayCritical(env, data, d, JNI_ABORT);
  if (t != NULL) (*env)->ReleasePrimitiveArrayCritical(env, tables, t, JNI_ABORT);
  return result;
}

JNIEXPORT jint JNICALL Java_io_thumbflow_core_decode_dc_NativeJpegScan_abiVersion(JNIEnv *env,
                                                                                  jclass cls) {
  (void)env;
  (void)cls;
  return ABI_VERSION;
}
