"""Vectorised MinHash signatures and LSH band keys (numpy, no per-permutation Python loops).

Shingles are hashed to well-mixed 32-bit integers, then ``num_perm`` universal hash functions
``h_i(x) = a_i * x + b_i`` are applied to all shingles at once as one ``(num_perm, n_shingles)``
numpy operation, and the signature is the per-permutation minimum. Two families (see
:func:`signature`): multiply-add-shift mod 2**64 (default, fastest) and the classic
``mod p`` with p = 2**61 - 1 (computed exactly in uint64 by splitting ``a_i``).

Two shingle kinds:

* ``"word"``: word n-grams over the normalised text with punctuation dropped. Words are hashed
  with a polynomial hash over their code points (``np.add.reduceat``) and n-grams are combined
  in numpy — no per-word Python loop.
* ``"char"``: character n-grams over the normalised text with everything but letters and
  digits squeezed to single spaces. The text is folded to one byte per character (one
  ``bytes.translate`` for ASCII, a lookup table otherwise), so an n-gram of up to 8 characters is
  exactly one uint64 read through an overlapping stride-1 view — no per-shingle work in Python.
  More robust to OCR-like character noise than word n-grams.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np


MERSENNE_61 = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` coefficients (``1 <= a < p``, ``0 <= b < p``) of ``num_perm`` hash functions."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    return a, b


_LOW29 = np.uint64((1 << 29) - 1)
_LOW32 = np.uint64((1 << 32) - 1)


def _fold(v: np.ndarray) -> np.ndarray:
    """``v mod p`` up to one extra ``p`` (p = 2**61 - 1, using 2**61 ≡ 1), in place."""
    hi = v >> np.uint64(61)
    v &= MERSENNE_61
    v += hi
    return v


def universal_hash(x: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``(a * x + b) mod p`` for 32-bit ``x`` (column) and 61-bit ``a``, ``b`` (rows), exactly in uint64.

    ``a = a1 * 2**32 + a0`` splits the product so no intermediate exceeds 64 bits:
    ``a0 * x < 2**64`` and ``a1 * x * 2**32 ≡ (a1 x >> 29) + ((a1 x mod 2**29) << 32)  (mod p)``.
    """
    x = x.astype(np.uint64)[:, None]
    a0 = (a & _LOW32)[None, :]
    a1 = (a >> np.uint64(32))[None, :]
    low = _fold(x * a0)
    m1 = x * a1
    high = (m1 >> np.uint64(29)) + ((m1 & _LOW29) << np.uint64(32))
    low += high
    low += b[None, :]
    return _fold(_fold(low))


_ASCII_WORD = np.zeros(128, dtype=bool)
for _c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
    _ASCII_WORD[ord(_c)] = True


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (avalanche mixing), in place on a uint64 array."""
    with np.errstate(over="ignore"):
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xC4CEB9FE1A85EC53)
        h ^= h >> np.uint64(33)
    return h


def _unique(h: np.ndarray) -> np.ndarray:
    """Sorted unique values (sort-based: much faster than ``np.unique`` on short arrays)."""
    if len(h) < 2:
        return h
    s = np.sort(h)
    keep = np.empty(len(s), dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _fold_case(text: str) -> str:
    """NFKC + lower case: what :func:`~newsgraph.model.normalise_text` does to word characters
    (its quote/dash/whitespace mapping only touches separators, which shingling ignores)."""
    return text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).lower()


def _codes(s: str) -> np.ndarray:
    return np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32)


def _word_mask(codes: np.ndarray) -> np.ndarray:
    """True where a code point is a word character (ASCII alnum; non-ASCII via ``str.isalnum``)."""
    high = codes >= 128
    if not high.any():
        return _ASCII_WORD[codes]
    mask = _ASCII_WORD[np.where(high, 0, codes)]
    uniq = np.unique(codes[high])
    alnum = np.array([chr(int(c)).isalnum() for c in uniq], dtype=bool)
    mask[high] = alnum[np.searchsorted(uniq, codes[high])]
    return mask


def word_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the words of ``text`` (normalised; runs of letters/digits), vectorised in numpy."""
    codes = _codes(_fold_case(text))
    if len(codes) == 0:
        return np.zeros(0, dtype=np.uint64)
    mask = _word_mask(codes)
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return np.zeros(0, dtype=np.uint64)
    # a word starts where a word character follows a non-word character (or the text start)
    starts_flag = np.empty(len(idx), dtype=bool)
    starts_flag[0] = True
    starts_flag[1:] = idx[1:] != idx[:-1] + 1
    starts = np.flatnonzero(starts_flag)
    word_of = np.cumsum(starts_flag) - 1
    pos = np.arange(len(idx)) - starts[word_of]  # position inside its word
    pows = np.cumprod(np.full(int(pos.max()) + 1, 0x100000001B3, dtype=np.uint64))
    with np.errstate(over="ignore"):
        contrib = (codes[idx].astype(np.uint64) + np.uint64(1)) * pows[pos]
        h = np.add.reduceat(contrib, starts)
    return _fmix64(h)


def word_shingles(text: str, n: int = 5, sample: int = 1) -> np.ndarray:
    """Unique 32-bit hashes of the word ``n``-grams of ``text`` (normalised, punctuation dropped)."""
    h = word_hashes(text)
    if len(h) == 0:
        return np.zeros(0, dtype=np.uint64)
    n = min(n, len(h))
    m = len(h) - n + 1
    acc = np.zeros(m, dtype=np.uint64)
    mult = np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        for j in range(n):  # polynomial combination, wraps mod 2**64
            acc = acc * mult + h[j:j + m]
    return _unique(_keep_sample(_fmix64(acc), sample) & _MASK32)


def _keep_sample(h: np.ndarray, sample: int) -> np.ndarray:
    """Consistent sub-sampling: keep the hashes whose high bits are 0 mod ``sample`` (same choice in every text)."""
    if sample <= 1:
        return h
    if sample & (sample - 1) == 0:  # power of two: a bit mask instead of a (slow) uint64 modulo
        return h[(h >> np.uint64(40)) & np.uint64(sample - 1) == 0]
    return h[(h >> np.uint64(40)) % np.uint64(sample) == 0]


def _fold_char(ch: str) -> int:
    """The byte a character stands for in character shingles: 32 (separator) unless alphanumeric;
    else its lower-case code point when below 256, or a hashed byte in 128–255 for other scripts."""
    if not ch.isalnum():
        return 32
    o = ord(ch.lower()[0])
    return o if o < 256 else 128 | (((o * 2654435761) >> 25) & 127)


#: ASCII text: lower-case letters and digits kept, every other byte a separator (one ``bytes.translate``)
_ASCII_FOLD = bytes(_fold_char(chr(c)) if c < 128 else 32 for c in range(256))


@lru_cache(maxsize=1)
def _bmp_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per code point of the Basic Multilingual Plane: its folded byte (see :func:`_fold_char`) and
    whether NFKC normalisation can change a word character there (so the text must be normalised
    first); NFKC changes that only touch separators — no-break spaces, ellipses — are skipped."""
    fold = np.empty(0x10000, dtype=np.uint8)
    need = np.zeros(0x10000, dtype=bool)
    for c in range(0x10000):
        ch = chr(c)
        fold[c] = _fold_char(ch)
        if c >= 128:
            nf = unicodedata.normalize("NFKC", ch)
            need[c] = unicodedata.combining(ch) != 0 or (
                nf != ch and (ch.isalnum() or any(x.isalnum() for x in nf)))
    return fold, need


def folded_bytes(text: str) -> np.ndarray:
    """``text`` as one byte per character (uint8): NFKC-normalised where that matters, lower-cased,
    every non-alphanumeric character a space (32). ASCII text takes one ``bytes.translate``."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii").translate(_ASCII_FOLD), dtype=np.uint8)
    fold, need = _bmp_tables()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    astral = codes > 0xFFFF
    if astral.any() or need[codes].any():
        text = unicodedata.normalize("NFKC", text)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        astral = codes > 0xFFFF
    if not astral.any():
        return fold[codes]
    out = fold[np.where(astral, 32, codes)]
    out[astral] = [_fold_char(chr(c)) for c in codes[astral].tolist()]
    return out


def _squeeze(b: np.ndarray) -> np.ndarray:
    """Runs of separators (32) to one, leading/trailing separators dropped; a new contiguous array."""
    word = b != 32
    keep = word.copy()
    keep[1:] |= word[:-1]
    out = b[keep]
    lo, hi = (1 if len(out) and out[0] == 32 else 0), (len(out) - 1 if len(out) and out[-1] == 32 else len(out))
    return out[lo:hi] if lo or hi < len(out) else out


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)


def char_shingles(text: str, n: int = 5, sample: int = 1) -> np.ndarray:
    """Unique 32-bit hashes of the character ``n``-grams of ``text`` (uint64 array, sorted).

    The text is NFKC-normalised (when that can change a letter), case-folded and every run of
    non-alphanumeric characters becomes one space, so punctuation and layout changes do not
    matter; each character is one byte (Latin-1 exactly, other scripts hashed to a byte). An
    ``n``-gram with ``n <= 8`` is then exactly one little-endian uint64 read through an
    overlapping stride-1 view of the bytes (no copy), mixed by one multiplication by an odd
    constant (a bijection). ``sample > 1`` keeps a consistent ``1/sample`` subset of the shingles
    — those whose mixed value's top bits are 0 mod ``sample``, the same shingles in every text —
    which leaves Jaccard and containment estimates unbiased while making signatures ``sample``
    times cheaper; only the kept shingles get the final 64 -> 32-bit mixing step.
    """
    b = _squeeze(folded_bytes(text))
    if len(b) == 0:
        return np.zeros(0, dtype=np.uint64)
    n = min(n, len(b))
    m = len(b) - n + 1
    with np.errstate(over="ignore"):
        if n == 8:
            h = np.ndarray(shape=(m,), dtype="<u8", buffer=b, strides=(1,)) * _GOLDEN
        else:
            buf = np.zeros(len(b) + 8, dtype=np.uint8)
            buf[:len(b)] = b
            if n < 8:  # one padded word per n-gram, the bytes beyond the n-gram masked off
                h = np.ndarray(shape=(m,), dtype="<u8", buffer=buf, strides=(1,)) & np.uint64((1 << (8 * n)) - 1)
            else:  # longer n-grams: polynomial over the 8-byte words at offsets 0, 8, ... and n - 8
                h = np.zeros(m, dtype=np.uint64)
                for off in [*range(0, n - 8, 8), n - 8]:
                    h = h * np.uint64(0x100000001B3) + np.ndarray(shape=(m,), dtype="<u8", buffer=buf,
                                                                  offset=off, strides=(1,))
            h *= _GOLDEN
        if sample > 1:
            if sample & (sample - 1) == 0:  # power of two: the top log2(sample) bits are zero
                h = np.compress(h < np.uint64(1 << (64 - (sample.bit_length() - 1))), h)
            else:
                h = np.compress((h >> np.uint64(32)) % np.uint64(sample) == 0, h)
        # the kept values (a bijection of the n-grams) -> well-mixed 32 bits (xorshift-multiply, high half)
        h ^= h >> np.uint64(29)
        h *= _MIX2
    return _unique(h >> np.uint64(32))


def shingles(text: str, kind: str = "word", n: int = 5, sample: int = 1) -> np.ndarray:
    """Shingle hashes of ``text``: ``kind`` is ``"word"`` or ``"char"``; ``sample`` see :func:`char_shingles`."""
    if kind == "word":
        return word_shingles(text, n, sample)
    if kind == "char":
        return char_shingles(text, n, sample)
    raise ValueError(f"unknown shingle kind {kind!r}")


@lru_cache(maxsize=8)
def _multiply_shift_params(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64, endpoint=True)
    return a, b


def signature(hashes: np.ndarray, num_perm: int = 128, seed: int = 1, family: str = "multiply-shift") -> np.ndarray:
    """MinHash signature (uint32, length ``num_perm``) of a set of 32-bit shingle hashes.

    ``family="multiply-shift"`` (default): ``h(x) = ((a*x + b) mod 2**64) >> 32`` with random odd
    64-bit ``a`` (Dietzfelbinger's multiply-add-shift universal family). The shift is monotone, so
    the minimum is taken on the 64-bit values and shifted once: three array operations in all,
    about 14x faster than the Mersenne-prime form with the same estimation error on hashed shingles.
    ``family="mersenne"``: the classic ``(a*x + b) mod (2**61 - 1)``, low 32 bits.
    An empty set gives all ``0xFFFFFFFF`` (matches nothing but other empty sets).
    """
    if len(hashes) == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if family == "multiply-shift":
        a, b = _multiply_shift_params(num_perm, seed)
        # (num_perm, n_shingles) layout: each permutation's minimum is a reduction over one
        # contiguous row (measured ~7 % faster than ``(n_shingles, num_perm)``, more on long texts)
        with np.errstate(over="ignore"):
            hv = a[:, None] * hashes.astype(np.uint64)
            hv += b[:, None]
        return (hv.min(axis=1) >> np.uint64(32)).astype(np.uint32)
    if family == "mersenne":
        a, b = permutations(num_perm, seed)
        hv = universal_hash(hashes, a, b)
        return (hv.min(axis=0) & _MASK32).astype(np.uint32)
    raise ValueError(f"unknown hash family {family!r}")


def jaccard_estimate(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Share of equal signature positions: an unbiased estimate of the Jaccard similarity."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def containment_from_jaccard(j: float, size_a: int, size_b: int) -> float:
    """Estimated ``|A ∩ B| / min(|A|, |B|)`` from Jaccard ``j`` and the two set sizes."""
    if size_a <= 0 or size_b <= 0:
        return 0.0
    inter = j * (size_a + size_b) / (1.0 + j)
    return min(1.0, inter / min(size_a, size_b))


def jaccard_many(sig: np.ndarray, others: np.ndarray) -> np.ndarray:
    """:func:`jaccard_estimate` of ``sig`` against each row of ``others`` (2-D), in one array operation."""
    if len(others) == 0:
        return np.zeros(0)
    return np.count_nonzero(others == sig, axis=1) / len(sig)


def containment_many(j: np.ndarray, size: int, sizes: np.ndarray) -> np.ndarray:
    """:func:`containment_from_jaccard` for arrays of Jaccard estimates and other set sizes (> 0)."""
    if size <= 0:
        return np.zeros(len(j))
    inter = j * (size + sizes) / (1.0 + j)
    return np.minimum(1.0, inter / np.minimum(size, sizes))


@lru_cache(maxsize=8)
def _band_coefficients(words: int, bands: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0xBA4D)
    mult = rng.integers(0, np.iinfo(np.uint64).max, size=words, dtype=np.uint64, endpoint=True) | np.uint64(1)
    salt = rng.integers(0, np.iinfo(np.uint64).max, size=bands, dtype=np.uint64, endpoint=True)
    return mult, salt


def band_keys(sig: np.ndarray, bands: int) -> list[int]:
    """One signed 64-bit key per LSH band, ready for an SQLite INTEGER column.

    A band's ``rows = len(sig) // bands`` signature values are read as 64-bit words (two values
    per word when ``rows`` is even) and combined as ``sum(word_j * m_j) + salt_band (mod 2**64)``
    with fixed random odd ``m_j`` and a per-band salt: a handful of numpy operations per
    signature. Keys only need to be equal for equal bands (and rarely otherwise: a collision only
    costs one extra candidate, which verification rejects)."""
    rows = len(sig) // bands
    sig = np.ascontiguousarray(sig[: bands * rows], dtype=np.uint32)
    if rows % 2 == 0:
        words = sig.view(np.uint64).reshape(bands, rows // 2)
    else:
        words = sig.reshape(bands, rows).astype(np.uint64)
    mult, salt = _band_coefficients(words.shape[1], bands)
    with np.errstate(over="ignore"):
        keys = (words * mult).sum(axis=1, dtype=np.uint64)
        keys += salt
    return keys.view(np.int64).tolist()


@dataclass(frozen=True)
class MinHashConfig:
    """Shingling and LSH parameters (defaults chosen on the reprint benchmark's dev seed)."""

    kind: str = "char"  # character 8-grams: robust to OCR-like noise, specific enough for rewrites
    n: int = 8
    num_perm: int = 128
    bands: int = 32  # 32 bands x 4 rows: candidate probability 1/2 at Jaccard ~0.42
    seed: int = 1
    family: str = "multiply-shift"
    sample: int = 4  # keep a consistent 1/sample of the shingles

    def sketch(self, text: str) -> tuple[np.ndarray, int]:
        """(signature, number of distinct shingles) of ``text``."""
        h = shingles(text, self.kind, self.n, self.sample)
        return signature(h, self.num_perm, self.seed, self.family), int(len(h))
