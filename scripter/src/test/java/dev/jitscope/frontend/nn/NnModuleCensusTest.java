package dev.jitscope.frontend.nn;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.transform.Inliner;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The nn library's modules compiled by our scripter give PyTorch's operators. For each module,
 * PyTorch 1.13 scripts the real torch.nn module at test time; its archive's class declarations are
 * the attribute types and constants an instance has. We compile our library source of the same
 * class against those types (submodules first), inline forward, and compare the census of
 * aten::* / prim::If / prim::Loop with PyTorch's inlined graph.
 */
class NnModuleCensusTest {
    static final List<String> EXACT = List.of("Linear", "LinearNoBias", "Bilinear", "Identity", "Conv1d", "Conv2d",
            "Conv2dReflect", "ConvTranspose2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "GroupNorm", "Dropout",
            "Embedding", "EmbeddingPadding", "ReLU", "GELU", "SiLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
            "Hardtanh", "LeakyReLU", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "Flatten", "Sequential", "LSTM", "GRU");
    static final List<String> APPROXIMATE = List.of("MultiheadAttention", "MultiheadAttentionBatchFirst",
            "TransformerEncoderLayer", "TransformerEncoder");

    @TempDir static Path dir;

    @BeforeAll
    static void makeReferences() throws Exception {
        PythonReference.requirePyTorch();
        List<String> args = new ArrayList<>(List.of(dir.toString()));
        args.addAll(EXACT);
        args.addAll(APPROXIMATE);
        PythonReference.runResource(NnModuleCensusTest.class, "/dev/jitscope/frontend/nn/nn_census.py", dir, args, 600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Linear", "LinearNoBias", "Bilinear", "Identity", "Conv1d", "Conv2d",
            "Conv2dReflect", "ConvTranspose2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "GroupNorm", "Dropout",
            "Embedding", "EmbeddingPadding", "ReLU", "GELU", "SiLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
            "Hardtanh", "LeakyReLU", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "Flatten", "Sequential", "LSTM", "GRU"})
    void moduleCompilesToExactlyPyTorchsOperators(String name) throws Exception {
        Map<String, Integer> expected = reference(name);
        KNOWN_DIFFERENCES.getOrDefault(name, Map.of()).forEach((k, n) -> expected.merge(k, n, Integer::sum));
        assertEquals(expected, ours(name), "operator census of nn." + name);
    }

    /**
     * Operators we emit where PyTorch's graph has none. F.embedding's max_norm branch: PyTorch calls
     * the Python function _no_grad_embedding_renorm_ (a prim::PythonOp, outside the census), we call
     * the operator it wraps so the renormalisation runs in JitScope too.
     */
    static final Map<String, Map<String, Integer>> KNOWN_DIFFERENCES = Map.of(
            "Embedding", Map.of("aten::embedding_renorm_", 1),
            "EmbeddingPadding", Map.of("aten::embedding_renorm_", 1));

    /**
     * Attention and the transformer: PyTorch's forward carries long argument checks and fast-path
     * conditions; the compute operators must all be there, the census is compared by overlap with a
     * floor per module.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MultiheadAttention:0.5", "MultiheadAttentionBatchFirst:0.5", "TransformerEncoderLayer:0.5",
            "TransformerEncoder:0.5"})
    void largeModuleOverlapsPyTorchsOperators(String nameAndFloor) throws Exception {
        String[] p = nameAndFloor.split(":");
        Map<String, Integer> ref = reference(p[0]);
        Map<String, Integer> ours = ours(p[0]);
        double overlap = overlap(ref, ours);
        System.out.println("nn." + p[0] + " overlap " + overlap);
        assertTrue(overlap >= Double.parseDouble(p[1]), p[0] + ": overlap " + overlap + "\nPyTorch: " + ref + "\nours:    " + ours);
        for (String k : ref.keySet())
            if (isCompute(k)) assertTrue(ours.containsKey(k), p[0] + " lacks PyTorch's " + k + "\nPyTorch: " + ref + "\nours:    " + ours);
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isCompute(String kind) {
        return Set.of("aten::linear", "aten::lstm", "aten::gru", "aten::layer_norm", "aten::softmax", "aten::bmm",
                "aten::baddbmm", "aten::_native_multi_head_attention", "aten::_transformer_encoder_layer_fwd",
                "aten::relu", "aten::dropout").contains(kind);
    }

    static Map<String, Integer> ours(String name) {
        ClassType archived = ModelImporter.load(dir.resolve(name + ".pt")).root().type();
        ClassType root = LibraryTypes.compile(archived);
        try {
            Graph inlined = Inliner.inline(root.method("forward").graph());
            if (name.equals(System.getProperty("jitscope.nn.print"))) System.out.println(dev.jitscope.ir.print.GraphPrinter.print(inlined));
            return census(inlined);
        } catch (JitScopeException e) {
            fail(e.render());
            return null;
        }
    }

    /** Builds and compiles library types from archived declarations (attributes, constants), submodules first. */
    static final class LibraryTypes {
        private final Map<ClassType, ClassType> done = new IdentityHashMap<>();

        static ClassType compile(ClassType archived) { return new LibraryTypes().fresh(archived); }

        private ClassType fresh(ClassType archived) {
            ClassType cached = done.get(archived);
            if (cached != null) return cached;
            String q = archived.qualifiedName().replaceAll("___torch_mangle_\\d+\\.", "");
            ClassType t = new ClassType(q, archived.isModule());
            for (ClassType.Attribute a : archived.attributes()) {
                if (a.type() instanceof ClassType sub && sub.isModule()) t.addAttribute(a.name(), fresh(sub), a.kind());
                else t.addAttribute(a.name(), a.type(), a.kind());
            }
            t.constants().putAll(archived.constants());
            String module = q.substring(NnLibrary.QUALIFIER_PREFIX.length(), q.lastIndexOf('.'));
            Source src = NnLibrary.module(module);
            assertNotNull(src, "no library source for " + q);
            try {
                ScriptCompiler.compileClass(src, t.simpleName(), t);
            } catch (JitScopeException e) {
                fail(e.render());
            }
            done.put(archived, t);
            return t;
        }
    }

    static Map<String, Integer> census(Graph g) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : g.block().allNodes()) {
            String k = n.kind();
            if (k.startsWith("aten::") || k.equals(Node.IF) || k.equals(Node.LOOP)) counts.merge(k, 1, Integer::sum);
        }
        return counts;
    }

    static Map<String, Integer> reference(String name) throws Exception {
        String json = Files.readString(dir.resolve(name + ".json"));
        Map<String, Integer> counts = new TreeMap<>();
        Matcher cm = Pattern.compile("\"([a-z]+::[^\"]+)\":\\s*(\\d+)").matcher(json);
        while (cm.find()) counts.put(cm.group(1), Integer.parseInt(cm.group(2)));
        return counts;
    }

    static double overlap(Map<String, Integer> a, Map<String, Integer> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        int shared = 0, totalA = 0, totalB = 0;
        for (String k : keys) {
            int x = a.getOrDefault(k, 0), y = b.getOrDefault(k, 0);
            shared += Math.min(x, y);
            totalA += x;
            totalB += y;
        }
        return shared / (double) Math.max(1, Math.max(totalA, totalB));
    }
}
