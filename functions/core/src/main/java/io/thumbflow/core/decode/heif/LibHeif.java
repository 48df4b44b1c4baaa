package io.thumbflow.core.decode.heif;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libheif C API (libheif/heif.h) as JNA maps it: only the functions thumbflow calls, all
 * present since libheif 1.11 except the ones marked otherwise, which callers look up as optional
 * (JNA resolves a symbol at its first call and throws {@link UnsatisfiedLinkError} when it is
 * missing). Pointers are the opaque {@code heif_context*}, {@code heif_image_handle*} and {@code
 * heif_image*}; {@code size_t} is mapped to {@code long}, which is right on the LP64 platforms
 * thumbflow loads natives on.
 */
interface LibHeif extends Library {
  int COLORSPACE_RGB = 1;
  int CHROMA_INTERLEAVED_RGB = 10;
  int CHROMA_INTERLEAVED_RGBA = 11;
  int CHROMA_INTERLEAVED_RRGGBB_LE = 14;
  int CHROMA_INTERLEAVED_RRGGBBAA_LE = 15;
  int CHANNEL_INTERLEAVED = 10;

  int COLOR_PROFILE_NCLX = fourcc("nclx");
  int COLOR_PROFILE_RICC = fourcc("rICC");
  int COLOR_PROFILE_PROF = fourcc("prof");

  private static int fourcc(String s) {
    return s.charAt(0) << 24 | s.charAt(1) << 16 | s.charAt(2) << 8 | s.charAt(3);
  }

  /**
   * {@code struct heif_error}: code, subcode, a message owned by libheif (never freed by the
   * caller).
   */
  @Structure.FieldOrder({"code", "subcode", "message"})
  class HeifError extends Structure implements Structure.ByValue {
    public int code;
    public int subcode;
    public String message;
  }

  String heif_get_version();

  /** libheif 1.13+: initialises the library and loads the plugins of its default directory. */
  HeifError heif_init(Pointer params);

  /** libheif 1.14+: loads one decoder plugin file (a build whose codecs are plugins). */
  HeifError heif_load_plugin(String filename, PointerByReference outPlugin);

  Pointer heif_context_alloc();

  void heif_context_free(Pointer ctx);

  HeifError heif_context_read_from_memory_without_copy(
      Pointer ctx, Pointer mem, long size, Pointer options);

  int heif_context_get_number_of_top_level_images(Pointer ctx);

  HeifError heif_context_get_primary_image_handle(Pointer ctx, PointerByReference handle);

  /** libheif 1.19+: the context's own, writable {@code struct heif_security_limits}. */
  Pointer heif_context_get_security_limits(Pointer ctx);

  void heif_image_handle_release(Pointer handle);

  /** Width after the transformations (irot, imir, clap) that decoding applies. */
  int heif_image_handle_get_width(Pointer handle);

  int heif_image_handle_get_height(Pointer handle);

  /** Width declared by the item's 'ispe' property: the coded size, before any transformation. */
  int heif_image_handle_get_ispe_width(Pointer handle);

  int heif_image_handle_get_ispe_height(Pointer handle);

  int heif_image_handle_has_alpha_channel(Pointer handle);

  int heif_image_handle_get_luma_bits_per_pixel(Pointer handle);

  int heif_image_handle_get_color_profile_type(Pointer handle);

  long heif_image_handle_get_raw_color_profile_size(Pointer handle);

  HeifError heif_image_handle_get_raw_color_profile(Pointer handle, Pointer out);

  HeifError heif_image_handle_get_nclx_color_profile(Pointer handle, PointerByReference out);

  void heif_nclx_color_profile_free(Pointer nclx);

  HeifError heif_decode_image(
      Pointer handle, PointerByReference image, int colorspace, int chroma, Pointer options);

  int heif_image_get_width(Pointer image, int channel);

  int heif_image_get_height(Pointer image, int channel);

  int heif_image_get_bits_per_pixel_range(Pointer image, int channel);

  Pointer heif_image_get_plane_readonly(Pointer image, int channel, IntByReference stride);

  /**
   * The colour description libheif attached to the decoded image (from the bitstream when no 'colr'
   * box).
   */
  HeifError heif_image_get_nclx_color_profile(Pointer image, PointerByReference out);

  void heif_image_release(Pointer image);
}
