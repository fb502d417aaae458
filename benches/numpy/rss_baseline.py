# The interpreter with numpy imported and nothing else: the baseline RSS.
import numpy as np

a = np.ones(10)
print("sum", a.sum())
