package ai.lepton.optimizers;

import ai.lepton.optimizers.schedules.LearningRateSchedule;

/**
 * Gives the options every optimizer shares the type of the optimizer they are set on, so that
 * {@code new Adam(1e-3).clipnorm(1.0).beta2(0.99)} reads as one chain, as Keras's keyword
 * arguments do. Each built-in optimizer {@code X} extends {@code FluentOptimizer<X>}.
 *
 * @param <S> the optimizer itself
 */
abstract class FluentOptimizer<S extends FluentOptimizer<S>> extends Optimizer {
    FluentOptimizer(double learningRate) {
        super(learningRate);
    }

    FluentOptimizer(LearningRateSchedule schedule) {
        super(schedule);
    }

    @Override
    public S weightDecay(double value) {
        super.weightDecay(value);
        return self();
    }

    @Override
    public S clipnorm(double value) {
        super.clipnorm(value);
        return self();
    }

    @Override
    public S clipvalue(double value) {
        super.clipvalue(value);
        return self();
    }

    @Override
    public S globalClipnorm(double value) {
        super.globalClipnorm(value);
        return self();
    }

    @Override
    public S useEma(boolean on) {
        super.useEma(on);
        return self();
    }

    @Override
    public S emaMomentum(double value) {
        super.emaMomentum(value);
        return self();
    }

    @Override
    public S emaOverwriteFrequency(int steps) {
        super.emaOverwriteFrequency(steps);
        return self();
    }

    /** @return this optimizer as its own class, which {@code S} is by the declaration of every subclass */
    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }
}
