//! `str` objects: a thin, reference-counted pointer to one allocation that
//! holds the count, the string's cached facts and its UTF-8 text.
//!
//! Why not `Arc<struct { Box<str>, … }>`: that is two allocations per
//! string (the `Arc`'s block and the text's), two frees when it dies, and
//! usually a shrinking `realloc` when a built `String` becomes a `Box<str>`.
//! Word counting makes and drops millions of short strings, and allocator
//! calls were a seventh of its instructions. CPython's `PyUnicodeObject` is
//! one block too. The pointer stays one word, so `Value` stays two.
//!
//! Layout: a `Header` (count, byte length, code point count, cached hash)
//! followed directly by the bytes. Every pointer into the block is derived
//! from the `NonNull` the allocation returned, so reading the text after
//! the header stays within the allocation's provenance.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering, fence};

#[repr(C)]
struct Header {
    /// Strong references (there are no weak ones).
    count: AtomicUsize,
    /// Byte length of the text that follows.
    len: usize,
    /// Number of code points (== `len` for ASCII text).
    nchars: usize,
    /// Cached hash; -1 = not computed yet (a real hash is never -1).
    hash: AtomicI64,
}

/// An immutable Python `str`, shared by counted references.
pub struct StrObj {
    ptr: NonNull<Header>,
}

// SAFETY: the text, length and code point count never change after
// construction; the count and the cached hash are atomics. So shared
// references may cross threads, and the count makes the last drop free the
// block exactly once (the same argument as for `Arc<T: Send + Sync>`).
unsafe impl Send for StrObj {}
// SAFETY: as above.
unsafe impl Sync for StrObj {}

/// The block for `len` bytes of text.
fn layout(len: usize) -> Layout {
    let (layout, offset) = Layout::new::<Header>()
        .extend(Layout::array::<u8>(len).expect("str too long"))
        .expect("str too long");
    debug_assert_eq!(offset, size_of::<Header>());
    layout
}

impl StrObj {
    /// A new string holding a copy of `s`.
    pub fn new(s: &str) -> StrObj {
        let src = s.as_bytes();
        // SAFETY: the copy writes all `len` bytes, valid UTF-8 with
        // `chars().count()` code points.
        unsafe {
            StrObj::with_text(src.len(), s.chars().count(), |text| {
                std::ptr::copy_nonoverlapping(src.as_ptr(), text, src.len())
            })
        }
    }

    /// `a + b`: the lengths and code point counts add up, so the text is
    /// copied once and not counted again.
    pub fn concat(a: &StrObj, b: &StrObj) -> StrObj {
        StrObj::from_pieces(&[a.as_str(), b.as_str()], a.char_len() + b.char_len())
    }

    /// `sep.join(parts)`, like `concat`.
    pub fn join(sep: &StrObj, parts: &[&StrObj]) -> StrObj {
        let mut pieces = Vec::with_capacity(parts.len() * 2);
        let mut nchars = sep.char_len() * parts.len().saturating_sub(1);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                pieces.push(sep.as_str());
            }
            pieces.push(part.as_str());
            nchars += part.char_len();
        }
        StrObj::from_pieces(&pieces, nchars)
    }

    /// The pieces one after the other, which have `nchars` code points in all.
    fn from_pieces(pieces: &[&str], nchars: usize) -> StrObj {
        let len = pieces.iter().map(|p| p.len()).sum();
        // SAFETY: the pieces are UTF-8 with `nchars` code points in all
        // (the caller's count), and their bytes fill all `len` bytes.
        unsafe {
            StrObj::with_text(len, nchars, |mut text| {
                for piece in pieces {
                    std::ptr::copy_nonoverlapping(piece.as_ptr(), text, piece.len());
                    text = text.add(piece.len());
                }
            })
        }
    }

    /// A new string of the ASCII bytes `fill` writes into a zeroed buffer
    /// of `len` bytes (`str.lower` and friends on ASCII text: no
    /// intermediate `String`). Non-ASCII output is a bug in the caller: it
    /// panics (and the block is freed).
    pub fn new_ascii(len: usize, fill: impl FnOnce(&mut [u8])) -> StrObj {
        // SAFETY: the bytes are zeroed before a slice of them is made, and
        // checked to be ASCII (so UTF-8 with `len` code points) before the
        // string is used.
        unsafe {
            StrObj::with_text(len, len, |text| {
                text.write_bytes(0, len);
                let bytes = std::slice::from_raw_parts_mut(text, len);
                fill(bytes);
                assert!(bytes.is_ascii(), "StrObj::new_ascii: non-ASCII bytes");
            })
        }
    }

    /// A new string of `len` bytes and `nchars` code points, which `fill`
    /// writes through the pointer it gets.
    ///
    /// # Safety
    /// `fill` must write all `len` bytes, as UTF-8 with `nchars` code
    /// points (unless it panics: then the block is freed unread).
    unsafe fn with_text(len: usize, nchars: usize, fill: impl FnOnce(*mut u8)) -> StrObj {
        if len == 0 {
            // One empty string, as in CPython (`"".lower() is ""`).
            static EMPTY: std::sync::OnceLock<StrObj> = std::sync::OnceLock::new();
            // SAFETY: no bytes to write.
            return EMPTY
                .get_or_init(|| unsafe { StrObj::allocate(0, 0, |_| {}) })
                .clone();
        }
        // SAFETY: the caller's guarantees.
        unsafe { StrObj::allocate(len, nchars, fill) }
    }

    /// `with_text` without the shared empty string.
    ///
    /// # Safety
    /// As for `with_text`.
    unsafe fn allocate(len: usize, nchars: usize, fill: impl FnOnce(*mut u8)) -> StrObj {
        let layout = layout(len);
        // SAFETY: the layout has a non-zero size (the header).
        let raw = unsafe { alloc(layout) };
        let Some(ptr) = NonNull::new(raw.cast::<Header>()) else {
            handle_alloc_error(layout)
        };
        // SAFETY: the block is fresh and large enough for the header and
        // `len` bytes after it.
        unsafe {
            ptr.as_ptr().write(Header {
                count: AtomicUsize::new(1),
                len,
                nchars,
                hash: AtomicI64::new(-1),
            })
        };
        // From here a panic in `fill` drops `s`, which frees the block.
        let s = StrObj { ptr };
        // SAFETY: the text area lies within the block (see `layout`).
        fill(unsafe { raw.add(size_of::<Header>()) });
        debug_assert!(std::str::from_utf8(s.bytes()).is_ok());
        debug_assert_eq!(s.as_str().chars().count(), nchars);
        s
    }

    fn header(&self) -> &Header {
        // SAFETY: `ptr` points to a live block while `self` holds a count.
        unsafe { self.ptr.as_ref() }
    }

    fn bytes(&self) -> &[u8] {
        let len = self.header().len;
        // SAFETY: the block holds `len` initialised bytes right after the
        // header, immutable for the block's life, which `self` keeps.
        unsafe {
            let text = self.ptr.as_ptr().cast::<u8>().add(size_of::<Header>());
            std::slice::from_raw_parts(text, len)
        }
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: constructors write only UTF-8 (checked in debug builds).
        unsafe { std::str::from_utf8_unchecked(self.bytes()) }
    }

    pub fn char_len(&self) -> usize {
        self.header().nchars
    }

    pub fn is_ascii(&self) -> bool {
        let h = self.header();
        h.nchars == h.len
    }

    /// The code point at index `i` (0 <= i < char_len).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.bytes()[i] as char
        } else {
            self.as_str().chars().nth(i).unwrap_or('\0')
        }
    }

    pub fn hash(&self) -> i64 {
        // Relaxed: the hash is a pure function of the immutable text; a race
        // only computes it twice.
        let cached = &self.header().hash;
        let h = cached.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = super::hash::hash_str(self.as_str());
        cached.store(h, Ordering::Relaxed);
        h
    }

    /// Are `a` and `b` the same object (`is`)?
    pub fn ptr_eq(a: &StrObj, b: &StrObj) -> bool {
        a.ptr == b.ptr
    }

    /// The object's address (`id()`).
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// The number of references (`sys.getrefcount`).
    pub fn strong_count(&self) -> usize {
        self.header().count.load(Ordering::Relaxed)
    }
}

impl Clone for StrObj {
    fn clone(&self) -> StrObj {
        // Relaxed, as `Arc::clone`: a new reference is made from an
        // existing one, which keeps the block alive meanwhile.
        let old = self.header().count.fetch_add(1, Ordering::Relaxed);
        if old > isize::MAX as usize {
            std::process::abort(); // as `Arc`: the count would overflow
        }
        StrObj { ptr: self.ptr }
    }
}

impl Drop for StrObj {
    fn drop(&mut self) {
        // Release, then an Acquire fence before freeing, as `Arc::drop`:
        // every use through other references happens before the free.
        if self.header().count.fetch_sub(1, Ordering::Release) != 1 {
            return;
        }
        fence(Ordering::Acquire);
        let layout = layout(self.header().len);
        // SAFETY: this was the last reference; the block was allocated with
        // this layout (same length), and nothing reads it after.
        unsafe { dealloc(self.ptr.as_ptr().cast::<u8>(), layout) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_facts_and_counts() {
        let s = StrObj::new("héllo");
        assert_eq!(s.as_str(), "héllo");
        assert_eq!((s.char_len(), s.is_ascii(), s.char_at(1)), (5, false, 'é'));
        let t = s.clone();
        assert!(StrObj::ptr_eq(&s, &t));
        assert_eq!(s.strong_count(), 2);
        drop(t);
        assert_eq!(s.strong_count(), 1);
        assert_eq!(s.hash(), s.hash());
        let e = StrObj::new("");
        assert_eq!((e.as_str(), e.char_len(), e.is_ascii()), ("", 0, true));
        let a = StrObj::new_ascii(3, |b| b.copy_from_slice(b"abc"));
        assert_eq!((a.as_str(), a.char_len()), ("abc", 3));
        assert!(!StrObj::ptr_eq(&a, &StrObj::new("abc")));
        let j = StrObj::join(&StrObj::new(", "), &[&s, &a, &e]);
        assert_eq!((j.as_str(), j.char_len()), ("héllo, abc, ", 12));
        let c = StrObj::concat(&s, &a);
        assert_eq!((c.as_str(), c.char_len()), ("hélloabc", 8));
    }
}
