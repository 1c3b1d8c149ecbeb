package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * aten::einsum: operands are contracted left to right, each pair as one batched matrix product
 * (batch labels, free labels of each side, summed labels), so the work lands in the GEMM kernel.
 * Labels that only one operand carries and nothing later needs are summed out first.
 */
public final class EinsumKernels {
    private EinsumKernels() { }

    /** A tensor with one label per dimension. */
    private record Labeled(Tensor t, String labels) { }

    public static Tensor einsum(String equation, List<Tensor> operands) {
        String eq = equation.replace(" ", "");
        if (eq.contains(".")) throw new JitScopeException("einsum: '...' in the equation is not supported yet");
        int arrow = eq.indexOf("->");
        String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        String[] specs = lhs.split(",", -1);
        if (specs.length != operands.size())
            throw new JitScopeException("einsum(): " + (specs.length < operands.size() ? "more" : "fewer")
                    + " operands were provided than specified in the equation");
        Map<Character, Integer> sizes = new HashMap<>();
        List<Labeled> ops = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            Tensor t = operands.get(i);
            String s = specs[i];
            if (s.length() != t.dim())
                throw new JitScopeException("einsum(): the number of subscripts in the equation (" + s.length()
                        + ") does not match the number of dimensions (" + t.dim() + ") for operand " + i);
            for (int d = 0; d < s.length(); d++) {
                char c = s.charAt(d);
                if (s.indexOf(c) != d) throw new JitScopeException("einsum: repeated subscript '" + c + "' in one operand (diagonals) is not supported yet");
                Integer prev = sizes.putIfAbsent(c, t.shape()[d]);
                if (prev != null && prev != t.shape()[d] && prev != 1 && t.shape()[d] != 1)
                    throw new JitScopeException("einsum(): operands do not broadcast with remapped shapes (subscript '" + c + "': " + prev + " vs " + t.shape()[d] + ")");
                if (prev != null && prev == 1) sizes.put(c, t.shape()[d]);
            }
            ops.add(new Labeled(t, s));
        }
        String out = arrow >= 0 ? eq.substring(arrow + 2) : implicitOutput(lhs);
        Labeled acc = sumUnneeded(ops.get(0), needed(ops, 1, out));
        for (int i = 1; i < ops.size(); i++) {
            String keep = needed(ops, i + 1, out);
            Labeled right = sumUnneeded(ops.get(i), keep + acc.labels);
            acc = sumUnneeded(acc, keep + right.labels);
            acc = contract(acc, right, keep, sizes);
        }
        acc = sumUnneeded(acc, out);
        int[] perm = new int[out.length()];
        for (int d = 0; d < perm.length; d++) {
            perm[d] = acc.labels.indexOf(out.charAt(d));
            if (perm[d] < 0) throw new JitScopeException("einsum(): output subscript '" + out.charAt(d) + "' does not appear in the inputs");
        }
        return ShapeKernels.contiguous(ShapeKernels.permute(acc.t, perm));
    }

    /** Without "->": the labels used exactly once, in alphabetical order. */
    private static String implicitOutput(String lhs) {
        StringBuilder sb = new StringBuilder();
        for (char c = 'A'; c <= 'z'; c++) {
            int n = 0;
            for (char x : lhs.toCharArray()) if (x == c) n++;
            if (n == 1) sb.append(c);
        }
        return sb.toString();
    }

    /** Labels still needed after operand {@code from - 1}: the output's and those of later operands. */
    private static String needed(List<Labeled> ops, int from, String out) {
        StringBuilder sb = new StringBuilder(out);
        for (int i = from; i < ops.size(); i++) sb.append(ops.get(i).labels);
        return sb.toString();
    }

    private static Labeled sumUnneeded(Labeled x, String needed) {
        List<Integer> dims = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        for (int d = 0; d < x.labels.length(); d++) {
            if (needed.indexOf(x.labels.charAt(d)) < 0) dims.add(d);
            else kept.append(x.labels.charAt(d));
        }
        if (dims.isEmpty()) return x;
        int[] ds = dims.stream().mapToInt(Integer::intValue).toArray();
        return new Labeled(ReductionKernels.sum(x.t, ds, false, null), kept.toString());
    }

    /** a·b as a batched matrix product: (batch, freeA, summed) @ (batch, summed, freeB). */
    private static Labeled contract(Labeled a, Labeled b, String keep, Map<Character, Integer> sizes) {
        StringBuilder batch = new StringBuilder(), freeA = new StringBuilder(), freeB = new StringBuilder(), summed = new StringBuilder();
        for (char c : a.labels.toCharArray()) {
            if (b.labels.indexOf(c) >= 0) (keep.indexOf(c) >= 0 ? batch : summed).append(c);
            else freeA.append(c);
        }
        for (char c : b.labels.toCharArray()) if (a.labels.indexOf(c) < 0) freeB.append(c);
        int nb = product(batch, sizes), na = product(freeA, sizes), nbF = product(freeB, sizes), ns = product(summed, sizes);
        Tensor ta = arrange(a, batch + "" + freeA + summed, sizes, new int[]{nb, na, ns});
        Tensor tb = arrange(b, batch + "" + summed + freeB, sizes, new int[]{nb, ns, nbF});
        Tensor prod = LinearAlgebraKernels.bmm(ta, tb);
        String labels = batch + "" + freeA + freeB;
        int[] shape = new int[labels.length()];
        for (int d = 0; d < shape.length; d++) shape[d] = sizes.get(labels.charAt(d));
        return new Labeled(ShapeKernels.reshape(prod, shape), labels);
    }

    /** x permuted to the label order, broadcast where it has size 1, and reshaped to three dimensions. */
    private static Tensor arrange(Labeled x, String order, Map<Character, Integer> sizes, int[] shape3) {
        int[] perm = new int[order.length()], full = new int[order.length()];
        for (int d = 0; d < perm.length; d++) { perm[d] = x.labels.indexOf(order.charAt(d)); full[d] = sizes.get(order.charAt(d)); }
        Tensor p = ShapeKernels.expand(ShapeKernels.permute(x.t, perm), full);
        return ShapeKernels.reshape(p, shape3);
    }

    private static int product(CharSequence labels, Map<Character, Integer> sizes) {
        int n = 1;
        for (int i = 0; i < labels.length(); i++) n *= sizes.get(labels.charAt(i));
        return n;
    }
}
