import math
from math import sqrt as root


def make_counter(start=0, *, step=1):
    count = start

    def bump():
        nonlocal count
        count += step
        return count

    return bump


def describe(value, **options):
    try:
        result = math.floor(root(value))
    except (TypeError, ValueError) as e:
        return f"bad: {e!r}"
    finally:
        options.clear()
    first, *rest = [result, -result, not result]
    label = "big" if result > 3 and value is not None else "small"
    return f"{label}:{first:>4}", rest, {"k": 1, **options}


def guarded(lock, items):
    with lock as held:
        del items[0]
        return held


bump = make_counter(10, step=5)
bump()
print(bump(), describe(17.0), describe(-1), (lambda x: x ** 2)(3))
