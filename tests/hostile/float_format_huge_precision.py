print(len(f'{1e308:.400f}'))
