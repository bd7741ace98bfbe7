package io.initlab.train;

import io.initlab.backend.Ops;
import io.initlab.kernels.Optimizers;
import io.initlab.model.Parameter;
import java.util.List;

/** Optimizer state (moments per parameter) and the per-step hyper-parameter array the kernels read. */
public final class Optimizer {
    private final OptimizerConfig config;
    private final Parameter[] params;
    private final boolean adam;
    private final float[][] first;
    private final float[][] second;
    private final float[] hp = new float[5];
    private int t;

    public Optimizer(OptimizerConfig config, List<Parameter> params) {
        this.config = config;
        this.params = params.toArray(new Parameter[0]);
        this.adam = config.name().equals("adam");
        this.first = new float[params.size()][];
        this.second = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            first[i] = new float[params.get(i).size()];
            second[i] = adam ? new float[params.get(i).size()] : null;
        }
    }

    /** Hyper-parameters of the next step (t + 1), as the kernels read them. */
    public float[] prepare() {
        t++;
        if (adam) {
            hp[Optimizers.ADAM_BETA1] = (float) config.beta1();
            hp[Optimizers.ADAM_BETA2] = (float) config.beta2();
            hp[Optimizers.ADAM_EPS] = (float) config.eps();
            hp[Optimizers.ADAM_STEP] = (float) (config.lr() / (1 - Math.pow(config.beta1(), t)));
            hp[Optimizers.ADAM_BC2_SQRT] = (float) Math.sqrt(1 - Math.pow(config.beta2(), t));
        } else {
            hp[Optimizers.SGD_LR] = (float) config.lr();
            hp[Optimizers.SGD_MOMENTUM] = (float) config.momentum();
        }
        return hp;
    }

    /**
     * One update of every parameter from its gradient, reading the hyper-parameters {@link #prepare} put
     * in {@link #hyperParameters()} (a recorded task graph re-reads that array every step).
     */
    public void update(Ops ops) {
        float[] h = hp;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            if (adam) {
                ops.adam(p.value, p.grad, first[i], second[i], p.size(), h);
            } else {
                ops.sgd(p.value, p.grad, first[i], p.size(), h);
            }
        }
    }

    /** All optimizer state arrays (for backends that must place them on a device). */
    public java.util.List<float[]> stateArrays() {
        java.util.List<float[]> all = new java.util.ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            all.add(first[i]);
            if (second[i] != null) {
                all.add(second[i]);
            }
        }
        return all;
    }

    public OptimizerConfig config() {
        return config;
    }

    public float[] hyperParameters() {
        return hp;
    }

    public float[] firstMoment(int i) {
        return first[i];
    }

    public float[] secondMoment(int i) {
        return second[i];
    }
}
