# expect: 1 2 TypeError: exceptions must derive from BaseException
raise 5
