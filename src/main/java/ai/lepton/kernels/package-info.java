/**
 * Pure compute over {@code double[]} with offsets and lengths: GEMM, the convolution algorithms
 * behind {@link ai.lepton.kernels.Convolution}, pooling, the dense layer's product, the thread
 * policy ({@link ai.lepton.kernels.Parallel}) and scoped scratch memory
 * ({@link ai.lepton.kernels.Scratch}). Internal: the module does not export it.
 *
 * <p>Loops that JDK 17's JIT leaves scalar come in pairs, grouped by the algorithm they serve: its
 * auto-vectorizer (C2's SuperWord) gives up on a loop whose loads and stores use different
 * offsets into {@code double[]} arrays, which is nearly every loop over part of a batch. So each
 * such algorithm has an interface of loops ({@code RegisterTile} for GEMM, {@code GemvLoops} for
 * its small products, {@code WinogradLoops}, {@code BiasReluLoops}, {@code MaxPoolLoops},
 * {@code DirectConvLoops}, {@code DepthwiseLoops}, {@code ChannelStatsLoops}, {@code GateLoops})
 * with a plain-Java implementation ({@code Scalar...}) and a Vector API one ({@code Vector...},
 * which delegates to {@code ai.lepton.kernels.vector}, the only package that names the Vector
 * API). The Vector API versions are chosen together, once, when the {@code jdk.incubator.vector}
 * module is present (see {@link ai.lepton.kernels.Gemm}). Both versions of a loop compute every
 * element with the same operations in the same order, so their results are bit-identical; GEMM's
 * two tiles differ in shape, but split the depth at the same places and sum each element of a
 * depth block from zero by fused multiply-adds in order before adding it to C, and its small
 * unpacked products (GEMV and dot products) sum the same way.
 */
package ai.lepton.kernels;
