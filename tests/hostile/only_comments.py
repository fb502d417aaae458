# one
# two
   # indented comment
#
