package io.initlab.cli;

import io.initlab.init.Initializers;
import picocli.CommandLine.Command;

/** Lists the initializers with parameters and formulas. */
@Command(name = "inits", mixinStandardHelpOptions = true,
        description = {"List the weight initializers with their parameters and formulas.",
                "fan_in/fan_out: input/output units of a dense layer; kh·kw·channels for a convolution.",
                "Write parameters as name(value, ...) or name(key=value, ...), e.g. uniform(a=-0.5, b=0.5)."})
final class InitsCommand implements Runnable {
    @Override
    public void run() {
        for (Initializers.Entry e : Initializers.all()) {
            System.out.println(e.name() + Initializers.paramList(e));
            System.out.println("    " + e.formula());
            if (!e.bias().equals("zeros")) {
                System.out.println("    default bias: " + e.bias());
            }
        }
        System.out.println();
        Initializers.aliases().forEach((alias, name) -> System.out.println(alias + ": another name for " + name));
        System.out.println();
        System.out.println("Biases default to zeros unless --bias-init (or bias_init in a study) says otherwise.");
        System.out.println("A layer line may name its own: dense 10 softmax init=glorot_uniform bias=zeros; init=axis marks");
        System.out.println("the layers --init (a study's initializers) applies to, --framework keras | pytorch fills the rest.");
    }
}
