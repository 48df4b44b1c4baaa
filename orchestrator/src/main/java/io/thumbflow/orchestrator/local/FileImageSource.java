package io.thumbflow.orchestrator.local;

import io.thumbflow.core.ErrorType;
import io.thumbflow.core.ImageRejectedException;
import io.thumbflow.core.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image read from a local file. A missing, unreadable or oversized file is a per-image {@link
 * ErrorType#ReadFailed}; any other I/O fault propagates as a retryable {@link IOException}.
 */
public final class FileImageSource implements ImageSource {
  private final String name;
  private final Path file;

  /**
   * @param name the source as the user gave it, used in messages
   * @param file the file to read
   */
  public FileImageSource(String name, Path file) {
    this.name = Objects.requireNonNull(name, "name");
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte[] read(long maxBytes) throws ImageRejectedException, IOException {
    if (Files.isDirectory(file)) {
      throw new ImageRejectedException(ErrorType.ReadFailed, name, "is a folder, not a file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // A named pipe would block the worker forever in open(); a device could stream without end.
      throw new ImageRejectedException(
          ErrorType.ReadFailed, name, "is not a regular file (a pipe, socket or device)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      // Read at most one byte over the cap: a huge file is refused without loading it.
      byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (data.length > maxBytes) {
        throw new ImageRejectedException(
            ErrorType.ReadFailed, name, "file is larger than the " + maxBytes + "-byte input cap");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw new ImageRejectedException(ErrorType.ReadFailed, name, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new ImageRejectedException(ErrorType.ReadFailed, name, "permission denied", e);
    }
  }
}
