package dev.jitscope.frontend.emit;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.schema.SchemaRegistry;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NumberType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Rejects a builtin call that no overload of its operator can accept, the way PyTorch's schema
 * matching reports "Arguments for call are not valid" — before a graph with a nonsensical node is
 * emitted. NB: a gate, not overload resolution: it rejects only on argument counts, unknown keyword
 * names and types that can never convert (a str where a Tensor or number is required, a Tensor where
 * a str, list or dict is required). Operators PyTorch's registry does not know pass unchecked.
 */
final class OverloadCheck {
    private OverloadCheck() { }

    static void require(String kind, List<Value> positional, List<String> keywords, SourceRange range) {
        List<FunctionSchema> overloads = SchemaRegistry.global().overloads(kind);
        if (overloads.isEmpty()) return;
        for (FunctionSchema s : overloads) if (accepts(s, positional, keywords)) return;
        String given = positional.stream().map(v -> v.type().annotation()).collect(Collectors.joining(", "));
        if (!keywords.isEmpty()) given += (given.isEmpty() ? "" : ", ") + keywords.stream().map(k -> k + "=...").collect(Collectors.joining(", "));
        // one line, so the source line and caret follow the message directly
        String candidates = overloads.stream().limit(3).map(Object::toString).collect(Collectors.joining(" | "));
        if (overloads.size() > 3) candidates += " | ... (" + (overloads.size() - 3) + " more)";
        throw new JitScopeException("no overload of " + kind + " accepts (" + given + "); expected " + candidates, range);
    }

    private static boolean accepts(FunctionSchema s, List<Value> positional, List<String> keywords) {
        List<Argument> params = s.arguments();
        int slots = 0;
        while (slots < params.size() && !params.get(slots).kwargOnly()) slots++;
        if (positional.size() > slots && !s.isVararg()) return false;
        for (int i = 0; i < Math.min(positional.size(), slots); i++) {
            if (neverConverts(positional.get(i).type(), params.get(i).type())) return false;
        }
        for (String k : keywords) {
            if (params.stream().noneMatch(p -> p.name().equals(k))) return false;
        }
        for (int i = positional.size(); i < params.size(); i++) {
            Argument p = params.get(i);
            if (!p.hasDefault() && !keywords.contains(p.name())) return false;
        }
        return true;
    }

    private static boolean neverConverts(JitType arg, JitType param) {
        if (param instanceof OptionalType o) param = o.element();
        if (arg instanceof StringType) {
            // complex is an opaque schema type to us, but a number all the same
            boolean complex = param instanceof dev.jitscope.ir.type.OpaqueType && param.str().startsWith("complex");
            return complex || param instanceof TensorType || param instanceof IntType || param instanceof FloatType
                    || param instanceof NumberType || param instanceof BoolType || param instanceof ListType;
        }
        if (arg instanceof TensorType) {
            return param instanceof StringType || param instanceof ListType || param instanceof DictType;
        }
        return false;
    }
}
