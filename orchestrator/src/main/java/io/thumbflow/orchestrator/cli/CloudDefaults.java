package io.thumbflow.orchestrator.cli;

/**
 * What template.yaml deploys the thumbnail function with, for the local run's cost estimate (a test
 * keeps these in step with the template).
 */
public final class CloudDefaults {
  /** ThumbnailFunction's MemorySize (MB). */
  public static final int THUMBNAIL_MEMORY_MB = 1024;

  /** The functions' architecture, as Lambda names it. */
  public static final String ARCHITECTURE = "arm64";

  private CloudDefaults() {}
}
