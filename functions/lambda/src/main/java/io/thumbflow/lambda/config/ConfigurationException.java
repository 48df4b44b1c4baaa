package io.thumbflow.lambda.config;

/**
 * A deployment configuration that cannot work; thrown at start-up, its message names the variable.
 */
public class ConfigurationException extends IllegalStateException {
  public ConfigurationException(String message) {
    super(message);
  }
}
