package io.thumbflow.core.decode.heif;

/**
 * An nclx colour description: the code points of ITU-T H.273 / ISO/IEC 23091-2 that a HEIF 'colr'
 * box or the codec's bitstream carries.
 *
 * @param primaries colour primaries (1 BT.709, 2 unspecified, 9 BT.2020, 11 DCI-P3, 12 Display P3,
 *     ...)
 * @param transfer transfer characteristics (1/6/14/15 BT.709, 13 sRGB, 8 linear, 16 PQ, 18 HLG,
 *     ...)
 * @param matrix matrix coefficients (used by libheif for YCbCr to RGB; kept for the record)
 * @param fullRange full-range flag (also libheif's business)
 */
public record Nclx(int primaries, int transfer, int matrix, boolean fullRange) {
  static final int PRIMARIES_BT709 = 1;
  static final int PRIMARIES_BT2020 = 9;
  static final int PRIMARIES_DCI_P3 = 11;
  static final int PRIMARIES_DISPLAY_P3 = 12;
  static final int TRANSFER_GAMMA22 = 4;
  static final int TRANSFER_GAMMA28 = 5;
  static final int TRANSFER_LINEAR = 8;
  static final int TRANSFER_PQ = 16;
  static final int TRANSFER_HLG = 18;

  /** What a file without any colour information is taken to be: sRGB. */
  static final Nclx SRGB = new Nclx(1, 13, 6, true);

  /** True for the transfers of high-dynamic-range content (PQ, HLG). */
  boolean hdr() {
    return transfer == TRANSFER_PQ || transfer == TRANSFER_HLG;
  }

  @Override
  public String toString() {
    return "nclx("
        + primaries
        + ","
        + transfer
        + ","
        + matrix
        + (fullRange ? ",full)" : ",limited)");
  }
}
