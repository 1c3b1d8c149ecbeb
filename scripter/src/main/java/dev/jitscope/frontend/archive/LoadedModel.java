package dev.jitscope.frontend.archive;

import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded {@code torch.jit.save} archive: the root module instance with its submodules, parameters
 * and attributes filled in, the compiled classes, the code files and the tensor constants.
 *
 * @param path          the archive file
 * @param version       its format version
 * @param root          the root module
 * @param classes       every class compiled while loading, by qualified name, in load order
 * @param code          the code files by qualifier ({@code __torch__.torch.nn.modules.linear})
 * @param constants     the tensor constants of constants.pkl ({@code CONSTANTS.c<i>})
 * @param pendingStates objects of classes with {@code __setstate__}: their slots are still empty and
 *                      the method must be run with the pickled state
 */
public record LoadedModel(Path path, long version, ScriptObject root, Map<String, ClassType> classes,
                          Map<String, String> code, List<Object> constants, List<PendingState> pendingStates) {

    /** An object whose class restores itself with {@code __setstate__(state)}. */
    public record PendingState(ScriptObject object, Object state) { }
}
