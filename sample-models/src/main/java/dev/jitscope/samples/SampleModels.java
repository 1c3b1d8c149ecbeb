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
    /** A sample: its resource file, the module class to instantiate, and what it demonstrates. */
    public record Sample(String file, String className, String summary) {
        public String source() { return read(file); }
    }

    public static final List<Sample> ALL = List.of(
            new Sample("simple_model.py", "SimpleModel", "Linear + ReLU, the tutorial's first model"),
            new Sample("control_flow_model.py", "ControlFlowModel", "if x.mean() > 0.5: tracing bakes in one branch"),
            new Sample("my_cell.py", "MyCell", "the TorchScript tutorial's MyCell with MyDecisionGate"),
            new Sample("small_cnn.py", "SmallCNN", "Conv/BatchNorm/ReLU/pool in a Sequential"),
            new Sample("recurrent_loop.py", "RecurrentLoop", "RNN loop over x.size(0) with an Optional initial state"),
            new Sample("while_loop.py", "WhileLoop", "data-dependent while loop"),
            new Sample("same_branches.py", "SameBranches", "branches that compute the same thing"),
            new Sample("no_control_flow.py", "NoControlFlow", "straight-line MLP"),
            new Sample("tiny_transformer.py", "TinyTransformer", "embedding + nn.TransformerEncoder"),
            new Sample("containers.py", "Containers", "List, Dict, Optional and str"),
            new Sample("module_zoo.py", "ModuleZoo", "every standard nn module at least once"));

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
