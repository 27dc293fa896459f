/**
 * Learning rates that change with the step count, Keras's {@code keras.optimizers.schedules}:
 * every optimizer takes a {@link ai.lepton.optimizers.schedules.LearningRateSchedule} where it
 * takes a rate, and asks it for the rate at every step.
 */
package ai.lepton.optimizers.schedules;
