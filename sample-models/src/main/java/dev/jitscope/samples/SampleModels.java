package dev.jitscope.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The model sources shipped with JitScope, written in the script language. The workbench opens
 * them from its menu and tests script, trace and run them against PyTorch.
 */
public final class SampleModels {
    /**
     * A sample: its resource file, the module class to instantiate (with no constructor arguments),
     * what it demonstrates, and one {@link InputSpec} per argument of {@code forward} after self
     * (optional arguments with defaults are left out).
     */
    public record Sample(String file, String className, String summary, List<String> inputs) {
        public Sample {
            inputs = List.copyOf(inputs);
            inputs.forEach(InputSpec::parse);   // a malformed spec fails when the list is built, not in a test
        }

        public String source() { return read(file); }

        public List<InputSpec> inputSpecs() { return inputs.stream().map(InputSpec::parse).toList(); }
    }

    public static final List<Sample> ALL = List.of(
            new Sample("simple_model.py", "SimpleModel", "Linear + ReLU, the tutorial's first model",
                    List.of("float32[2,4]")),
            new Sample("control_flow_model.py", "ControlFlowModel", "if x.mean() > 0.5: tracing bakes in one branch",
                    List.of("float32[3,4]")),
            new Sample("my_cell.py", "MyCell", "the TorchScript tutorial's MyCell with MyDecisionGate",
                    List.of("float32[3,4]", "float32[3,4]")),
            new Sample("small_cnn.py", "SmallCNN", "Conv/BatchNorm/ReLU/pool in a Sequential",
                    List.of("float32[2,3,16,16]")),
            new Sample("recurrent_loop.py", "RecurrentLoop", "RNN loop over x.size(0) with an Optional initial state",
                    List.of("float32[5,2,4]")),
            new Sample("while_loop.py", "WhileLoop", "data-dependent while loop",
                    List.of("float32[8]")),
            new Sample("same_branches.py", "SameBranches", "branches that compute the same thing",
                    List.of("float32[3,4]")),
            new Sample("no_control_flow.py", "NoControlFlow", "straight-line MLP",
                    List.of("float32[2,8]")),
            new Sample("tiny_transformer.py", "TinyTransformer", "embedding + nn.TransformerEncoder",
                    List.of("int64[2,7]:0..50")),
            new Sample("containers.py", "Containers", "List, Dict, Optional and str",
                    List.of("float32[2,3]")),
            new Sample("module_zoo.py", "ModuleZoo", "every standard nn module at least once",
                    List.of("float32[2,3,8,8]", "int64[2,6]:0..20")));

    private SampleModels() {}

    public static Sample byClassName(String className) {
        return ALL.stream().filter(s -> s.className().equals(className)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample model named " + className));
    }

    public static String read(String file) {
        try (InputStream in = SampleModels.class.getResourceAsStream("/dev/jitscope/samples/" + file)) {
            if (in == null) throw new IllegalArgumentException("no sample file " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
