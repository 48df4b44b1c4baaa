package io.thumbflow.lambda.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed reads of {@code THUMBFLOW_*} environment variables; a blank value counts as unset. Every
 * failure is a {@link ConfigurationException} naming the variable.
 */
public final class EnvironmentVariables {
  private final Map<String, String> env;

  public EnvironmentVariables(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The trimmed value, or null when unset or blank. */
  public String optional(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public String optional(String name, String defaultValue) {
    String v = optional(name);
    return v == null ? defaultValue : v;
  }

  public String required(String name) {
    String v = optional(name);
    if (v == null) {
      throw new ConfigurationException("missing required environment variable " + name);
    }
    return v;
  }

  /** A comma-separated list, trimmed, empty entries dropped. */
  public List<String> requiredList(String name) {
    List<String> values =
        Arrays.stream(required(name).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    if (values.isEmpty()) {
      throw new ConfigurationException(
          "environment variable " + name + " must list at least one value");
    }
    return values;
  }

  /** An absolute URL such as {@code http://localhost:4566}, or null when unset. */
  public URI optionalUrl(String name) {
    String v = optional(name);
    if (v == null) {
      return null;
    }
    try {
      URI uri = URI.create(v);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigurationException(
        name + " must be a URL such as http://localhost:4566, was '" + v + "'");
  }

  public long positiveLong(String name, long defaultValue) {
    String v = optional(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(name + " must be a positive integer, was '" + v + "'");
  }

  public double nonNegativeDouble(String name, double defaultValue) {
    String v = optional(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(v);
      if (d >= 0 && !Double.isInfinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(name + " must be a number >= 0, was '" + v + "'");
  }

  public boolean flag(String name, boolean defaultValue) {
    String v = optional(name);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigurationException(name + " must be true or false, was '" + v + "'");
    };
  }
}
