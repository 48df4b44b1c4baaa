package io.thumbflow.core;

/**
 * What a page can show before any image arrives, inline and without a request.
 *
 * @param blurhash a BlurHash string (https://blurha.sh), components chosen for the aspect ratio
 * @param dominantColor the most common colour as {@code #rrggbb}
 */
public record Placeholder(String blurhash, String dominantColor) {}
