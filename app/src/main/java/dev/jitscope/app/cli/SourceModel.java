package dev.jitscope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.archive.ArchiveFormat;
import dev.jitscope.ir.archive.StateDictLoader;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.trace.eager.EagerSession;
import dev.jitscope.trace.eager.ModuleInstance;
import dev.jitscope.trace.eager.PyClass;
import dev.jitscope.trace.script.InstanceScripter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model given as source: runs the file with the eager interpreter, builds the class's instance
 * (its {@code __init__} with the given arguments, after {@code torch.manual_seed}), puts it in eval
 * mode unless asked not to, scripts it as {@code torch.jit.script(instance)} does and loads a
 * state_dict into the result. What comes out is shaped like an imported archive, so every archive
 * subcommand works on it.
 */
public final class SourceModel {
    private SourceModel() { }

    public static LoadedModel build(Path file, SourceModelOptions options, Path weights) {
        if (weights != null && !Files.exists(weights)) throw new JitScopeException("no such file", weights.toString());
        Source source = new Source(file.toString(), ScriptCommand.readSource(file));
        EagerSession session = EagerSession.load(source);
        String className = options.className;
        if (className == null || session.pyClass(className) == null) {
            List<String> modules = session.classes().stream().filter(PyClass::isModule).map(PyClass::name).toList();
            throw new JitScopeException((className == null ? "say which module class to build with --class NAME"
                    : "the file defines no class '" + className + "'") + "; its nn.Module classes are: "
                    + (modules.isEmpty() ? "(none)" : String.join(", ", modules)), file.toString());
        }
        session.manualSeed(options.seed);
        List<Object> positional = new ArrayList<>();
        Map<String, Object> keywords = new LinkedHashMap<>();
        readArguments(options.args, positional, keywords, file);
        ModuleInstance instance = session.instantiate(className, positional, keywords);
        if (!options.train) instance.train(false);
        ScriptObject root = InstanceScripter.script(instance);
        if (weights != null) StateDictLoader.load(root, weights);
        return new LoadedModel(file, ArchiveFormat.PRODUCED_VERSION, root, classesOf(root), Map.of(), List.of(), List.of());
    }

    /** True for a model given as source (no code files of its own: its classes are printed when saved). */
    public static boolean isSource(Path model) {
        return model.getFileName().toString().endsWith(".py");
    }

    /** --args: a JSON array of positional arguments or an object of keyword arguments. */
    static void readArguments(String json, List<Object> positional, Map<String, Object> keywords, Path file) {
        if (json == null || json.isBlank()) return;
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new JitScopeException("--args is not JSON: " + e.getOriginalMessage(), file.toString());
        }
        if (node.isArray()) {
            for (JsonNode n : node) positional.add(value(n));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                keywords.put(e.getKey(), value(e.getValue()));
            }
        } else {
            throw new JitScopeException("--args must be a JSON array (positional arguments) or object (keyword arguments)",
                    file.toString());
        }
    }

    /** JSON as Python values: int, float, bool, str, None, list, dict. */
    private static Object value(JsonNode n) {
        if (n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.longValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return n.textValue();
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode x : n) out.add(value(x));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    /** Every class type of the object tree, by qualified name, parents before submodules. */
    static Map<String, ClassType> classesOf(ScriptObject root) {
        Map<String, ClassType> out = new LinkedHashMap<>();
        collect(root, out);
        return out;
    }

    private static void collect(ScriptObject o, Map<String, ClassType> out) {
        if (out.putIfAbsent(o.type().qualifiedName(), o.type()) != null) return;
        for (int i = 0; i < o.type().attributes().size(); i++)
            if (o.slot(i) instanceof ScriptObject sub) collect(sub, out);
    }
}
