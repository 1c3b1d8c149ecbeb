/**
 * Loading {@code torch.jit.save} archives into module instances: {@link dev.jitscope.frontend.archive.ModelImporter#load}
 * reads the archive with {@code dev.jitscope.ir.archive.ArchiveReader}, compiles the classes data.pkl
 * instantiates through {@code SourceImporter}, and fills their slots.
 */
package dev.jitscope.frontend.archive;
