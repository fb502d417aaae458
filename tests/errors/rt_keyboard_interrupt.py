# expect: -2 3 KeyboardInterrupt
print("before")
raise KeyboardInterrupt
