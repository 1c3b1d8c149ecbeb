package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.runtime.FusionGroupCompiler;
import dev.jitscope.tensor.Tensor;
import org.jocl.CLException;
import org.jocl.cl_kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each prim::FusionGroup as ONE generated OpenCL kernel ({@link FusedKernelSource}): the group's
 * inputs come from their resident device copies, intermediates live in registers of the work item,
 * and only the group's outputs are written and read back. Each group node keeps its kernels by
 * argument signature (shapes, dtypes, which arguments are scalars or None); the context keeps the
 * programs by source text, so equal groups share one build. Groups or arguments the generator does
 * not take (an operator it does not know, non-float32 tensors) go to the CPU loop, reported once.
 */
final class FusedGroupKernels implements FusionGroupCompiler {
    private final OpenClBackend backend;
    private final FusedKernelSource generator;

    FusedGroupKernels(OpenClBackend backend, FusedKernelSource generator) {
        this.backend = backend;
        this.generator = generator;
    }

    /** One generated kernel, ready to launch. */
    private record Compiled(FusedKernelSource.Generated generated, cl_kernel kernel) { }

    /** Why a signature got no kernel (kept so that the generator is not asked again for it). */
    private record Declined(String reason) { }

    @Override public FusedKernel compile(Node group, Graph sub) {
        String unsupported = generator.unsupportedOperator(sub);
        if (unsupported != null) {
            backend.reportHost("prim::FusionGroup (" + unsupported + " is not generated)");
            return null;
        }
        Map<List<Object>, Object> bySignature = new ConcurrentHashMap<>();
        return args -> {
            Object prepared = bySignature.computeIfAbsent(signature(args), s -> prepare(sub, args));
            if (prepared instanceof Declined d) {
                backend.reportHost("prim::FusionGroup (" + d.reason + ")");
                return null;
            }
            return launch((Compiled) prepared, args);
        };
    }

    private Object prepare(Graph sub, Object[] args) {
        FusedKernelSource.Generated g;
        try {
            g = generator.generate(sub, args);
        } catch (FusedKernelSource.Unsupported e) {
            return new Declined(e.getMessage());
        }
        String what = "generated kernel " + g.kernelName() + " (prim::FusionGroup over " + Arrays.toString(g.shape()) + ")";
        return new Compiled(g, backend.context().generatedKernel(what, g.source(), g.kernelName()));
    }

    /** What decides the generated source besides the subgraph: each argument's dtype and shape, or its kind. */
    private static List<Object> signature(Object[] args) {
        List<Object> s = new ArrayList<>(args.length);
        for (Object a : args) {
            if (a instanceof Tensor t) s.add(t.dtype() + Arrays.toString(t.shape()));
            else s.add(a == null ? "None" : a.getClass().getSimpleName());
        }
        return s;
    }

    private Object[] launch(Compiled c, Object[] args) {
        OpenClContext ctx = backend.context();
        FusedKernelSource.Generated g = c.generated;
        List<Object> kernelArgs = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof Tensor t) kernelArgs.add(backend.dev(t));
            else if (a instanceof Boolean b) kernelArgs.add(b ? 1f : 0f);
            else if (a instanceof Number n) kernelArgs.add(n.floatValue());
            // None arguments are not kernel parameters
        }
        DeviceTensor[] outs = new DeviceTensor[g.outputShapes().length];
        try {
            for (int k = 0; k < outs.length; k++) {
                outs[k] = ctx.allocate(g.outputShapes()[k]);
                kernelArgs.add(outs[k]);
            }
            ctx.launch(g.kernelName(), c.kernel, Launch.global(Tensor.numel(g.shape())), Launch.group(), kernelArgs.toArray());
        } catch (CLException e) {
            for (DeviceTensor o : outs) if (o != null) o.close();
            throw new JitScopeException("OpenCL " + g.kernelName() + " failed on " + ctx.device().describe() + ": " + e.getMessage());
        }
        Object[] results = new Object[outs.length];
        for (int k = 0; k < outs.length; k++) results[k] = backend.keepResident(outs[k]);
        backend.ranOnDevice("prim::FusionGroup");
        return results;
    }
}
