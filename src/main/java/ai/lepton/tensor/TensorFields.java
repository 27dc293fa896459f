package ai.lepton.tensor;

import ai.lepton.autograd.Op;
import ai.lepton.tensor.internal.Storage;

/** The one door from the internal {@link Storage} to a tensor's package-private fields. */
final class TensorFields implements Storage.Fields {
    @Override
    public double[] data(Tensor t) {
        return t.data;
    }

    @Override
    public int[] shape(Tensor t) {
        return t.shape;
    }

    @Override
    public Tensor create(double[] data, int[] shape) {
        return new Tensor(data, shape);
    }

    @Override
    public double[] grad(Tensor t) {
        return t.grad;
    }

    @Override
    public void setGrad(Tensor t, double[] grad) {
        t.grad = grad;
    }

    @Override
    public Op creator(Tensor t) {
        return t.creator;
    }

    @Override
    public void setCreator(Tensor t, Op op) {
        t.creator = op;
        t.requiresGrad = true;
    }

    @Override
    public Tensor logits(Tensor t) {
        return t.logits;
    }

    @Override
    public void setLogits(Tensor t, Tensor logits) {
        t.logits = logits;
    }

    @Override
    public Tensor mask(Tensor t) {
        return t.mask;
    }

    @Override
    public void setMask(Tensor t, Tensor mask) {
        t.mask = mask;
    }
}
