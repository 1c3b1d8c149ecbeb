package dev.jitscope.frontend.emit;

import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;

/** Module class types as tests build them by hand, before the attributes an eager __init__ would add. */
public final class ModuleTypes {
    private ModuleTypes() {}

    /** {@code __torch__.name}, a module with only the {@code training} flag every nn.Module has. */
    public static ClassType module(String name) {
        ClassType t = new ClassType("__torch__." + name, true);
        t.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        return t;
    }
}
