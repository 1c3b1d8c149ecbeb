import dev.jitscope.ir.Graph;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.kernels.opencl.OpenClBackend;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassRegistry;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What one prim::FusionGroup buys on each backend: mul → add → relu over N×64×56×56 float32 (resnet's
 * first stage size), fused by the fuse-elementwise pass or left as three operators, on the CPU
 * interpreter and on the OpenCL backend. Configurations are interleaved run by run, so a loaded
 * machine slows them alike; min and median of the timed runs are printed.
 * <pre>
 * ./jitscope devices   # builds app/target once
 * java -cp "app/target/classes:app/target/lib/*" bench/FusedGroupBenchmark.java [N=1] [runs=60]
 * </pre>
 */
public class FusedGroupBenchmark {
    private static final String BODY = """
            graph(%a : Tensor, %b : Tensor, %w : Tensor):
              %one : int = prim::Constant[value=1]()
              %m : Tensor = aten::mul(%a, %w)
              %s : Tensor = aten::add(%m, %b, %one)
              %y : Tensor = aten::relu(%s)
              return (%y)
            """;

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1, runs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Map<String, Graph> graphs = new LinkedHashMap<>();
        graphs.put("unfused", GraphParser.parse(BODY));
        Graph fused = GraphParser.parse(BODY);
        PassManager.instrumented().run(PassRegistry.standard().pipeline("fuse-elementwise"), new PassContext(fused));
        graphs.put("fused", fused);

        int[] shape = {batch, 64, 56, 56};
        Random r = new Random(1);
        float[] a = new float[Tensor.numel(shape)], b = new float[a.length];
        for (int i = 0; i < a.length; i++) { a[i] = (float) r.nextGaussian(); b[i] = (float) r.nextGaussian(); }
        Tensor w = Tensor.contiguous(Storage.wrap(new float[]{1.5f}), 1);

        try (OpenClBackend cl = OpenClBackend.open("opencl")) {
            Map<String, Interpreter> devices = new LinkedHashMap<>();
            devices.put("cpu", new Interpreter());
            devices.put("opencl", new Interpreter(cl.registry()));
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int k = -10; k < runs; k++)
                for (var d : devices.entrySet())
                    for (var g : graphs.entrySet()) {
                        // fresh input tensors each run, as activations are: the device must upload them
                        List<Object> in = List.of(Tensor.contiguous(Storage.wrap(a.clone()), shape), Tensor.contiguous(Storage.wrap(b.clone()), shape), w);
                        long t0 = System.nanoTime();
                        d.getValue().run(g.getValue(), in);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (k >= 0) times.computeIfAbsent(d.getKey() + " " + g.getKey(), x -> new ArrayList<>()).add(ms);
                    }
            times.forEach((name, v) -> {
                Collections.sort(v);
                System.out.printf(Locale.ROOT, "%s×64×56×56  %-15s min %8.3f ms  median %8.3f ms%n", batch, name, v.get(0), v.get(v.size() / 2));
            });
        }
        System.exit(0);
    }
}
