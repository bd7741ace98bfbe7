package io.initlab.optim;

import io.initlab.backend.Ops;
import io.initlab.model.Parameter;
import java.util.List;

/**
 * What every element-wise optimizer shares: the parameters, a step counter, the hyper-parameter array,
 * and state arrays shaped like the parameters. Subclasses say what goes into the array each step and
 * which kernel updates one parameter.
 */
abstract class ParameterOptimizer implements Optimizer {
    protected final Parameter[] params;
    private final float[] hp;
    private int t;

    ParameterOptimizer(List<Parameter> params, int hyperParameters) {
        this.params = params.toArray(new Parameter[0]);
        this.hp = new float[hyperParameters];
    }

    /** One zeroed array per parameter, of its length (moments, velocities; every run's of lockstep runs). */
    protected final float[][] stateLikeParameters() {
        float[][] s = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            s[i] = new float[params[i].value.length];
        }
        return s;
    }

    @Override
    public final void prepare() {
        t++;
        fill(hp, t);
    }

    @Override
    public final void restart() {
        t = 0;
    }

    @Override
    public final float[] hyperParameters() {
        return hp;
    }

    @Override
    public final void update(Ops ops) {
        for (int i = 0; i < params.length; i++) {
            update(ops, i, params[i], hp);
        }
    }

    /** Writes the hyper-parameters of step t (1-based) as the kernel reads them. */
    protected abstract void fill(float[] hp, int t);

    /** Updates parameter i. */
    protected abstract void update(Ops ops, int i, Parameter p, float[] hp);
}
