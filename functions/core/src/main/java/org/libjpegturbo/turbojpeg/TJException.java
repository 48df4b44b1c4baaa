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

import java.io.IOException;

/**
 * An error reported by libjpeg-turbo; the native code constructs it with {@code (String, int)}.
 * Internal binding: use {@code io.thumbflow.core.decode.turbo.TurboJpegDecoder}.
 */
public class TJException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * libjpeg-turbo's TJERR_WARNING: the data is damaged (e.g. truncated) but was partly decodable.
   */
  public static final int ERR_WARNING = 0;

  /** libjpeg-turbo's TJERR_FATAL: the data or the request cannot be decoded at all. */
  public static final int ERR_FATAL = 1;

  private final int errorCode;

  public TJException(String message) {
    this(message, ERR_FATAL);
  }

  public TJException(String message, int errorCode) {
    super(message);
    this.errorCode = errorCode;
  }

  /** {@link #ERR_WARNING} or {@link #ERR_FATAL}. */
  public int getErrorCode() {
    return errorCode;
  }
}
