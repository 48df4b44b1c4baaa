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
 * those constants, so it cannot drift from the re-launch. It reads {@code --size}, {@code
 * --rendition} and their environment defaults as the re-launch does, so that large boxes ({@link
 * ImageLoopCompilation#MIN_BOX_SIDE} px and more) start directly too, with the heap in transparent
 * huge pages as in the re-launch (over the 69 photos, median wall s, {@code java -jar} against the
 * script: 1024x1024 3.48 -> 3.25, three renditions 3.50 -> 3.25). Any other command, JVM options of
 * the user's own ({@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}), {@code
 * THUMBFLOW_TUNED_JVM=0}, a size that is not plain digits, and a large run where the re-launch
 * would write compiler directives (other than Linux x86_64 and aarch64) go through {@code java
 * -jar}, which behaves exactly as before.
 */
public final class LauncherScript {
  /** File name of the script, next to the jar. */
  public static final String NAME = "thumbflow";

  /** Stands for the script's folder while its flags are rendered; {@code $here} in the script. */
  private static final String HERE = "@HERE@";

  /**
   * The part of the script that reads the command line and the environment as {@link
   * ImageLoopCompilation#asksForLargeBoxes} does: {@code large=1} when a box of {@value
   * ImageLoopCompilation#MIN_BOX_SIDE} px or more on a side is asked for, and {@code direct}
   * cleared when a size is not plain digits (whatever Java makes of it, {@code java -jar} decides)
   * or when a large run would need the compiler directives, which only Java writes (everywhere but
   * Linux x86_64 and aarch64, where the C image loops run). Then {@code thp=1} when the heap of a
   * large run goes in transparent huge pages, as {@link TunedJvm#command} decides.
   */
  private static final String LARGE_BOXES =
      """
      # A size as Rendition.parseSize reads it (W or WxH): large=1 for a side of @MIN@ px or more.
      size_box() {
        s=$1
        s=${s#"${s%%[![:space:]]*}"}
        s=${s%"${s##*[![:space:]]}"}
        w=${s%%[xX]*}
        h=${s#*[xX]}
        w=${w#+}
        w=${w#"${w%%[!0]*}"}
        h=${h#+}
        h=${h#"${h%%[!0]*}"}
        case "$w$h" in
          *[!0-9]*) direct= ; return ;;
        esac
        [ -n "$w" ] && [ -n "$h" ] || return 0
        if [ ${#w} -gt 9 ] || [ ${#h} -gt 9 ]; then
          direct=
        elif [ "$w" -ge @MIN@ ] || [ "$h" -ge @MIN@ ]; then
          large=1
        fi
      }
      # A --rendition value: NAME:WxH[:...] specs, comma-separated.
      rendition_boxes() {
        set -f
        old_ifs=$IFS
        IFS=,
        for spec in $1; do
          case "$spec" in
            *:*) rest=${spec#*:}; size_box "${rest%%:*}" ;;
          esac
        done
        IFS=$old_ifs
        set +f
      }
      # Calls $2 with every value of option $1 in the remaining arguments (given as "$1 VALUE" or
      # "$1=VALUE", as ImageLoopCompilation.values reads them) and sets found=1 when there is one.
      each_value() {
        option=$1
        handler=$2
        shift 2
        take=
        for arg in "$@"; do
          if [ -n "$take" ]; then
            take=
            found=1
            "$handler" "$arg"
            continue
          fi
          case "$arg" in
            "$option") take=1 ;;
            "$option"=*) found=1; "$handler" "${arg#*=}" ;;
          esac
        done
      }
      large=
      if [ -n "$direct" ]; then
        found=
        each_value --rendition rendition_boxes "$@"
        if [ -z "$found" ]; then
          case "${THUMBFLOW_RENDITIONS-}" in
            *[![:space:]]*) found=1; rendition_boxes "$THUMBFLOW_RENDITIONS" ;;
          esac
        fi
        if [ -z "$found" ]; then
          each_value --size size_box "$@"
          [ -n "$found" ] || size_box "${THUMBFLOW_SIZE-}"
        fi
      fi
      thp=
      if [ -n "$direct" ] && [ -n "$large" ]; then
        case "$(uname -s 2>/dev/null)/$(uname -m 2>/dev/null)" in
          Linux/x86_64|Linux/aarch64) ;;
          *) direct= ;;
        esac
        mode=
        if [ -r @THP@ ]; then read -r mode < @THP@; fi
        case "$mode" in
          *"[always]"*|*"[madvise]"*) thp=1 ;;
        esac
      fi
      """
          .replace("@MIN@", Integer.toString(ImageLoopCompilation.MIN_BOX_SIDE))
          .replace("@THP@", TunedJvm.TRANSPARENT_HUGE_PAGES.toString());

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
        "if [ \"${1-}\" = local ] && [ -z \"${JAVA_TOOL_OPTIONS-}${JDK_JAVA_OPTIONS-}\" ]; then\n");
    s.append("  case \"${").append(TunedJvm.DISABLE_ENV).append("-}\" in\n");
    s.append("    0|[Ff][Aa][Ll][Ss][Ee]) ;;\n"); // as TunedJvm: 0, or false in any case
    s.append("    *) direct=1 ;;\n");
    s.append("  esac\n");
    s.append("fi\n");
    s.append(LARGE_BOXES);
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

  /** The tuned JVM's command line as {@link TunedJvm#command} builds it on Linux x86_64/aarch64. */
  private static String command(boolean archive) {
    List<String> words = new ArrayList<>(TunedJvm.FLAGS);
    words.add(TunedJvm.HEAP_IN_HUGE_PAGES); // where TunedJvm#command puts it
    if (archive) {
      words.addAll(TunedJvm.archiveFlags(Path.of(HERE, TunedJvm.ARCHIVE_NAME)));
    }
    words.addAll(TunedJvm.NATIVE_ACCESS);
    words.add("-D" + TunedJvm.MARKER + "=true");
    StringBuilder c = new StringBuilder("\"$java\"");
    for (String word : words) {
      c.append(' ')
          .append(
              word.equals(TunedJvm.HEAP_IN_HUGE_PAGES)
                  ? "${thp:+" + quoted(word) + "}" // no word at all unless thp is set
                  : quoted(word).replace(HERE + "/", "$here/"));
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
