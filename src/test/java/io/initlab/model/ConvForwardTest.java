package io.initlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.initlab.backend.jvm.JvmOps;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conv2D and MaxPool2D forward passes against direct nested-loop references written here from the
 * definitions (TF/Keras 'same': pad_total = k - 1, pad_top = pad_total / 2), independent of im2col.
 */
class ConvForwardTest {
    static JvmOps ops;

    @BeforeAll
    static void up() {
        ops = new JvmOps(2);
    }

    @AfterAll
    static void down() {
        ops.close();
    }

    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3} {4}x{5} {6} {7}, batch {8}")
    @CsvSource({
            "1, 5, 5, 2, 3, 3, valid, identity, 2",
            "1, 28, 28, 32, 3, 3, valid, relu, 2",
            "3, 7, 6, 4, 3, 3, same, tanh, 3",
            "3, 6, 5, 3, 2, 2, same, identity, 2",
            "1, 9, 7, 2, 5, 5, same, relu, 2",
            "3, 5, 5, 2, 1, 1, valid, identity, 3",
            "2, 8, 9, 3, 5, 5, valid, sigmoid, 2",
            "1, 4, 6, 2, 2, 3, same, leaky_relu, 3",
            "3, 3, 3, 2, 4, 4, same, identity, 2",
            "3, 7, 7, 5, 2, 2, valid, identity, 1"})
    void convMatchesTheDirectDefinition(int inC, int h, int w, int outC, int kh, int kw, String padding, String act, int rows) {
        boolean same = padding.equals("same");
        Conv2D conv = new Conv2D("c", Shape.image(inC, h, w),
                new LayerSpec.ConvSpec(outC, kh, kw, Activation.parse(act), same), rows + 1, 0);
        Parameter weight = conv.parameters().get(0);
        Parameter bias = conv.parameters().get(1);
        System.arraycopy(gaussian(weight.size(), 1), 0, weight.value, 0, weight.size());
        System.arraycopy(gaussian(bias.size(), 2), 0, bias.value, 0, bias.size());
        float[] x = gaussian(rows * inC * h * w, 3);
        float[] y = conv.forward(ops, x, rows, true);

        int outH = same ? h : h - kh + 1;
        int outW = same ? w : w - kw + 1;
        int top = same ? (kh - 1) / 2 : 0;
        int left = same ? (kw - 1) / 2 : 0;
        assertThat(conv.outputFeatures()).isEqualTo(outC * outH * outW);
        for (int n = 0; n < rows; n++) {
            for (int o = 0; o < outC; o++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        double sum = bias.value[o];
                        for (int c = 0; c < inC; c++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = oy - top + ky;
                                    int ix = ox - left + kx;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    double xv = x[n * inC * h * w + c * h * w + iy * w + ix];
                                    double wv = weight.value[((c * kh + ky) * kw + kx) * outC + o];
                                    sum += xv * wv;
                                }
                            }
                        }
                        double expected = activation(act, sum);
                        int i = n * outC * outH * outW + o * outH * outW + oy * outW + ox;
                        assertThat((double) y[i]).as("n=%d o=%d y=%d x=%d", n, o, oy, ox)
                                .isCloseTo(expected, Offset.offset(1e-4 * (1 + Math.abs(expected))));
                    }
                }
            }
        }
    }

    static double activation(String act, double z) {
        return switch (act) {
            case "relu" -> Math.max(0, z);
            case "leaky_relu" -> z > 0 ? z : 0.01 * z;
            case "tanh" -> Math.tanh(z);
            case "sigmoid" -> 1 / (1 + Math.exp(-z));
            default -> z;
        };
    }

    @ParameterizedTest(name = "{0}x{1}x{2} pool {3}, batch {4}")
    @CsvSource({"1, 4, 4, 2, 2", "3, 7, 5, 2, 3", "2, 9, 9, 3, 2", "3, 6, 6, 1, 2", "32, 26, 26, 2, 2", "2, 5, 8, 4, 1"})
    void maxPoolMatchesTheDirectDefinitionAndRoutesGradients(int c, int h, int w, int pool, int rows) {
        MaxPool2D layer = new MaxPool2D("p", Shape.image(c, h, w), pool, rows);
        float[] x = gaussian(rows * c * h * w, 4);
        float[] y = layer.forward(ops, x, rows, true).clone();
        int outH = h / pool;
        int outW = w / pool;
        assertThat(layer.outputFeatures()).isEqualTo(c * outH * outW);
        float[] dy = gaussian(rows * c * outH * outW, 5);
        float[] dx = layer.backward(ops, x, dy, rows, true);
        float[] expectedDx = new float[rows * c * h * w];
        for (int n = 0; n < rows; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int py = 0; py < pool; py++) {
                            for (int px = 0; px < pool; px++) {
                                int i = ((n * c + ch) * h + oy * pool + py) * w + ox * pool + px;
                                if (x[i] > best) {
                                    best = x[i];
                                    at = i;
                                }
                            }
                        }
                        int o = ((n * c + ch) * outH + oy) * outW + ox;
                        assertThat(y[o]).isEqualTo(best);
                        expectedDx[at] = dy[o];
                    }
                }
            }
        }
        for (int i = 0; i < expectedDx.length; i++) {
            assertThat(dx[i]).as("dx[%d]", i).isEqualTo(expectedDx[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 8, 8", "3, 5, 7"})
    void flattenPassesBuffersThrough(int c, int h, int w) {
        Flatten f = new Flatten("f", c * h * w);
        float[] x = gaussian(2 * c * h * w, 6);
        assertThat(f.forward(ops, x, 2, true)).isSameAs(x);
        assertThat(f.output()).isSameAs(x);
        assertThat(f.backward(ops, x, x, 2, true)).isSameAs(x);
        assertThat(f.backward(ops, x, x, 2, false)).isNull();
    }
}
