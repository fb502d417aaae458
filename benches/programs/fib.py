# Recursive Fibonacci: function-call overhead (frame setup, argument passing,
# return) and small-int arithmetic. fib(30) makes 1,664,079 calls.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(30))
