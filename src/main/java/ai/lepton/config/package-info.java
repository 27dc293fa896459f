/**
 * How Lepton objects describe themselves for saving, as Keras's {@code get_config} /
 * {@code from_config} and its registry of serializable classes: {@link ai.lepton.config.Config}
 * holds an object's settings, {@link ai.lepton.config.Registry} turns a saved name and config back
 * into an object without ever loading a class named in a file.
 */
package ai.lepton.config;
