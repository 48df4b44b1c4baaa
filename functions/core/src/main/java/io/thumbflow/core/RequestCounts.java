package io.thumbflow.core;

/**
 * Storage requests made for one source, priced separately: S3 bills GET and HEAD at one rate and
 * PUT, COPY, POST and LIST at another.
 *
 * @param get GET requests (the source read)
 * @param head HEAD requests (ETag look-ups, up-to-date checks)
 * @param put PUT requests (one per output written)
 */
public record RequestCounts(int get, int head, int put) {
  public static final RequestCounts NONE = new RequestCounts(0, 0, 0);

  public RequestCounts plus(RequestCounts o) {
    return new RequestCounts(get + o.get, head + o.head, put + o.put);
  }
}
