/**
 * Lepton's only use of the incubating Vector API ({@code jdk.incubator.vector}), kept apart so
 * that the rest of the library compiles and runs without that module. Internal: not a public API.
 */
package ai.lepton.kernels.vector;
