/**
 * Text forms of the IR: {@link dev.jitscope.ir.print.GraphPrinter} (PyTorch's graph text, with
 * source comments mapped to the original file for archive code) and
 * {@link dev.jitscope.ir.print.SourcePrinter} (TorchScript source as torch.jit.save writes
 * {@code code/}, from class and function graphs).
 */
package dev.jitscope.ir.print;
