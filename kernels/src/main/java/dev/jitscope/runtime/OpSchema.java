package dev.jitscope.runtime;

import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.schema.SchemaParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kernel-facing view of a {@link FunctionSchema}: argument order, plain type spellings (alias
 * annotations dropped, as overload matching ignores them) and defaults. Parsing is ir-core's
 * {@link SchemaParser}, so registry and frontend agree on every schema.
 */
public record OpSchema(String name, String overload, List<Arg> args, List<String> returns, FunctionSchema schema) {

    /** Sentinel for "no default". */
    public static final Object REQUIRED = new Object() { @Override public String toString() { return "<required>"; } };

    public record Arg(String name, String type, Object defaultValue, boolean kwargOnly) {
        public boolean hasDefault() { return defaultValue != REQUIRED; }
    }

    public static OpSchema parse(String text) { return of(SchemaParser.parse(text)); }

    public static OpSchema of(FunctionSchema fs) {
        List<Arg> args = new ArrayList<>();
        for (Argument a : fs.arguments())
            args.add(new Arg(a.name(), plainType(a), a.hasDefault() ? a.defaultValue() : REQUIRED, a.kwargOnly()));
        List<String> returns = new ArrayList<>();
        for (Argument r : fs.returns()) returns.add(plainType(r));
        return new OpSchema(fs.name(), fs.overloadName(), Collections.unmodifiableList(args), Collections.unmodifiableList(returns), fs);
    }

    /** Tensor(a!) → Tensor, Tensor(a -> *) → Tensor, Tensor(a)[] → Tensor[]; Dict(str, t) is kept. */
    private static String plainType(Argument a) {
        String t = a.typeText() != null ? a.typeText() : a.type().str();
        return t.replaceAll("\\([a-z|]+!?( -> [a-z*]+)?\\)", "");
    }

    /** The schema in PyTorch's spelling, alias annotations included (parses back to the same schema). */
    public String text() { return schema.toString(); }

    public String qualifiedName() { return overload.isEmpty() ? name : name + "." + overload; }

    @Override public String toString() { return schema.toString(); }
}
