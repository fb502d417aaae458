# expect: 1 2 RuntimeError: by hand
raise RuntimeError("by hand")
