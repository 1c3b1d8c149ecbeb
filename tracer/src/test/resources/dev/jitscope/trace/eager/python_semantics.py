# Plain Python the eager interpreter must run exactly as CPython does; the test compares stdout.
import math
from typing import List, Dict, Optional, Tuple


def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def greet(name, punctuation="!", *, times=1):
    return (f"hello {name}{punctuation} ") * times


class Counter:
    start = 10

    def __init__(self, step=1):
        self.value = Counter.start
        self.step = step

    def bump(self, k=1):
        self.value += self.step * k
        return self.value


class Doubler(Counter):
    def __init__(self):
        super(Doubler, self).__init__(step=2)

    def bump(self, k=1):
        return super().bump(k) * 2


print(fib(10), fib(20))
print(greet("world"), greet("you", "?", times=2))
c = Counter()
c.bump()
print(c.value, Doubler().bump(3))
xs = [i * i for i in range(6) if i % 2 == 0]
d = {k: v for k, v in zip("abc", [1, 2, 3])}
print(xs, d, len(d), "b" in d, 4 in xs, 5 not in xs)
print(list(enumerate(["x", "y"], 1)), sorted([3, 1, 2], reverse=True), min(4, 2, 8), max([1.5, -2.0]))
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 2 ** -1, 7 / 2, abs(-3), round(2.675, 2), int("12") + int(3.9))
print(1e-05, 0.1 + 0.2, 1e16, 123456789.0, float("inf"), -0.0, 3.0)
print(True + True, not [], bool("x"), str(None), repr("it's"), (1,), ())
print("{:.3f}|{:>6}|{:<4}|{:05d}|{}".format(math.pi, "ab", "c", 42, [1, (2, 3)]))
print(f"{math.sqrt(2):.4f} {10:,} {3.5:g}", "%d-%s-%.2f" % (5, "z", 2.5))
a, *rest = [1, 2, 3, 4]
first, (second, third) = 1, (2, 3)
print(a, rest, first, second, third)
s = "Hello World"
print(s[1:8:2], s[::-1], s.lower(), s.split(), "-".join(["a", "b"]), s.startswith("He"))
lst = [5, 3, 8]
lst.append(1)
lst.extend([9, 9])
lst.insert(0, 0)
popped = lst.pop()
lst[1:3] = [7]
del lst[0]
print(lst, popped, lst.index(8), lst.count(9), lst[-1], lst[1:], lst[:-1])
total = 0
i = 0
while True:
    i += 1
    if i % 2 == 0:
        continue
    if i > 9:
        break
    total += i
print(total, i)
o: Optional[int] = None
print(o is None, o is not None, isinstance(3, int), isinstance(3.0, (int, float)), isinstance(c, Counter), isinstance(Doubler(), Counter))
nested = {"a": [1, 2], "b": {"c": 3}}
nested["a"].append(3)
nested["b"]["d"] = 4
print(nested, nested.get("z", -1), list(nested.keys()), sum([1, 2, 3]), any([0, 1]), all([1, 0]))
print(math.floor(2.5), math.ceil(2.1), math.log(8, 2), math.exp(0), 1 < 2 < 3, 3 > 2 > 2)
t = (1, 2) + (3,)
print(t, t[1:], len(t), t.index(3), [0] * 3, "ab" * 2, divmod(17, 5))
