package io.thumbflow.core.decode;

/**
 * How an ImageIO reader is given a file: which reader (by ImageIO format name), which image of the
 * file, and, for a reader that misreads a valid header, the first bytes as it must see them.
 *
 * @param readerName the ImageIO format name ("tga", "cur", ...)
 * @param imageIndex the image to read (0 for the first or only one)
 * @param head replacement for the file's first {@code head.length} bytes, or null
 */
record ReaderInput(String readerName, int imageIndex, byte[] head) {
  static ReaderInput of(String readerName) {
    return new ReaderInput(readerName, 0, null);
  }
}
