# One 10**7-element float64 array, every page touched (np.ones writes them).
import numpy as np

a = np.ones(10**7)
print("sum", a.sum())
