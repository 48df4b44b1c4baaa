/*
 * Minimal re-declaration of the libjpeg-turbo Java wrapper (TurboJPEG 2.x JNI ABI), so that the JNI
 * functions compiled into libturbojpeg.so.0 (Debian/Ubuntu libturbojpeg0 2.1.x) bind to these classes.
 * Class, field and native method names must stay exactly as below: the native code looks them up.
 *
 * Derived from the libjpeg-turbo Java wrapper:
 * Copyright (C)2011-2022 D. R. Commander.  All Rights Reserved.
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * - Redistributions of source code must retain the above copyright notice,
 *   this list of conditions and the following disclaimer.
 * - Redistributions in binary form must reproduce the above copyright notice,
 *   this list of conditions and the following disclaimer in the documentation
 *   and/or other materials provided with the distribution.
 * - Neither the name of the libjpeg-turbo Project nor the names of its
 *   contributors may be used to endorse or promote products derived from this
 *   software without specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS",
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED.  IN NO EVENT SHALL THE COPYRIGHT HOLDERS OR CONTRIBUTORS BE
 * LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 * CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 * SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 * INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 * CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 * ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 * POSSIBILITY OF SUCH DAMAGE.
 */

package org.libjpegturbo.turbojpeg;

import java.io.Closeable;

/**
 * One libjpeg-turbo compressor handle (not thread-safe). The native library must already be loaded
 * with {@link System#load}; the natives link on first use. Internal binding: use {@code
 * io.thumbflow.core.render.TurboJpegEncoder}.
 */
public class TJCompressor implements Closeable {
  // Read and written by the native code, by name.
  protected long handle;

  public TJCompressor() throws TJException {
    init();
  }

  /**
   * Compresses {@code width x height} pixels of {@code src} (one int per pixel, row stride {@code
   * stride} ints) into {@code dst}, which must hold the worst case ({@code tjBufSize}).
   *
   * @param pixelFormat a 4-byte TJPF_* value
   * @param subsamp a TJSAMP_* value
   * @param quality 1..100
   * @param flags TJFLAG_* bits
   * @return the JPEG's length in {@code dst}
   */
  public int compress(
      int[] src,
      int width,
      int stride,
      int height,
      int pixelFormat,
      byte[] dst,
      int subsamp,
      int quality,
      int flags)
      throws TJException {
    return compress(src, 0, 0, width, stride, height, pixelFormat, dst, subsamp, quality, flags);
  }

  @Override
  public void close() throws TJException {
    if (handle != 0) {
      destroy();
    }
  }

  private native void init() throws TJException;

  private native void destroy() throws TJException;

  private native int compress(
      int[] src,
      int x,
      int y,
      int width,
      int stride,
      int height,
      int pixelFormat,
      byte[] dst,
      int subsamp,
      int quality,
      int flags)
      throws TJException;
}
