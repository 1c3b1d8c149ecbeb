package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python's built-in functions and the methods of list, dict, str and tuple. */
final class Builtins {
    private final Evaluator ev;

    Builtins(Evaluator ev) { this.ev = ev; }

    private static NativeFunction fn(NativeFunction f) { return f; }

    /** A builtin by name, or MISSING. */
    Object get(String name) {
        switch (name) {
            case "int": return BuiltinType.INT;
            case "float": return BuiltinType.FLOAT;
            case "bool": return BuiltinType.BOOL;
            case "str": return BuiltinType.STR;
            case "list": return BuiltinType.LIST;
            case "tuple": return BuiltinType.TUPLE;
            case "dict": return BuiltinType.DICT;
            case "object": return BuiltinType.OBJECT;
            case "True": return true;
            case "False": return false;
            case "None": return null;
            case "Exception": case "ValueError": case "RuntimeError": case "TypeError": case "AssertionError": case "KeyError":
            case "IndexError": case "NotImplementedError": case "AttributeError": case "ZeroDivisionError": case "StopIteration":
                return new ExceptionType(name);
            case "print": return fn(this::print);
            case "len": return fn((a, k, r) -> len(one(a, "len", r), r));
            case "range": return fn(this::range);
            case "enumerate": return fn((a, k, r) -> {
                List<Object> out = new ArrayList<>();
                long i = a.size() > 1 ? (Long) a.get(1) : k.containsKey("start") ? (Long) k.get("start") : 0L;
                Iterator<Object> it = ev.iterate(a.get(0), r);
                while (it.hasNext()) out.add(Tuple.of(i++, it.next()));
                return out;
            });
            case "zip": return fn((a, k, r) -> {
                List<List<Object>> lists = new ArrayList<>();
                for (Object o : a) lists.add(ev.iterateToList(o, r));
                int n = lists.stream().mapToInt(List::size).min().orElse(0);
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<Object> row = new ArrayList<>();
                    for (List<Object> l : lists) row.add(l.get(i));
                    out.add(new Tuple(row));
                }
                return out;
            });
            case "isinstance": return fn((a, k, r) -> isinstance(a.get(0), a.get(1), r));
            case "hasattr": return fn((a, k, r) -> {
                try {
                    ev.getAttr(a.get(0), (String) a.get(1), r);
                    return true;
                } catch (JitScopeException e) {
                    return false;
                }
            });
            case "getattr": return fn((a, k, r) -> {
                try {
                    return ev.getAttr(a.get(0), (String) a.get(1), r);
                } catch (JitScopeException e) {
                    if (a.size() > 2) return a.get(2);
                    throw e;
                }
            });
            case "setattr": return fn((a, k, r) -> { ev.setAttr(a.get(0), (String) a.get(1), a.get(2), r); return null; });
            case "min": return fn((a, k, r) -> extreme(a, r, true));
            case "max": return fn((a, k, r) -> extreme(a, r, false));
            case "abs": return fn((a, k, r) -> {
                Object v = one(a, "abs", r);
                if (v instanceof Tensor t) return ev.ops.call("aten::abs", java.util.Arrays.asList(t), Map.of(), r);
                Object out = v instanceof Double d ? (Object) Math.abs(d) : v instanceof Long l ? (Object) Math.abs(l) : null;
                if (out == null) throw new JitScopeException("TypeError: bad operand type for abs(): '" + PyRepr.typeName(v) + "'", r);
                return ev.taint.is(v) ? ev.taint.mark(out) : out;
            });
            case "round": return fn((a, k, r) -> {
                if (a.get(0) instanceof Long l && a.size() > 1 && (Long) a.get(1) >= 0) return l;   // round(int, n) stays an int
                double d = ((Number) a.get(0)).doubleValue();
                if (a.size() < 2) return (long) Math.rint(d);
                // the exact binary value rounded half-even, as CPython does: round(2.675, 2) == 2.67
                return new java.math.BigDecimal(d).setScale((int) (long) (Long) a.get(1), java.math.RoundingMode.HALF_EVEN).doubleValue();
            });
            case "sum": return fn((a, k, r) -> {
                Object acc = a.size() > 1 ? a.get(1) : 0L;
                Iterator<Object> it = ev.iterate(a.get(0), r);
                while (it.hasNext()) acc = ev.pyOps.binary(dev.jitscope.frontend.lexer.TokenKind.PLUS, acc, it.next(), r);
                return acc;
            });
            case "any": return fn((a, k, r) -> {
                Iterator<Object> it = ev.iterate(a.get(0), r);
                while (it.hasNext()) if (ev.truthy(it.next(), r)) return true;
                return false;
            });
            case "all": return fn((a, k, r) -> {
                Iterator<Object> it = ev.iterate(a.get(0), r);
                while (it.hasNext()) if (!ev.truthy(it.next(), r)) return false;
                return true;
            });
            case "sorted": return fn((a, k, r) -> {
                List<Object> l = ev.iterateToList(a.get(0), r);
                l.sort((x, y) -> ev.pyOps.compareForSort(x, y, r));
                if (k.containsKey("reverse") && ev.truthy(k.get("reverse"), r)) java.util.Collections.reverse(l);
                return l;
            });
            case "reversed": return fn((a, k, r) -> {
                List<Object> l = ev.iterateToList(a.get(0), r);
                java.util.Collections.reverse(l);
                return l;
            });
            case "divmod": return fn((a, k, r) -> Tuple.of(
                    ev.pyOps.binary(dev.jitscope.frontend.lexer.TokenKind.FLOORDIV, a.get(0), a.get(1), r),
                    ev.pyOps.binary(dev.jitscope.frontend.lexer.TokenKind.PERCENT, a.get(0), a.get(1), r)));
            case "repr": return fn((a, k, r) -> PyRepr.repr(a.get(0)));
            case "type": return fn((a, k, r) -> typeOf(a.get(0)));
            case "id": return fn((a, k, r) -> (long) System.identityHashCode(a.get(0)));
            case "ord": return fn((a, k, r) -> (long) ((String) a.get(0)).charAt(0));
            case "chr": return fn((a, k, r) -> String.valueOf((char) (long) (Long) a.get(0)));
            case "iter": return fn((a, k, r) -> ev.iterate(a.get(0), r));
            case "next": return fn((a, k, r) -> {
                Iterator<?> it = (Iterator<?>) a.get(0);
                if (!it.hasNext()) {
                    if (a.size() > 1) return a.get(1);
                    throw new JitScopeException("StopIteration", r);
                }
                return it.next();
            });
            default: return PyClass.MISSING;
        }
    }

    private static Object one(List<Object> a, String name, SourceRange r) {
        if (a.size() != 1) throw new JitScopeException("TypeError: " + name + "() takes exactly one argument (" + a.size() + " given)", r);
        return a.get(0);
    }

    private Object print(List<Object> a, Map<String, Object> k, SourceRange r) {
        String sep = k.containsKey("sep") ? PyRepr.str(k.get("sep")) : " ";
        String end = k.containsKey("end") ? PyRepr.str(k.get("end")) : "\n";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) sb.append(i > 0 ? sep : "").append(ev.str(a.get(i), r));
        ev.out.print(sb + end);
        ev.out.flush();
        return null;
    }

    long len(Object v, SourceRange r) {
        Object n;
        if (v instanceof List<?> l) n = (long) l.size();
        else if (v instanceof Tuple t) n = (long) t.size();
        else if (v instanceof String s) n = (long) s.length();
        else if (v instanceof Map<?, ?> m) n = (long) m.size();
        else if (v instanceof PyRange pr) n = pr.length();
        else if (v instanceof Tensor t) return (Long) ev.ops.call("aten::len", java.util.Arrays.asList(t), Map.of(), r);
        else if (v instanceof PyObject o && o.type().findMethod("__len__") != null)
            n = ev.call(ev.classMember(o.type(), o, "__len__"), new ArrayList<>(), Map.of(), r);
        else if (v instanceof ModuleInstance m) n = ev.modules.len(m);
        else throw new JitScopeException("TypeError: object of type '" + PyRepr.typeName(v) + "' has no len()", r);
        return (Long) n;
    }

    private Object range(List<Object> a, Map<String, Object> k, SourceRange r) {
        if (a.isEmpty() || a.size() > 3) throw new JitScopeException("TypeError: range expected 1 to 3 arguments, got " + a.size(), r);
        long[] v = new long[a.size()];
        boolean derived = false;
        for (int i = 0; i < v.length; i++) {
            Object o = a.get(i);
            if (o instanceof Boolean b) o = b ? 1L : 0L;
            if (!(o instanceof Long l)) throw new JitScopeException("TypeError: '" + PyRepr.typeName(o) + "' object cannot be interpreted as an integer", r);
            v[i] = l;
            derived |= ev.taint.is(a.get(i));
        }
        PyRange pr = v.length == 1 ? new PyRange(0, v[0], 1) : new PyRange(v[0], v[1], v.length == 3 ? v[2] : 1);
        if (pr.step() == 0) throw new JitScopeException("ValueError: range() arg 3 must not be zero", r);
        if (derived) ev.divergence(DivergenceEvent.Kind.LOOP, r, pr.length(), "range() bound computed from a tensor's shape or data: "
                + pr.length() + " iterations");
        return pr;
    }

    private Object extreme(List<Object> a, SourceRange r, boolean min) {
        String name = min ? "min" : "max";
        if (a.size() == 1 && a.get(0) instanceof Tensor t) return ev.ops.call("aten::" + name, java.util.Arrays.asList(t), Map.of(), r);
        if (a.size() == 2 && a.get(0) instanceof Tensor && a.get(1) instanceof Tensor)
            return ev.ops.call(min ? "aten::minimum" : "aten::maximum", java.util.Arrays.asList(a.get(0), a.get(1)), Map.of(), r);
        List<Object> items = a.size() == 1 ? ev.iterateToList(a.get(0), r) : a;
        if (items.isEmpty()) throw new JitScopeException("ValueError: " + name + "() arg is an empty sequence", r);
        Object best = items.get(0);
        for (Object o : items.subList(1, items.size())) {
            int c = ev.pyOps.compareForSort(o, best, r);
            if (min ? c < 0 : c > 0) best = o;
        }
        return best;
    }

    private boolean isinstance(Object v, Object type, SourceRange r) {
        if (type instanceof Tuple t) {
            for (Object o : t.items()) if (isinstance(v, o, r)) return true;
            return false;
        }
        if (type instanceof BuiltinType bt) return bt.isInstance(v);
        if (type instanceof PyClass pc) return v instanceof PyObject o && o.type().isSubclassOf(pc);
        if (type instanceof Namespaces.TypingName) return true;
        throw new JitScopeException("TypeError: isinstance() arg 2 must be a type or tuple of types", r);
    }

    private Object typeOf(Object v) {
        if (v instanceof PyObject o) return o.type();
        for (BuiltinType bt : BuiltinType.values()) if (bt != BuiltinType.OBJECT && bt.isInstance(v) && !(bt == BuiltinType.INT && v instanceof Boolean)) return bt;
        return BuiltinType.OBJECT;
    }

    /** int(x), float(x), bool(x), str(x), list(x), tuple(x), dict(x): a tensor argument is a SCALAR divergence. */
    Object convert(BuiltinType t, List<Object> a, Map<String, Object> k, SourceRange r) {
        Object v = a.isEmpty() ? null : a.get(0);
        switch (t) {
            case INT, FLOAT, BOOL -> {
                if (a.isEmpty()) return t == BuiltinType.INT ? (Object) 0L : t == BuiltinType.FLOAT ? (Object) 0.0 : (Object) false;
                if (v instanceof Tensor tensor) {
                    String op = t == BuiltinType.INT ? "aten::Int" : t == BuiltinType.FLOAT ? "aten::Float" : "aten::Bool";
                    if (tensor.numel() != 1) throw new JitScopeException("ValueError: only one element tensors can be converted to Python scalars", r);
                    Object out = ev.ops.call(op, java.util.Arrays.asList(tensor), Map.of(), r);
                    ev.divergence(DivergenceEvent.Kind.SCALAR, r, out, t.pyName + "() reads a tensor's value into Python");
                    return out;
                }
                Object out = switch (t) {
                    case INT -> toInt(v, r);
                    case FLOAT -> toFloat(v, r);
                    default -> ev.truthy(v, r);
                };
                return ev.taint.is(v) ? ev.taint.mark(out) : out;
            }
            case STR -> { return a.isEmpty() ? "" : ev.str(v, r); }
            case LIST -> { return a.isEmpty() ? new ArrayList<>() : ev.iterateToList(v, r); }
            case TUPLE -> { return a.isEmpty() ? new Tuple(List.of()) : new Tuple(ev.iterateToList(v, r)); }
            case DICT -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                if (v instanceof Map<?, ?> src) m.putAll(src);
                else if (v != null) for (Object item : ev.iterateToList(v, r)) {
                    List<Object> kv = ev.iterateToList(item, r);
                    m.put(kv.get(0), kv.get(1));
                }
                m.putAll(k);
                return m;
            }
            default -> throw new JitScopeException("TypeError: cannot create '" + t.pyName + "' instances", r);
        }
    }

    private static Object toInt(Object v, SourceRange r) {
        if (v instanceof Long) return v;
        if (v instanceof Boolean b) return b ? 1L : 0L;
        if (v instanceof Double d) return (long) (double) d;
        if (v instanceof String s) {
            try { return Long.parseLong(s.trim()); } catch (NumberFormatException e) {
                throw new JitScopeException("ValueError: invalid literal for int() with base 10: " + PyRepr.repr(s), r);
            }
        }
        throw new JitScopeException("TypeError: int() argument must be a string or a number, not '" + PyRepr.typeName(v) + "'", r);
    }

    private static Object toFloat(Object v, SourceRange r) {
        if (v instanceof Double) return v;
        if (v instanceof Long l) return (double) l;
        if (v instanceof Boolean b) return b ? 1.0 : 0.0;
        if (v instanceof String s) {
            String t = s.trim().toLowerCase();
            if (t.equals("inf") || t.equals("+inf")) return Double.POSITIVE_INFINITY;
            if (t.equals("-inf")) return Double.NEGATIVE_INFINITY;
            if (t.equals("nan")) return Double.NaN;
            try { return Double.parseDouble(t); } catch (NumberFormatException e) {
                throw new JitScopeException("ValueError: could not convert string to float: " + PyRepr.repr(s), r);
            }
        }
        throw new JitScopeException("TypeError: float() argument must be a string or a number, not '" + PyRepr.typeName(v) + "'", r);
    }

    // ---------------------------------------------------------------- super()

    /** The name `super` used as a value (rare): a function that builds the proxy from the caller's frame. */
    Object superFunction(Frame f) {
        return fn((a, k, r) -> superOf(f, a, r));
    }

    Object makeSuper(Ast.Call c, Frame f, Evaluator e) {
        List<Object> args = new ArrayList<>();
        for (Ast.Expr x : c.args()) args.add(e.eval(x, f));
        return superOf(f, args, c.range());
    }

    /** super() → (defining class, first argument); super(Cls, self) names them. */
    private SuperProxy superOf(Frame f, List<Object> args, SourceRange r) {
        if (args.size() == 2) {
            if (!(args.get(0) instanceof PyClass pc)) throw new JitScopeException("TypeError: super() argument 1 must be a type", r);
            return new SuperProxy(pc, args.get(1));
        }
        if (!args.isEmpty()) throw new JitScopeException("TypeError: super() takes 0 or 2 arguments", r);
        for (Frame x = f; x != null; x = x.enclosing) {
            if (x.ownerClass != null) return new SuperProxy(x.ownerClass, x.self);
        }
        throw new JitScopeException("RuntimeError: super(): no arguments outside a method", r);
    }

    // ---------------------------------------------------------------- methods of builtin values

    /** obj.name for list/dict/str/tuple/PyRange values, or MISSING. */
    @SuppressWarnings("unchecked")
    Object method(Object obj, String name, SourceRange where) {
        if (obj instanceof List<?> raw) {
            List<Object> l = (List<Object>) raw;
            return switch (name) {
                case "append" -> fn((a, k, r) -> { l.add(a.get(0)); return null; });
                case "extend" -> fn((a, k, r) -> { l.addAll(ev.iterateToList(a.get(0), r)); return null; });
                case "insert" -> fn((a, k, r) -> {
                    long i = (Long) a.get(0);
                    int n = l.size();
                    int at = (int) Math.max(0, Math.min(n, i < 0 ? i + n : i));
                    l.add(at, a.get(1));
                    return null;
                });
                case "pop" -> fn((a, k, r) -> {
                    if (l.isEmpty()) throw new JitScopeException("IndexError: pop from empty list", r);
                    return l.remove(a.isEmpty() ? l.size() - 1 : Evaluator.normIndex((Long) a.get(0), l.size(), r));
                });
                case "remove" -> fn((a, k, r) -> {
                    for (int i = 0; i < l.size(); i++) if (PyOps.equal(l.get(i), a.get(0))) { l.remove(i); return null; }
                    throw new JitScopeException("ValueError: list.remove(x): x not in list", r);
                });
                case "index" -> fn((a, k, r) -> {
                    for (int i = 0; i < l.size(); i++) if (PyOps.equal(l.get(i), a.get(0))) return (long) i;
                    throw new JitScopeException("ValueError: " + PyRepr.repr(a.get(0)) + " is not in list", r);
                });
                case "count" -> fn((a, k, r) -> l.stream().filter(x -> PyOps.equal(x, a.get(0))).count());
                case "reverse" -> fn((a, k, r) -> { java.util.Collections.reverse(l); return null; });
                case "sort" -> fn((a, k, r) -> {
                    l.sort((x, y) -> ev.pyOps.compareForSort(x, y, r));
                    if (k.containsKey("reverse") && ev.truthy(k.get("reverse"), r)) java.util.Collections.reverse(l);
                    return null;
                });
                case "clear" -> fn((a, k, r) -> { l.clear(); return null; });
                case "copy" -> fn((a, k, r) -> new ArrayList<>(l));
                default -> PyClass.MISSING;
            };
        }
        if (obj instanceof Map<?, ?> raw) {
            Map<Object, Object> m = (Map<Object, Object>) raw;
            return switch (name) {
                case "keys" -> fn((a, k, r) -> new ArrayList<>(m.keySet()));
                case "values" -> fn((a, k, r) -> new ArrayList<>(m.values()));
                case "items" -> fn((a, k, r) -> {
                    List<Object> out = new ArrayList<>();
                    m.forEach((key, v) -> out.add(Tuple.of(key, v)));
                    return out;
                });
                case "get" -> fn((a, k, r) -> m.containsKey(a.get(0)) ? m.get(a.get(0)) : a.size() > 1 ? a.get(1) : null);
                case "pop" -> fn((a, k, r) -> {
                    if (m.containsKey(a.get(0))) return m.remove(a.get(0));
                    if (a.size() > 1) return a.get(1);
                    throw new JitScopeException("KeyError: " + PyRepr.repr(a.get(0)), r);
                });
                case "setdefault" -> fn((a, k, r) -> m.computeIfAbsent(a.get(0), x -> a.size() > 1 ? a.get(1) : null));
                case "update" -> fn((a, k, r) -> { if (!a.isEmpty()) m.putAll((Map<?, ?>) a.get(0)); m.putAll(k); return null; });
                case "clear" -> fn((a, k, r) -> { m.clear(); return null; });
                case "copy" -> fn((a, k, r) -> new LinkedHashMap<>(m));
                default -> PyClass.MISSING;
            };
        }
        if (obj instanceof String s) {
            return switch (name) {
                case "format" -> fn((a, k, r) -> PyFormat.format(s, a, k, r));
                case "join" -> fn((a, k, r) -> {
                    List<String> parts = new ArrayList<>();
                    for (Object o : ev.iterateToList(a.get(0), r)) {
                        if (!(o instanceof String str)) throw new JitScopeException("TypeError: sequence item: expected str instance, "
                                + PyRepr.typeName(o) + " found", r);
                        parts.add(str);
                    }
                    return String.join(s, parts);
                });
                case "split" -> fn((a, k, r) -> {
                    List<Object> out = new ArrayList<>();
                    if (a.isEmpty() || a.get(0) == null) { for (String p : s.trim().split("\\s+")) if (!p.isEmpty()) out.add(p); }
                    else out.addAll(List.of(s.split(java.util.regex.Pattern.quote((String) a.get(0)), -1)));
                    return out;
                });
                case "strip" -> fn((a, k, r) -> s.strip());
                case "lstrip" -> fn((a, k, r) -> s.stripLeading());
                case "rstrip" -> fn((a, k, r) -> s.stripTrailing());
                case "upper" -> fn((a, k, r) -> s.toUpperCase());
                case "lower" -> fn((a, k, r) -> s.toLowerCase());
                case "startswith" -> fn((a, k, r) -> s.startsWith((String) a.get(0)));
                case "endswith" -> fn((a, k, r) -> s.endsWith((String) a.get(0)));
                case "replace" -> fn((a, k, r) -> s.replace((String) a.get(0), (String) a.get(1)));
                case "find" -> fn((a, k, r) -> (long) s.indexOf((String) a.get(0)));
                case "isdigit" -> fn((a, k, r) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit));
                default -> PyClass.MISSING;
            };
        }
        if (obj instanceof Tuple t) {
            return switch (name) {
                case "index" -> fn((a, k, r) -> {
                    for (int i = 0; i < t.size(); i++) if (PyOps.equal(t.get(i), a.get(0))) return (long) i;
                    throw new JitScopeException("ValueError: tuple.index(x): x not in tuple", r);
                });
                case "count" -> fn((a, k, r) -> t.items().stream().filter(x -> PyOps.equal(x, a.get(0))).count());
                default -> PyClass.MISSING;
            };
        }
        return PyClass.MISSING;
    }
}
