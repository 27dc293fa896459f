/**
 * Lepton's only use of the incubating Vector API ({@code jdk.incubator.vector}): one class of
 * loops per algorithm ({@code RegisterTileVectors} for GEMM, {@code GemvVectors} for its small
 * products, {@code WinogradVectors}, {@code BiasReluVectors}, {@code MaxPoolVectors},
 * {@code DirectConvVectors}, {@code DepthwiseVectors}, {@code ChannelStatsVectors},
 * {@code GateVectors}), each behind the matching interface of {@code ai.lepton.kernels}. No
 * signature here names a Vector API type, so the rest of the library loads and runs on a JVM
 * without that module (these classes are then never touched); the package is compiled on its own,
 * with the module (see the root pom).
 * Internal: not a public API.
 */
package ai.lepton.kernels.vector;
