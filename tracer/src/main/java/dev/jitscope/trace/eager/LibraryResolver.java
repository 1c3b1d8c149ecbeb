package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Where the eager interpreter finds torch.nn written in the script language: the module source for
 * a dotted module name and the module defining a public name ("Linear", "functional.relu").
 */
public interface LibraryResolver {
    /** "torch.nn.modules.linear" → its source, or null. */
    Source module(String dottedModule);

    /** "Linear", "functional.relu", "init.kaiming_uniform_" → the dotted module defining it, or null. */
    String definingModule(String publicName);

    /** No library: nn.X names fail, F.x falls back to the aten operator of the same name. */
    LibraryResolver NONE = new LibraryResolver() {
        @Override public Source module(String dottedModule) { return null; }
        @Override public String definingModule(String publicName) { return null; }
    };

    /**
     * The scripter's {@code dev.jitscope.frontend.nn.NnLibrary}, looked up by name so this module
     * builds before that class exists; {@link #NONE} without it.
     */
    static LibraryResolver standard() {
        try {
            Class<?> lib = Class.forName("dev.jitscope.frontend.nn.NnLibrary");
            Method module = lib.getMethod("module", String.class);
            Method defining = lib.getMethod("definingModule", String.class);
            return new LibraryResolver() {
                @Override public Source module(String dottedModule) { return (Source) invoke(module, dottedModule); }
                @Override public String definingModule(String publicName) { return (String) invoke(defining, publicName); }
            };
        } catch (ReflectiveOperationException e) {
            return NONE;
        }
    }

    private static Object invoke(Method m, String arg) {
        try {
            return m.invoke(null, arg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("NnLibrary." + m.getName() + " failed", e);
        }
    }

    /**
     * A fixed library for tests: sources by dotted module name; public names resolve to the first
     * module whose top level defines {@code class Name} or {@code def name}.
     */
    static LibraryResolver of(Map<String, Source> modules) {
        return new LibraryResolver() {
            @Override public Source module(String dottedModule) { return modules.get(dottedModule); }
            @Override public String definingModule(String publicName) {
                String simple = publicName.substring(publicName.lastIndexOf('.') + 1);
                for (Map.Entry<String, Source> e : modules.entrySet()) {
                    String text = e.getValue().text();
                    if (publicName.startsWith("functional.") != e.getKey().endsWith(".functional")) continue;
                    if (publicName.startsWith("init.") != e.getKey().endsWith(".init")) continue;
                    if (text.contains("\nclass " + simple + "(") || text.startsWith("class " + simple + "(")
                            || text.contains("\ndef " + simple + "(") || text.startsWith("def " + simple + "("))
                        return e.getKey();
                }
                return null;
            }
        };
    }
}
