# str case mappings and character-class predicates.
words = ["hello world", "Hello World", "HELLO", "hello", "they're bill's friends", "ß straße",
         "ǆemal ǅ", "ΑΣ ΟΔΟΣ", "i̇stanbul", "123abc DEF", "", "   ", "a1b2", "ﬁne ﬂow", "ŉ"]
for w in words:
    print(repr(w), repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()),
          repr(w.swapcase()), repr(w.casefold()))
for w in words:
    print(repr(w), w.isupper(), w.islower(), w.istitle(), w.isalpha(), w.isalnum(), w.isspace(), w.isascii())
samples = ["123", "١٢٣", "²", "½", "一二三", "Ⅷ", "12.5", "-1", "", "0x1f", "٣٤", "①", "𝟗"]
for t in samples:
    print(repr(t), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalnum(), t.isalpha())
for t in ["abc", "ABC", "Abc", "aBC", "A B", "A b", "Ab Cd", "ab cd", "Ǆ", "ǅa", "1A", "A1a", "'A'"]:
    print(repr(t), t.isupper(), t.islower(), t.istitle())
for t in [" \t\n\r\x0b\x0c", "\x1c\x1d\x1e\x1f", "\x85\xa0\u2000\u3000", "\u200b", "a "]:
    print(repr(t), t.isspace())
for t in ["abc", "_x1", "1x", "", "é", "a-b", "print"]:
    print(repr(t), t.isidentifier(), t.isprintable())
print("tab\there".isprintable(), "\x7f".isprintable(), "ok €".isprintable())
for bad in [lambda: "a".upper(1), lambda: "a".lower(x=1), lambda: "a".isdigit(1), lambda: "a".title(None)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
