package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * torch.jit.freeze for one (inlined) method: reads of module attributes become constants.
 * <pre>
 *   %conv : __torch__.Conv = prim::GetAttr[name="conv"](%self)
 *   %w : Tensor = prim::GetAttr[name="weight"](%conv)       =>   %w : Tensor = prim::Constant[value=<Tensor>]()
 *   %t : bool = prim::GetAttr[name="training"](%self)       =>   %t : bool = prim::Constant[value=0]()
 * </pre>
 * Submodule reads are followed through the instance; {@code training} folds to False (freezing is for
 * eval). The GetAttr of a submodule itself goes once unused (dead-code-elimination).
 * NB: an attribute some prim::SetAttr writes (on any object of that class) stays an attribute; values
 * we cannot make constants of (lists of tensors, objects) stay too.
 */
public final class Freeze implements Pass {
    public static final Freeze INSTANCE = new Freeze();
    private static final PassInfo INFO = new PassInfo("freeze",
            "Turn module attributes and parameters into constants (needs the module)",
            "Resolves prim::GetAttr chains from self against the module instance and replaces parameters, "
                    + "buffers and plain attributes by prim::Constant; self.training becomes False. "
                    + "Attributes that the code writes are left alone.",
            List.of("attributes-folded"), true);

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        if (ctx.module() == null || ctx.graph().inputs().isEmpty()) return false;
        Set<String> written = new HashSet<>();
        for (Node n : ctx.graph().block().allNodes())
            if (n.kind().equals(Node.SET_ATTR) && n.input(0).type() instanceof ClassType c)
                written.add(c.qualifiedName() + "." + n.attr("name"));
        Map<Value, ScriptObject> objects = new HashMap<>();
        objects.put(ctx.graph().inputs().get(0), ctx.module());
        boolean changed = false;
        for (Node n : ctx.graph().block().allNodes()) {
            if (!n.kind().equals(Node.GET_ATTR) || !(n.attr("name") instanceof String name)) continue;
            ScriptObject owner = objects.get(n.input(0));
            if (owner == null || written.contains(owner.type().qualifiedName() + "." + name)) continue;
            if (!name.equals("training") && owner.type().findAttribute(name) < 0) continue;
            Object v = name.equals("training") ? Boolean.FALSE : owner.getAttr(name);
            if (v instanceof ScriptObject sub) {
                objects.put(n.output(), sub);
                continue;
            }
            Value c = Constants.insertBefore(n, v);
            if (c == null) continue;
            c.setDebugName(n.output().hasDebugName() ? n.output().debugName() : name);
            n.output().replaceAllUsesWith(c);
            n.destroy();
            ctx.count("attributes-folded");
            changed = true;
        }
        return changed;
    }
}
