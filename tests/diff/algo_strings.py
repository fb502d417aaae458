# String processing algorithms.
def is_palindrome(s):
    cleaned = ''.join(c.lower() for c in s if c.isalpha())
    return cleaned == cleaned[::-1]
for s in ['A man, a plan, a canal: Panama', 'hello', 'Was it a car or a cat I saw']:
    print(repr(s), is_palindrome(s))
def caesar(s, k):
    out = []
    for c in s:
        if c.isalpha():
            base = ord('a') if c.islower() else ord('A')
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return ''.join(out)
enc = caesar('Hello, World!', 3)
print(enc, caesar(enc, -3))
def rle(s):
    if not s:
        return ''
    out, prev, n = [], s[0], 1
    for c in s[1:]:
        if c == prev:
            n += 1
        else:
            out.append(f'{n}{prev}')
            prev, n = c, 1
    out.append(f'{n}{prev}')
    return ''.join(out)
print(rle('aaabccddddde'), rle(''), rle('x'))
text = 'the rain in spain falls mainly on the plain'
freq = {}
for w in text.split():
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(' '.join(w[::-1] for w in text.split()))
print(max(text.split(), key=len), text.count('ain'))
def anagrams(a, b):
    return sorted(a.replace(' ', '')) == sorted(b.replace(' ', ''))
print(anagrams('listen', 'silent'), anagrams('abc', 'abd'))
