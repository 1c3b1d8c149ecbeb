package dev.jitscope.app.interop;

import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.kernels.opencl.OpenClBackend;
import dev.jitscope.kernels.opencl.OpenClContext;
import dev.jitscope.kernels.opencl.OpenClDevices;
import dev.jitscope.runtime.GraphExecutor;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What {@code jitscope run --device opencl} computes matches PyTorch: every input set of every
 * archive of the interop suite through the OpenCL backend's registry, each output within 1e-4
 * relative of PyTorch's. In-process, one backend for all archives, so kernels compile once.
 */
class InteropOpenClTest {
    static final double RELATIVE = 1e-4;
    private static OpenClBackend backend;

    @TestFactory
    Stream<DynamicTest> openClRunMatchesPyTorchOnEveryInputSet() {
        Prerequisites.require(OpenClDevices.available(),
                "no OpenCL platform: install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev");
        List<InteropSuite.Archive> archives = InteropSuite.manifest().archives();
        backend = new OpenClBackend(OpenClContext.open("opencl"), OperatorRegistry.global(),
                OpenClBackend.DEFAULT_RESIDENCY_BYTES, op -> { });
        return archives.stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> check(a)));
    }

    @AfterAll
    static void closeBackend() {
        if (backend == null) return;
        OpenClContext ctx = backend.context();
        backend.close();
        ctx.close();
    }

    private static void check(InteropSuite.Archive a) {
        LoadedModel loaded = ModelImporter.load(a.path());
        Graph graph = loaded.root().type().method("forward").graph();
        for (int c = 0; c < a.cases().size(); c++) {
            InteropSuite.Case set = a.cases().get(c);
            List<Object> args = new ArrayList<>();
            args.add(loaded.root());
            for (String in : set.inputs()) args.add(Npy.read(InteropSuite.DIR.resolve(in)));
            while (args.size() < graph.inputs().size() && graph.inputs().get(args.size()).type() instanceof OptionalType)
                args.add(null);
            List<Object> flat = new ArrayList<>();
            for (Object r : new GraphExecutor(graph, new Interpreter(backend.registry())).run(args)) flatten(r, flat);
            String where = a.name() + " input set " + c;
            assertEquals(set.outputs().size(), flat.size(), where + ": number of outputs");
            for (int i = 0; i < flat.size(); i++) {
                String name = set.outputs().get(i);
                if (name == null) {
                    if (flat.get(i) != null) fail(where + " output " + i + ": PyTorch returned None");
                    continue;
                }
                compare(where + " output " + i, Npy.read(InteropSuite.DIR.resolve(name)), flat.get(i));
            }
        }
    }

    private static void flatten(Object v, List<Object> out) {
        if (v instanceof Tuple t) { for (Object o : t.items()) flatten(o, out); return; }
        if (v instanceof List<?> l) { for (Object o : l) flatten(o, out); return; }
        out.add(v);
    }

    private static void compare(String what, Tensor expected, Object value) {
        if (!(value instanceof Tensor actual)) {
            // int/float/bool outputs are 0-d arrays in the suite
            double e = expected.getDouble(0);
            double x = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
            if (Math.abs(e - x) > RELATIVE * Math.max(1.0, Math.abs(e))) fail(what + ": " + x + ", PyTorch " + e);
            return;
        }
        assertArrayEquals(expected.shape(), actual.shape(), () -> what + ": shape " + Arrays.toString(actual.shape())
                + ", PyTorch " + Arrays.toString(expected.shape()));
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        for (int k = 0; k < expected.numel(); k++) {
            double e = expected.getDouble(k), x = actual.getDouble(k);
            if (Math.abs(e - x) > RELATIVE * Math.max(1.0, Math.abs(e)) && !(Double.isNaN(e) && Double.isNaN(x))) {
                int index = k;
                fail(() -> what + ": element " + index + " is " + x + ", PyTorch " + e);
            }
        }
    }
}
