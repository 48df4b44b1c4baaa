package io.thumbflow.orchestrator.launch;

import io.thumbflow.orchestrator.cli.ThumbflowCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code thumbflow}, the POSIX shell launcher the build puts next to the jar, so that {@code
 * thumbflow local ...} starts the JVM {@link TunedJvm} would re-launch into directly, without the
 * bare JVM that {@code java -jar} first starts only to spawn it: about 0.1 s less per run (the
 * bench, side by side over the 69 photos: 50x50 54.8 -> 60.0 images/s, 256x256 44.8 -> 48.9).
 *
 * <p>The script carries {@link TunedJvm#FLAGS}, {@link TunedJvm#ENV} (values the user set win, as
 * in the re-launch) and the class-data archive when it is next to the jar; it is rendered from
 * those constants, so it cannot drift from the re-launch. Everything the re-launch decides from the
 * command line or the environment beyond that stays in Java: any other command, JVM options of the
 * user's own ({@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}), {@code THUMBFLOW_TUNED_JVM=0},
 * and any run that may ask for large boxes ({@link ImageLoopCompilation#MIN_BOX_SIDE} px and more,
 * recognised conservatively as any argument with a four-digit dimension, or a size or recipe from
 * the environment), go through {@code java -jar}, which behaves exactly as before.
 */
public final class LauncherScript {
  /** File name of the script, next to the jar. */
  public static final String NAME = "thumbflow";

  /** Stands for the script's folder while its flags are rendered; {@code $here} in the script. */
  private static final String HERE = "@HERE@";

  private LauncherScript() {}

  /**
   * {@code SCRIPT_PATH}: writes the script there (atomically, executable). Run by the build in
   * Maven's JVM ({@code exec:java}), so it throws rather than exits on failure, which fails the
   * build.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: LauncherScript SCRIPT_PATH");
    }
    write(Path.of(args[0]));
  }

  /** Writes {@link #render} to {@code script}, readable and executable by everyone. */
  static void write(Path script) throws IOException {
    Path partial = script.resolveSibling(script.getFileName() + ".partial");
    Files.writeString(partial, render(), StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the script is of no use there; java -jar is
    }
    Files.move(
        partial, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The script's text. */
  static String render() {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/sh\n");
    s.append("# thumbflow's launcher, written by the build (")
        .append(LauncherScript.class.getName())
        .append(
            ")\n# from TunedJvm's flags: change those, not this file. `thumbflow local ...` starts")
        .append(" the tuned JVM\n# directly; anything else goes through `java -jar`, which decides")
        .append(" for itself.\n");
    s.append("here=$(CDPATH= cd -- \"$(dirname -- \"$0\")\" && pwd) || exit 2\n");
    s.append("jar=\"$here/thumbflow.jar\"\n");
    s.append("java=\"${JAVA_HOME:+$JAVA_HOME/bin/}java\"\n");
    s.append("direct=\n");
    s.append(
        "if [ \"${1-}\" = local ] && [ -z \"${JAVA_TOOL_OPTIONS-}${JDK_JAVA_OPTIONS-}\" ] \\\n");
    s.append("  && [ -z \"${THUMBFLOW_SIZE-}${THUMBFLOW_RENDITIONS-}\" ]; then\n");
    s.append("  case \"${").append(TunedJvm.DISABLE_ENV).append("-}\" in\n");
    s.append("    0|[Ff][Aa][Ll][Ss][Ee]) ;;\n"); // as TunedJvm: 0, or false in any case
    s.append("    *) direct=1 ;;\n");
    s.append("  esac\n");
    s.append("  # A four-digit dimension may be a large box: java -jar picks that JVM's flags.\n");
    s.append("  for arg in \"$@\"; do\n");
    s.append("    case \"$arg\" in\n");
    s.append("      *[0-9][0-9][0-9][0-9]x*|*x[0-9][0-9][0-9][0-9]*) direct= ;;\n");
    s.append("    esac\n");
    s.append("  done\n");
    s.append("fi\n");
    s.append("if [ -z \"$direct\" ]; then\n");
    s.append("  exec \"$java\" -jar \"$jar\" \"$@\"\n");
    s.append("fi\n");
    for (Map.Entry<String, String> variable : new TreeMap<>(TunedJvm.ENV).entrySet()) {
      String name = variable.getKey();
      s.append(": \"${")
          .append(name)
          .append('=')
          .append(variable.getValue())
          .append("}\"; export ")
          .append(name)
          .append('\n');
    }
    // As TunedJvm#command: the archive only when it is there and its path has no path separator.
    s.append("case \"$here\" in\n");
    s.append("  *:*) ;;\n");
    s.append("  *) if [ -f \"$here/").append(TunedJvm.ARCHIVE_NAME).append("\" ]; then\n");
    s.append("    exec ").append(command(true)).append('\n');
    s.append("  fi ;;\n");
    s.append("esac\n");
    s.append("exec ").append(command(false)).append('\n');
    return s.toString();
  }

  /** The tuned JVM's command line as {@link TunedJvm#command} builds it for boxes under large. */
  private static String command(boolean archive) {
    List<String> words = new ArrayList<>(TunedJvm.FLAGS);
    if (archive) {
      words.addAll(TunedJvm.archiveFlags(Path.of(HERE, TunedJvm.ARCHIVE_NAME)));
    }
    words.addAll(TunedJvm.NATIVE_ACCESS);
    words.add("-D" + TunedJvm.MARKER + "=true");
    StringBuilder c = new StringBuilder("\"$java\"");
    for (String word : words) {
      c.append(' ').append(quoted(word).replace(HERE + "/", "$here/"));
    }
    return c.append(" -cp \"$jar\" ")
        .append(ThumbflowCli.class.getName())
        .append(" \"$@\"")
        .toString();
  }

  /** {@code value} in double quotes for sh; {@code $}, backquote, quote and backslash escaped. */
  static String quoted(String value) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '$' || c == '`' || c == '"' || c == '\\') {
        q.append('\\');
      }
      q.append(c);
    }
    return q.append('"').toString();
  }
}
