package dev.jitscope.trace.script;

import dev.jitscope.frontend.archive.ModelExporter;
import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import dev.jitscope.trace.eager.EagerSession;
import dev.jitscope.trace.eager.ModuleInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One module class of a source file scripted both ways: here (the eager interpreter runs its
 * {@code __init__}, {@link InstanceScripter} scripts the instance, the interpreter runs forward) and
 * by PyTorch 1.13, which also loads the archive saved here. Arguments are {@code String}s or tensors.
 */
final class ScriptReference {
    private final Path dir;
    private final Path sourceFile;
    private final String className;
    final ScriptObject scripted;

    ScriptReference(Path dir, String sourceText, String className) throws IOException {
        this.dir = dir;
        this.sourceFile = dir.resolve("model.py");
        this.className = className;
        Files.writeString(sourceFile, sourceText, StandardCharsets.UTF_8);
        EagerSession session = EagerSession.load(new Source(sourceFile.toString(), sourceText));
        session.manualSeed(0);
        ModuleInstance instance = session.instantiate(className, List.of(), Map.of());
        instance.train(false);
        scripted = InstanceScripter.script(instance);
    }

    /** The aten operators of forward's graph (blocks included), in order, as both print them. */
    static List<String> atenOps(Graph g) {
        return atenOps(g.block(), new ArrayList<>());
    }

    private static List<String> atenOps(Block b, List<String> out) {
        for (Node n : b.nodes()) {
            if (n.kind().startsWith("aten::")) out.add(n.kind());
            for (Block inner : n.blocks()) atenOps(inner, out);
        }
        return out;
    }

    List<String> ourOps() { return atenOps(scripted.type().method("forward").graph()); }

    /** Forward's results here, tuples flattened. */
    List<Object> run(List<Object> args) {
        List<Object> in = new ArrayList<>();
        in.add(scripted);
        in.addAll(args);
        Object out = new Interpreter().run(scripted.type().method("forward").graph(), in).get(0);
        return flatten(out, new ArrayList<>());
    }

    private static List<Object> flatten(Object v, List<Object> out) {
        if (v instanceof Tuple t) for (Object o : t.items()) flatten(o, out);
        else if (v instanceof List<?> l) for (Object o : l) flatten(o, out);
        else out.add(v);
        return out;
    }

    /** PyTorch's answer: its operators, and per case the results of its scripted module and of our archive loaded. */
    record Answer(List<String> ops, List<List<Object>> scripted, List<List<Object>> loaded) { }

    Answer askPyTorch(List<List<Object>> cases) throws IOException, InterruptedException {
        PythonReference.requirePyTorch();
        Path archive = dir.resolve("ours.pt");
        ModelExporter.save(scripted, archive);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            List<String> words = new ArrayList<>();
            for (int k = 0; k < cases.get(i).size(); k++) {
                Object a = cases.get(i).get(k);
                if (a instanceof Tensor t) {
                    Path p = dir.resolve("in_" + i + "_" + k + ".npy");
                    Npy.write(p, t);
                    words.add("npy:" + p);
                } else {
                    words.add("str:" + a);
                }
            }
            lines.append(String.join("\t", words)).append('\n');
        }
        Path casesFile = dir.resolve("cases.txt");
        Files.writeString(casesFile, lines.toString(), StandardCharsets.UTF_8);
        String out = PythonReference.runResource(ScriptReference.class, "script_reference.py", dir,
                List.of(sourceFile.toString(), className, archive.toString(), casesFile.toString(), dir.toString()), 300);
        List<String> ops = null;
        List<List<Object>> byScript = new ArrayList<>(), byLoad = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] w = line.strip().split(" ");
            if (w[0].equals("ops")) ops = List.of(w).subList(1, w.length);
            if (!w[0].equals("script") && !w[0].equals("load")) continue;
            List<Object> values = new ArrayList<>();
            for (int k = 2; k < w.length; k++)
                values.add(w[k].equals("npy") ? Npy.read(dir.resolve(w[0] + "_" + w[1] + "_" + (k - 2) + ".npy")) : w[k]);
            (w[0].equals("script") ? byScript : byLoad).add(values);
        }
        assertTrue(ops != null && byScript.size() == cases.size() && byLoad.size() == cases.size(), out);
        return new Answer(ops, byScript, byLoad);
    }

    /** Our values against PyTorch's: Python reprs for scalars, elementwise for tensors. */
    static void assertSameValues(List<Object> theirs, List<Object> ours, String what) {
        assertEquals(theirs.size(), ours.size(), what);
        for (int i = 0; i < ours.size(); i++) {
            Object o = ours.get(i), t = theirs.get(i);
            if (o instanceof Tensor ot) {
                Tensor tt = (Tensor) t;
                assertEquals(box(tt.shape()), box(ot.shape()), what);
                for (int k = 0; k < ot.numel(); k++) assertEquals(tt.getDouble(k), ot.getDouble(k), 1e-5, what + " element " + k);
            } else {
                assertEquals(t, o instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(o), what);
            }
        }
    }

    private static List<Integer> box(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int x : a) out.add(x);
        return out;
    }
}
