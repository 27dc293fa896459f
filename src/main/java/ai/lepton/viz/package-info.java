/**
 * Pictures of what a network learns: training curves ({@link ai.lepton.viz.TrainingCurves}), a
 * confusion matrix ({@link ai.lepton.viz.ConfusionMatrixImage}), predictions on sample images
 * ({@link ai.lepton.viz.SampleGrid}) and the first convolution's filters
 * ({@link ai.lepton.viz.FilterGrid}); a self-contained HTML report written at the end of training
 * ({@link ai.lepton.viz.TrainingReport}) and a live dashboard on localhost
 * ({@link ai.lepton.viz.Dashboard}).
 *
 * <p>This package sits above {@code callbacks} and is the only one that uses the optional XChart
 * library (for the PNG curves); a program that uses it declares {@code org.knowm.xchart:xchart}
 * itself. Everything draws headless.
 */
package ai.lepton.viz;
