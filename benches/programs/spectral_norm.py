# Spectral norm of the infinite matrix A(i, j) = 1 / ((i+j)(i+j+1)/2 + i + 1)
# by the power method (the Benchmarks Game program), n = 160, written with
# generator expressions inside sum(): generator/comprehension scopes, closures
# over the loop variable, calls to a small function, float arithmetic.
import math


def eval_A(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def A_times_u(u):
    n = len(u)
    return [sum(eval_A(i, j) * u[j] for j in range(n)) for i in range(n)]


def At_times_u(u):
    n = len(u)
    return [sum(eval_A(j, i) * u[j] for j in range(n)) for i in range(n)]


def AtA_times_u(u):
    return At_times_u(A_times_u(u))


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = AtA_times_u(u)
        u = AtA_times_u(v)
    vBv = sum(ue * ve for ue, ve in zip(u, v))
    vv = sum(ve * ve for ve in v)
    return math.sqrt(vBv / vv)


print("%.9f" % spectral_norm(160))
