# Word counting on a generated text: string building with str.join, str.split,
# str.strip/lower/upper/replace/startswith, dict get/setdefault/items,
# sorted() with key=lambda, f-strings. The text is made by a deterministic
# linear congruential generator, so CPython and mini see the same words.

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "zo", "pe", "shi", "qua",
             "den", "vor", "il", "um", "bra", "ko"]


def make_vocabulary(size):
    vocab = []
    seen = set()
    x = 12345
    while len(vocab) < size:
        x = (x * 1103515245 + 12345) % 2147483648
        parts = []
        y = x >> 8
        for _ in range(1 + (x >> 4) % 4):
            parts.append(SYLLABLES[y % 16])
            y //= 16
        word = "".join(parts)
        if word not in seen:
            seen.add(word)
            vocab.append(word)
    return vocab


def make_text(vocab, lines, words_per_line):
    out = []
    x = 987654321
    nv = len(vocab)
    for _ in range(lines):
        line = []
        for _ in range(words_per_line):
            x = (x * 1103515245 + 12345) % 2147483648
            a = (x >> 8) % nv
            x = (x * 1103515245 + 12345) % 2147483648
            b = (x >> 8) % nv
            word = vocab[a if a < b else b]   # skewed: low indices are common
            r = x % 19
            if r == 0:
                word = word.upper() + ","
            elif r == 1:
                word = word + "."
            line.append(word)
        out.append(" ".join(line))
    return "\n".join(out)


def count_words(text):
    counts = {}
    for line in text.split("\n"):
        for raw in line.split():
            word = raw.strip(".,").lower()
            counts[word] = counts.get(word, 0) + 1
    return counts


def main():
    vocab = make_vocabulary(3000)
    text = make_text(vocab, 20000, 24)
    counts = count_words(text)
    total = sum(counts.values())
    print(f"words={total} distinct={len(counts)} chars={len(text)}")

    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    for word, n in top:
        print(f"{word:>16} {n:6d}")

    by_initial = {}
    for word in counts:
        by_initial.setdefault(word[:2], []).append(word)
    biggest = sorted(by_initial, key=lambda k: (-len(by_initial[k]), k))[:5]
    print(" ".join(f"{k}:{len(by_initial[k])}" for k in biggest))

    longest = sorted(counts, key=lambda w: (-len(w), w))[:3]
    print(",".join(longest))
    ka = sum(n for w, n in counts.items() if w.startswith("ka"))
    print("ka-words", ka, "commas", text.count(","), "dots", text.count("."))
    print(len(text.replace("shi", "si").split("qua")))


main()
