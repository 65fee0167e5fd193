#!/usr/bin/env python3
"""Touchbase exchange-file reference reader.

An independent implementation of Protocol/SPEC.md, written from the spec with the Python 3 standard
library only (ChaCha20-Poly1305 and Ed25519 verification are implemented here; scrypt comes from
hashlib). It verifies and decodes exchange files, checks their signatures, and prints the JSON form
of SPEC.md section 12.

    touchbase_reader.py FILE [--key-file KEY --passphrase PASS]   print the decoded JSON
    touchbase_reader.py --check Protocol/vectors                  check every vector of the manifest

`--check` exits with status 1 on any disagreement with the manifest. Files are sized before they are
read: one larger than the largest valid file of its kind is refused (tooLarge) without reading it whole.
`--check` exits with status 1 on any disagreement with the manifest. A manifest of format 1.x (the
frozen Protocol/vectors/v1) is checked in legacy mode: unsigned files are decoded, not refused.
"""

import hashlib
import hmac
import json
import os
import struct
import sys
import unicodedata
import zlib

MAGIC = b"\x89TBX\r\n\x1a\n"
KEY_MAGIC = b"\x89TBK\r\n\x1a\n"
MAJOR, MINOR = 4, 0
# Format 3.0 changed only the changes payload (the hash chain, SPEC.md sections 3.6 and 7.2).
CHAINED_MAJOR = 3
# Format 4.0 changed only the changes payload again (word-coded batches, SPEC.md section 7.2).
WORDS_MAJOR = 4
# The text a word-coded batch of a changes file may make from its word table, all values together.
MAX_TEXT_BYTES = 1 << 26
BASE_HEADER = {1: 72, 2: 104, 3: 104}
SIGNATURE = 64
KINDS = {1: "changes", 2: "ack", 3: "deviceCard", 4: "snapshot", 5: "snapshotPart"}
COMPRESSED, ENCRYPTED = 0x01, 0x02
SEAL_OVERHEAD = 28

# SPEC.md section 9: limits.
MAX_HEADER = 4096
MAX_PAYLOAD = {"changes": 64 << 20, "snapshot": 1 << 30, "ack": 1 << 20, "deviceCard": 1 << 20, "snapshotPart": 64 << 20}
SNAPSHOT_BODY_VERSION = 1
MAX_SNAPSHOT_PARTS = 65536
STORED_SLACK = 64 << 10
KEY_FILE_LENGTH = 116
# A key file is read only up to this size (then parsed, so a newer major still says so).
MAX_KEY_FILE = 4096


def max_file_size(kind):
    """The largest valid exchange file of a kind: a reader refuses a bigger one without reading it."""
    return MAX_PAYLOAD[kind] + STORED_SLACK + MAX_HEADER + SIGNATURE + 32


# SPEC.md section 7.2: count limits of a changes file.
MAX_CHANGES_PER_FILE = 65536
MAX_OPS_PER_FILE = 1 << 21
ITEMS_PER_STORED_BYTE = 4


class Failure(Exception):
    """A verification failure; `code` is one of the names of SPEC.md section 10."""

    def __init__(self, code, detail):
        super().__init__("%s: %s" % (code, detail))
        self.code = code
        self.detail = detail


class Malformed(Exception):
    """A fault in a payload encoding (reported as malformedPayload)."""


# ---------------------------------------------------------------------------------------------
# Primitive encodings (SPEC.md section 7.1)

class Reader:
    def __init__(self, data, start=0, end=None):
        self.data = data
        self.pos = start
        self.end = len(data) if end is None else end

    def remaining(self):
        return self.end - self.pos

    def at_end(self):
        return self.pos >= self.end

    def byte(self):
        if self.pos >= self.end:
            raise Malformed("truncated at %d" % self.pos)
        b = self.data[self.pos]
        self.pos += 1
        return b

    def raw(self, n):
        if n < 0 or n > self.remaining():
            raise Malformed("truncated at %d" % self.pos)
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return bytes(out)

    def varint(self):
        result, shift = 0, 0
        while True:
            b = self.byte()
            if shift == 63 and b > 1:
                raise Malformed("varint overflows 64 bits")
            result |= (b & 0x7F) << shift
            if b & 0x80 == 0:
                return result
            shift += 7
            if shift > 63:
                raise Malformed("varint longer than 10 bytes")

    def count(self, limit):
        v = self.varint()
        if v > limit:
            raise Malformed("count %d exceeds %d" % (v, limit))
        return v

    def zigzag(self):
        v = self.varint()
        return (v >> 1) ^ -(v & 1)

    def string(self):
        n = self.count(self.remaining())
        try:
            return self.raw(n).decode("utf-8", "strict")
        except UnicodeDecodeError:
            raise Malformed("invalid UTF-8")

    def u64(self):
        return struct.unpack(">Q", self.raw(8))[0]


M64 = (1 << 64) - 1


def to_u64(signed):
    return signed & M64


def to_i64(unsigned):
    return unsigned - (1 << 64) if unsigned >= (1 << 63) else unsigned


# ---------------------------------------------------------------------------------------------
# ChaCha20-Poly1305 (RFC 8439)

def _rotl(v, c):
    return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))


def _chacha_block(key, counter, nonce):
    s = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    s += list(struct.unpack("<8I", key)) + [counter] + list(struct.unpack("<3I", nonce))
    w = list(s)

    def qr(a, b, c, d):
        w[a] = (w[a] + w[b]) & 0xFFFFFFFF; w[d] = _rotl(w[d] ^ w[a], 16)
        w[c] = (w[c] + w[d]) & 0xFFFFFFFF; w[b] = _rotl(w[b] ^ w[c], 12)
        w[a] = (w[a] + w[b]) & 0xFFFFFFFF; w[d] = _rotl(w[d] ^ w[a], 8)
        w[c] = (w[c] + w[d]) & 0xFFFFFFFF; w[b] = _rotl(w[b] ^ w[c], 7)

    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<16I", *[(w[i] + s[i]) & 0xFFFFFFFF for i in range(16)])


def _chacha_xor(key, counter, nonce, data):
    out = bytearray()
    for i in range(0, len(data), 64):
        block = _chacha_block(key, counter + i // 64, nonce)
        out += bytes(a ^ b for a, b in zip(data[i:i + 64], block))
    return bytes(out)


def _poly1305(key, msg):
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    s = int.from_bytes(key[16:32], "little")
    p = (1 << 130) - 5
    acc = 0
    for i in range(0, len(msg), 16):
        n = int.from_bytes(msg[i:i + 16] + b"\x01", "little")
        acc = (acc + n) * r % p
    return ((acc + s) & ((1 << 128) - 1)).to_bytes(16, "little")


def chacha20_poly1305_open(key, nonce, ciphertext, tag, aad):
    otk = _chacha_block(key, 0, nonce)[:32]
    pad = lambda b: b"\x00" * (-len(b) % 16)
    mac_data = aad + pad(aad) + ciphertext + pad(ciphertext) + struct.pack("<QQ", len(aad), len(ciphertext))
    if not hmac.compare_digest(_poly1305(otk, mac_data), tag):
        return None
    return _chacha_xor(key, 1, nonce, ciphertext)


# ---------------------------------------------------------------------------------------------
# Ed25519 verification (RFC 8032, section 5.1.7), on the twisted Edwards curve in extended
# coordinates (X, Y, Z, T) with x = X/Z, y = Y/Z, x*y = T/Z.

_P = 2 ** 255 - 19
_L = 2 ** 252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _ed_x(y, sign):
    """The x of a point from its y and the sign bit; None when there is none."""
    if y >= _P:
        return None
    u, v = (y * y - 1) % _P, (_D * y * y + 1) % _P
    x = u * pow(v, 3, _P) * pow(u * pow(v, 7, _P), (_P - 5) // 8, _P) % _P
    if (v * x * x - u) % _P != 0:
        x = x * _SQRT_M1 % _P
        if (v * x * x - u) % _P != 0:
            return None
    if x == 0 and sign:
        return None
    return _P - x if x & 1 != sign else x


def _ed_add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    e1, e2 = (y1 - x1) * (y2 - x2) % _P, (y1 + x1) * (y2 + x2) % _P
    c, d = 2 * _D * t1 * t2 % _P, 2 * z1 * z2 % _P
    e, f, g, h = e2 - e1, d - c, d + c, e2 + e1
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _ed_times(n, point):
    acc = (0, 1, 1, 0)
    while n:
        if n & 1:
            acc = _ed_add(acc, point)
        point = _ed_add(point, point)
        n >>= 1
    return acc


def _ed_encode(point):
    zi = pow(point[2], _P - 2, _P)
    x, y = point[0] * zi % _P, point[1] * zi % _P
    return (y | (x & 1) << 255).to_bytes(32, "little")


def _ed_decode(b):
    n = int.from_bytes(b, "little")
    y, sign = n & ((1 << 255) - 1), n >> 255
    x = _ed_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_BY = 4 * pow(5, _P - 2, _P) % _P
_B = (_ed_x(_BY, 0), _BY, 1, _ed_x(_BY, 0) * _BY % _P)


def ed25519_verify(public_key, message, signature):
    """True when `signature` (64 bytes) is a valid Ed25519 signature of `message` by `public_key`."""
    if len(public_key) != 32 or len(signature) != 64:
        return False
    a = _ed_decode(public_key)
    s = int.from_bytes(signature[32:], "little")
    if a is None or s >= _L:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % _L
    minus_a = ((_P - a[0]) % _P, a[1], a[2], (_P - a[3]) % _P)
    return _ed_encode(_ed_add(_ed_times(s, _B), _ed_times(k, minus_a))) == bytes(signature[:32])


def signed_message(h, payload):
    """SPEC.md section 4.4: what a file's signature covers."""
    return (b"touchbase/2 signed file\x00" + bytes([h["major"], h["minor"], {v: k for k, v in KINDS.items()}[h["kind"]]])
            + bytes.fromhex(h["device"]) + struct.pack(">QQQ", h["first"], h["last"], h["payloadLength"])
            + hashlib.sha256(payload).digest())


# ---------------------------------------------------------------------------------------------
# Folder key (SPEC.md section 6)

def _hkdf(ikm, info, length=32):
    prk = hmac.new(b"\x00" * 32, ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


class FolderKey:
    """A folder key: its id and payload key, plus the payload keys of earlier generations it carries
    (key id -> payload key, SPEC.md section 6.5)."""

    def __init__(self, key_id, payload_key, generation=1, retired=None):
        self.key_id = key_id
        self.payload_key = payload_key
        self.generation = generation
        self.retired = retired or {}

    def payload_key_for(self, key_id):
        if key_id == self.key_id:
            return self.payload_key
        return self.retired.get(key_id)


MAX_RETIRED = 1000


def unlock(key_file, passphrase):
    """Opens a key file of generation 1 (minor 0, section 6.1) or later (minor 1, section 6.5)."""
    b = key_file
    if len(b) < 10 or b[:8] != KEY_MAGIC:
        raise Failure("badKeyFile", "not a folder key file")
    if b[8] > 1:
        raise Failure("newerMajorVersion", "key file format %d.%d" % (b[8], b[9]))
    if b[8] != 1 or b[9] > 1:
        raise Failure("badKeyFile", "key file format %d.%d" % (b[8], b[9]))
    if b[9] == 0:
        if len(b) != 116:
            raise Failure("badKeyFile", "key file must be 116 bytes")
        check_at = 52
    else:
        if len(b) < 154 + 40 or len(b) > 154 + 40 * MAX_RETIRED:
            raise Failure("badKeyFile", "generation key file of %d bytes" % len(b))
        count = struct.unpack(">H", b[60:62])[0]
        if len(b) != 154 + 40 * count:
            raise Failure("badKeyFile", "length does not match %d carried keys" % count)
        check_at = len(b) - 64
    if hashlib.sha256(b[:check_at + 32]).digest() != b[check_at + 32:]:
        raise Failure("checksumMismatch", "key file checksum")
    if b[10] != 1:
        raise Failure("badKeyFile", "unknown key derivation %d" % b[10])
    log2n = b[11]
    r, p = struct.unpack(">II", b[12:20])
    n = 1 << log2n
    if not (10 <= log2n <= 20 and 1 <= r <= 32 and 1 <= p <= 16
            and 128 * r * n <= 256 << 20 and n * r * p <= 1 << 24):
        raise Failure("badKeyFile", "scrypt parameters over the limits")
    generation = 1
    if b[9] == 1:
        generation = struct.unpack(">Q", b[52:60])[0]
        if generation < 2:
            raise Failure("badKeyFile", "generation %d in a generation key file" % generation)
    password = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    if not password:
        raise Failure("invalidArgument", "empty passphrase")
    master = hashlib.scrypt(password, salt=bytes(b[20:52]), n=n, r=r, p=p,
                            maxmem=128 * r * (n + p + 2) + (1 << 20), dklen=32)
    check_key = _hkdf(master, b"touchbase/1 check key")
    check = hmac.new(check_key, bytes(b[:check_at]), hashlib.sha256).digest()
    if not hmac.compare_digest(check, bytes(b[check_at:check_at + 32])):
        raise Failure("wrongPassphrase", "the passphrase does not open the key file")
    key_id = struct.unpack(">Q", check[:8])[0]
    payload_key = _hkdf(master, b"touchbase/1 payload key")
    retired = {}
    if generation > 1:
        sealed = bytes(b[62:check_at])
        history = chacha20_poly1305_open(payload_key, sealed[:12], sealed[12:-16], sealed[-16:], bytes(b[:62]))
        if history is None:
            raise Failure("badKeyFile", "the carried keys do not authenticate")
        previous = None
        for i in range(0, len(history), 40):
            kid = struct.unpack(">Q", history[i:i + 8])[0]
            if (previous is not None and kid <= previous) or kid == key_id:
                raise Failure("badKeyFile", "carried key ids not ascending, or repeating this key's id")
            retired[kid] = history[i + 8:i + 40]
            previous = kid
    return FolderKey(key_id, payload_key, generation, retired)


# ---------------------------------------------------------------------------------------------
# Framing and verification (SPEC.md sections 4 and 8)

def parse_header(b):
    n = len(b)
    m = min(n, 8)
    if b[:m] != MAGIC[:m]:
        raise Failure("badMagic", "not a Touchbase exchange file")
    if n == 0:
        raise Failure("truncated", "empty file")
    if n < 12:
        raise Failure("truncated", "shorter than the header")
    major, minor = b[8], b[9]
    if major > MAJOR:
        raise Failure("newerMajorVersion", "format %d.%d" % (major, minor))
    if major == 0:
        raise Failure("malformedHeader", "major version 0")
    hlen = struct.unpack(">H", b[10:12])[0]
    if hlen < BASE_HEADER[min(major, 2)] or hlen > MAX_HEADER:
        raise Failure("malformedHeader", "header length %d" % hlen)
    if n < hlen:
        raise Failure("truncated", "shorter than the header")
    kind = KINDS.get(b[12])
    if kind is None:
        raise Failure("malformedHeader", "unknown kind %d" % b[12])
    first, last, plen, slen, key_id = struct.unpack(">QQQQQ", b[32:72])
    if kind == "changes":
        if not (1 <= first <= last):
            raise Failure("malformedHeader", "sequence range %d-%d" % (first, last))
    elif kind == "snapshotPart":
        if not (1 <= first == last <= MAX_SNAPSHOT_PARTS):
            raise Failure("malformedHeader", "snapshot part range %d-%d" % (first, last))
    elif first != 0 or last != 0:
        raise Failure("malformedHeader", "non-zero sequence range")
    header = {
        "major": major, "minor": minor, "headerLength": hlen, "kind": kind,
        "compressed": bool(b[13] & COMPRESSED), "encrypted": bool(b[13] & ENCRYPTED),
        "device": bytes(b[16:32]).hex(), "first": first, "last": last,
        "payloadLength": plen, "storedLength": slen, "keyID": "%016x" % key_id,
    }
    if major >= 2:
        header["signer"] = bytes(b[72:104]).hex()
    return header


def open_file(b, key=None, accept_unsigned=False):
    """Verifies a whole file (SPEC.md section 8, steps 1-13); returns (header dict, decoded payload
    bytes, signature bytes or None for a 1.x file)."""
    h = parse_header(b)
    hlen, p, s = h["headerLength"], h["payloadLength"], h["storedLength"]
    limit = MAX_PAYLOAD[h["kind"]]
    if p > limit:
        raise Failure("tooLarge", "payload of %d bytes" % p)
    if s > limit + STORED_SLACK:
        raise Failure("tooLarge", "stored payload of %d bytes" % s)
    trailer = (SIGNATURE if h["major"] >= 2 else 0) + 32
    expected = hlen + s + trailer
    if len(b) < expected:
        raise Failure("truncated", "%d bytes, header declares %d" % (len(b), expected))
    if len(b) > expected:
        raise Failure("lengthMismatch", "%d bytes, header declares %d" % (len(b), expected))
    overhead = SEAL_OVERHEAD if h["encrypted"] else 0
    if s < overhead:
        raise Failure("lengthMismatch", "stored length under the encryption overhead")
    if not h["compressed"] and s != p + overhead:
        raise Failure("lengthMismatch", "uncompressed payload length differs from stored length")
    end = hlen + s
    sig_end = end + trailer - 32
    if hashlib.sha256(b[:sig_end]).digest() != bytes(b[sig_end:]):
        raise Failure("checksumMismatch", "SHA-256 trailer")
    body = bytes(b[hlen:end])
    if h["encrypted"]:
        if key is None:
            raise Failure("keyRequired", "the file is encrypted")
        payload_key = key.payload_key_for(int(h["keyID"], 16))
        if payload_key is None:
            raise Failure("decryptionFailed", "sealed with another folder key")
        opened = chacha20_poly1305_open(payload_key, body[:12], body[12:-16], body[-16:], bytes(b[:hlen]))
        if opened is None:
            raise Failure("decryptionFailed", "authentication failed")
        body = opened
    elif key is not None:
        raise Failure("decryptionFailed", "unencrypted file in an encrypted folder")
    if h["compressed"]:
        body = inflate_exact(body, p)
    if h["major"] < 2:
        if not accept_unsigned:
            raise Failure("unsigned", "format %d.%d carries no signature" % (h["major"], h["minor"]))
        return h, body, None
    signature = bytes(b[end:sig_end])
    if not ed25519_verify(bytes.fromhex(h["signer"]), signed_message(h, body), signature):
        raise Failure("signatureInvalid", "the signature does not verify")
    return h, body, signature


def inflate_exact(data, length):
    d = zlib.decompressobj(15)
    try:
        out = d.decompress(data, length + 1)
        if len(out) > length:
            raise Failure("decompressionFailed", "inflates past the declared size")
        if not d.eof:
            more = d.decompress(d.unconsumed_tail, 1)
            if more or not d.eof:
                raise Failure("decompressionFailed", "stream does not end at the declared size")
    except zlib.error as e:
        raise Failure("decompressionFailed", str(e))
    if d.unused_data or d.unconsumed_tail:
        raise Failure("decompressionFailed", "bytes after the end of the stream")
    if len(out) != length:
        raise Failure("decompressionFailed", "inflates to %d bytes, declared %d" % (len(out), length))
    return out


# ---------------------------------------------------------------------------------------------
# Payloads (SPEC.md section 7)

def _days_in(month, year):
    if month == 2:
        if year is None:
            return 29
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _date(r):
    y, m, d = r.varint(), r.byte(), r.byte()
    if y > 9999 or not (1 <= m <= 12) or d < 1 or d > _days_in(m, y or None):
        raise Malformed("invalid date")
    return ("%04d-%02d-%02d" % (y, m, d)) if y else ("--%02d-%02d" % (m, d))


RESERVED = range(0x09, 0x40)
MAX_MILLISECONDS = (1 << 48) - 1


def _body(r, tag, records):
    """The body of a value whose tag is known (SPEC.md section 7.2, "Values")."""
    def record():
        i = r.varint()
        if i >= len(records):
            raise Malformed("record index out of range")
        return records[i]

    if tag == 0x00:
        return {"kind": "null"}
    if tag in (0x01, 0x02):
        return {"kind": "bool", "value": tag == 0x02}
    if tag == 0x03:
        return {"kind": "int", "value": r.zigzag()}
    if tag == 0x04:
        return {"kind": "text", "value": r.string()}
    if tag == 0x05:
        return {"kind": "date", "value": _date(r)}
    if tag == 0x06:
        return {"kind": "ref", "value": record()}
    if tag == 0x07:
        return {"kind": "texts", "value": [r.string() for _ in range(r.count(r.remaining()))]}
    if tag == 0x08:
        return {"kind": "refs", "value": [record() for _ in range(r.count(r.remaining()))]}
    if tag >= 0x40:
        return {"kind": "unknown", "tag": tag, "bytes": r.raw(r.count(r.remaining())).hex()}
    raise Malformed("reserved value tag %d" % tag)


# The value columns, in order: the tags whose bodies each one holds (null and booleans have none).
VALUE_COLUMNS = [
    lambda t: t == 0x03,            # ints
    lambda t: t == 0x05,            # dates
    lambda t: t in (0x06, 0x08),    # refs
    lambda t: t in (0x04, 0x07),    # texts
    lambda t: t >= 0x40,            # sized
]


def decode_changes(payload, stored_length=None):
    """Decodes a Change batch. With `stored_length` (a changes file), the count limits of SPEC.md
    section 7.2 apply: each checked right after the count's own `rem` check, failing tooLarge."""
    max_items = None if stored_length is None else ITEMS_PER_STORED_BYTE * stored_length
    r = Reader(payload)
    version = r.byte()
    if version not in (1, 2, 3):
        raise Malformed("unsupported change encoding version")
    strings = [r.string() for _ in range(r.count(r.remaining()))]
    devices = [r.raw(16).hex() for _ in range(r.count(r.remaining() // 16))]
    records = [r.raw(16).hex() for _ in range(r.count(r.remaining() // 16))]
    words = []
    if version == 3:
        for _ in range(r.count(r.remaining())):
            w = r.string()
            if " " in w:
                raise Malformed("a word holding a space")
            words.append(w)

    def pick(table):
        i = r.varint()
        if i >= len(table):
            raise Malformed("index out of range")
        return table[i]

    n = r.count(r.remaining() // 6)
    if max_items is not None and (n > MAX_CHANGES_PER_FILE or n > max_items):
        raise Failure("tooLarge", "%d Changes over the limits" % n)

    # Change columns.
    change_devices = [pick(devices) for _ in range(n)]
    seqs, seq = [], 0
    for _ in range(n):
        seq = (seq + 1 + to_u64(r.zigzag())) & M64
        if seq == 0:
            raise Malformed("sequence number 0")
        seqs.append(seq)
    millis, ms = [], 0
    for _ in range(n):
        ms = (ms + to_u64(r.zigzag())) & M64
        if ms > MAX_MILLISECONDS:
            raise Malformed("clock milliseconds out of range")
        millis.append(ms)
    hlcs = []
    for i in range(n):
        counter = r.varint()
        if counter > 0xFFFF:
            raise Malformed("clock counter out of range")
        hlcs.append(millis[i] << 16 | counter)
    # The chain column (version 2): a code per Change; a link written out follows code 2.
    codes, explicit = [0] * n, {}
    if version in (2, 3):
        for i in range(n):
            code = r.byte()
            if code == 1:
                if i == 0 or change_devices[i] != change_devices[i - 1] or seqs[i] != seqs[i - 1] + 1:
                    raise Malformed("a link to the Change before it, which is not its device's previous one")
            elif code == 2:
                if seqs[i] <= 1:
                    raise Malformed("a link before sequence number 1")
                explicit[i] = r.raw(32).hex()
            elif code == 3:
                if seqs[i] != 1:
                    raise Malformed("a chained Change after sequence number 1 without a link")
            elif code != 0:
                raise Malformed("chain code %d" % code)
            codes[i] = code
    deps, digests, running, running_digests, prev_chained = [], [], {}, {}, False
    for i in range(n):
        chained = codes[i] != 0
        if chained and not prev_chained:
            running_digests = {}
        for _ in range(r.count(r.remaining() // 2)):
            d = pick(devices)
            running[d] = (running.get(d, 0) + to_u64(r.zigzag())) & M64
            if chained and running[d] != 0:
                running_digests[d] = r.raw(32).hex()
            else:
                running_digests.pop(d, None)
            if running[d] == 0:
                del running[d]
        own = {d: s for d, s in sorted(running.items()) if d != change_devices[i]}
        deps.append(own)
        if chained:
            if any(d not in running_digests for d in own):
                raise Malformed("a chained Change without the digest of every Change in its deps")
            digests.append({d: running_digests[d] for d in own})
        else:
            digests.append(None)
        prev_chained = chained
    op_counts, n_ops = [], 0
    for _ in range(n):
        limit = r.remaining() // 4 - n_ops
        if limit < 0:
            raise Malformed("more ops than bytes left")
        count = r.count(limit)
        if max_items is not None and (n_ops + count > MAX_OPS_PER_FILE or n + n_ops + count > max_items):
            raise Failure("tooLarge", "%d ops over the limits" % (n_ops + count))
        op_counts.append(count)
        n_ops += count

    # Op columns.
    entities = [pick(strings) for _ in range(n_ops)]
    fields = [pick(strings) for _ in range(n_ops)]
    tags = [r.byte() for _ in range(n_ops)]
    for tag in tags:
        if tag in RESERVED:
            raise Malformed("reserved value tag %d" % tag)
    op_records, previous, following = [], None, 0
    split = _split_varints(r, n_ops) if version == 3 else None
    for k in range(n_ops):
        code = split[k] if version == 3 else r.varint()
        if code == 0:
            if previous is None:
                raise Malformed("record code 0 on the first op")
            index = previous
        else:
            back = ((code - 1) >> 1) ^ -((code - 1) & 1)
            index = following - back
            if not 0 <= index < len(records):
                raise Malformed("record index out of range")
        op_records.append(records[index])
        previous, following = index, max(following, index + 1)

    # Value columns.
    values = [_body(r, tag, records) if tag <= 0x02 else None for tag in tags]
    for holds in VALUE_COLUMNS:
        if version == 3 and holds(0x04):
            _word_texts(r, tags, words, values, None if stored_length is None else MAX_TEXT_BYTES)
            continue
        for k, tag in enumerate(tags):
            if holds(tag):
                values[k] = _body(r, tag, records)
    if not r.at_end():
        raise Malformed("bytes after the last column")

    changes, k = [], 0
    for i in range(n):
        ops = [{"entity": entities[j], "record": op_records[j], "field": fields[j], "value": values[j]}
               for j in range(k, k + op_counts[i])]
        k += op_counts[i]
        c = {"device": change_devices[i], "seq": seqs[i], "hlc": hlcs[i], "deps": deps[i], "ops": ops}
        prev = changes[i - 1]["digest"] if codes[i] == 1 else explicit.get(i)
        if codes[i] != 0 and (prev is not None or digests[i]):
            c["prev"] = prev
            c["depDigests"] = digests[i]
        c["digest"] = hashlib.sha256(encode_single(c)).hexdigest()
        changes.append(c)
    return changes


def _split_varints(r, count):
    """A split column of `count` varints (SPEC.md section 7.2, version 3): the first byte of each,
    then the bytes that follow those first bytes, entry by entry."""
    first = r.raw(count)
    out = []
    for b in first:
        if b < 0x80:
            out.append(b)
            continue
        high = r.varint()
        if high >> 57:
            raise Malformed("split varint overflows 64 bits")
        out.append((b & 0x7F) | high << 7)
    return out


def _word_texts(r, tags, words, values, max_text_bytes):
    """The text column of a word-coded batch: words - 1 per text (a texts value first gives its
    count), then the word indexes as a split column."""
    shape, total = [], 0

    def word_count():
        nonlocal total
        n = r.count(r.remaining()) + 1
        total += n
        if total > r.remaining():
            raise Malformed("more word indexes than bytes left")
        return n
    for tag in tags:
        if tag == 0x04:
            shape.append(word_count())
        elif tag == 0x07:
            n = r.count(r.remaining())
            shape.append(n)
            shape.extend(word_count() for _ in range(n))
    indexes = _split_varints(r, total)
    lengths = [len(w.encode("utf-8")) for w in words]
    made, k, s = 0, 0, 0

    def text():
        nonlocal made, k, s
        n = shape[s]
        s += 1
        picked = indexes[k:k + n]
        k += n
        if any(i >= len(words) for i in picked):
            raise Malformed("word index out of range")
        made += n - 1 + sum(lengths[i] for i in picked)
        if max_text_bytes is not None and made > max_text_bytes:
            raise Failure("tooLarge", "the texts exceed %d bytes" % max_text_bytes)
        return " ".join(words[i] for i in picked)
    for j, tag in enumerate(tags):
        if tag == 0x04:
            values[j] = {"kind": "text", "value": text()}
        elif tag == 0x07:
            n = shape[s]
            s += 1
            values[j] = {"kind": "texts", "value": [text() for _ in range(n)]}


# The canonical encoding of one Change as a batch of its own (SPEC.md section 7.2): its digest,
# SHA-256 of these bytes, is what the links of the hash chain name (section 3.6).

def _w_varint(out, v):
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def _w_zigzag(out, n):
    n = to_i64(n & M64)
    _w_varint(out, ((n << 1) ^ (n >> 63)) & M64)


def _w_string(out, s):
    b = s.encode("utf-8")
    _w_varint(out, len(b))
    out += b


VALUE_TAGS = {"null": 0x00, "int": 0x03, "text": 0x04, "date": 0x05, "ref": 0x06, "texts": 0x07, "refs": 0x08}


def _tag_of(v):
    if v["kind"] == "bool":
        return 0x02 if v["value"] else 0x01
    if v["kind"] == "unknown":
        return v["tag"]
    return VALUE_TAGS[v["kind"]]


def _w_body(out, v, record_index):
    kind = v["kind"]
    if kind == "int":
        _w_zigzag(out, v["value"])
    elif kind == "text":
        _w_string(out, v["value"])
    elif kind == "date":
        text = v["value"]
        if text.startswith("--"):
            year, month, day = 0, int(text[2:4]), int(text[5:7])
        else:
            year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
        _w_varint(out, year)
        out.append(month)
        out.append(day)
    elif kind == "ref":
        _w_varint(out, record_index[v["value"]])
    elif kind == "texts":
        _w_varint(out, len(v["value"]))
        for t in v["value"]:
            _w_string(out, t)
    elif kind == "refs":
        _w_varint(out, len(v["value"]))
        for rec in v["value"]:
            _w_varint(out, record_index[rec])
    elif kind == "unknown":
        b = bytes.fromhex(v["bytes"])
        _w_varint(out, len(b))
        out += b


def encode_single(c):
    strings, devices, records = [], [], []

    def add(table, x):
        if x not in table:
            table.append(x)
    add(devices, c["device"])
    for d in sorted(c["deps"]):
        add(devices, d)
    for op in c["ops"]:
        add(strings, op["entity"])
        add(records, op["record"])
        add(strings, op["field"])
        if op["value"]["kind"] == "ref":
            add(records, op["value"]["value"])
        elif op["value"]["kind"] == "refs":
            for rec in op["value"]["value"]:
                add(records, rec)
    chained = "prev" in c
    out = bytearray([2 if chained else 1])
    _w_varint(out, len(strings))
    for t in strings:
        _w_string(out, t)
    for table in (devices, records):
        _w_varint(out, len(table))
        for x in table:
            out += bytes.fromhex(x)
    _w_varint(out, 1)
    _w_varint(out, 0)
    _w_zigzag(out, c["seq"] - 1)
    _w_zigzag(out, c["hlc"] >> 16)
    _w_varint(out, c["hlc"] & 0xFFFF)
    if chained:
        out.append(2 if c["prev"] is not None else 3)
        if c["prev"] is not None:
            out += bytes.fromhex(c["prev"])
    _w_varint(out, len(c["deps"]))
    for d in sorted(c["deps"]):
        _w_varint(out, devices.index(d))
        _w_zigzag(out, c["deps"][d])
        if chained:
            out += bytes.fromhex(c["depDigests"][d])
    _w_varint(out, len(c["ops"]))
    record_index = {rec: i for i, rec in enumerate(records)}
    for op in c["ops"]:
        _w_varint(out, strings.index(op["entity"]))
    for op in c["ops"]:
        _w_varint(out, strings.index(op["field"]))
    for op in c["ops"]:
        out.append(_tag_of(op["value"]))
    previous, following = None, 0
    for op in c["ops"]:
        i = record_index[op["record"]]
        if i == previous:
            _w_varint(out, 0)
        else:
            _w_zigzag_plus_one(out, following - i)
        previous, following = i, max(following, i + 1)
    for holds in VALUE_COLUMNS:
        for op in c["ops"]:
            if holds(_tag_of(op["value"])):
                _w_body(out, op["value"], record_index)
    return bytes(out)


def _w_zigzag_plus_one(out, n):
    _w_varint(out, (((n << 1) ^ (n >> 63)) & M64) + 1)


def _vector(r):
    out, previous = {}, None
    for _ in range(r.count(r.remaining() // 17)):
        device = r.raw(16)
        if previous is not None and not previous < device:
            raise Malformed("version vector not in ascending order")
        seq = r.varint()
        if seq == 0:
            raise Malformed("version vector entry 0")
        out[device.hex()] = seq
        previous = device
    return out


def _end(r, header):
    if not r.at_end() and header["minor"] <= MINOR:
        raise Malformed("bytes after the last field")


def decode_payload(header, payload):
    try:
        kind = header["kind"]
        if kind == "changes":
            if header["last"] - header["first"] + 1 > MAX_CHANGES_PER_FILE:
                raise Failure("tooLarge", "range %d-%d over %d Changes" % (header["first"], header["last"], MAX_CHANGES_PER_FILE))
            if header["major"] < CHAINED_MAJOR and payload[:1] == b"\x02":
                raise Malformed("a batch with hash-chain links in a format %d file" % header["major"])
            if header["major"] < WORDS_MAJOR and payload[:1] == b"\x03":
                raise Malformed("a word-coded batch in a format %d file" % header["major"])
            changes = decode_changes(payload, header["storedLength"])
            if len(changes) != header["last"] - header["first"] + 1:
                raise Malformed("Change count does not match the range")
            for i, c in enumerate(changes):
                if c["device"] != header["device"] or c["seq"] != header["first"] + i:
                    raise Malformed("Change %d does not match the header" % i)
                # Within a file the chain never stops and every link continues the Change before it.
                if i > 0 and ("prev" in c and c["prev"] != changes[i - 1]["digest"] or "prev" not in c and "prev" in changes[i - 1]):
                    raise Malformed("Change %d does not continue the hash chain of the Change before it" % i)
            for c in changes:
                del c["digest"]
            return {"header": header, "changes": changes}
        r = Reader(payload)
        if kind == "ack":
            written = r.varint()
            applied = _vector(r)
            _end(r, header)
            return {"header": header, "ack": {"writtenAt": written, "applied": applied}}
        if kind == "deviceCard":
            name = r.string()
            major, minor, created = r.byte(), r.byte(), r.varint()
            card = {"name": name, "formatMajor": major, "formatMinor": minor, "createdAt": created}
            endorsement = None
            if header["major"] >= 2:
                key = r.raw(32)
                if _ed_decode(key) is None:
                    raise Malformed("the public key does not decode")
                card["publicKey"] = key.hex()
                flag = r.byte()
                if flag == 1:
                    previous, signature = r.raw(32), r.raw(64)
                    if _ed_decode(previous) is None:
                        raise Malformed("the endorsing key does not decode")
                    endorsement = (previous, signature)
                    card["endorsement"] = {"previousKey": previous.hex(), "signature": signature.hex()}
                elif flag != 0:
                    raise Malformed("endorsement flag %d" % flag)
            _end(r, header)
            if "publicKey" in card:
                if card["publicKey"] != header["signer"]:
                    raise Malformed("the card publishes another key than the one that signed it")
                if endorsement is not None:
                    message = b"touchbase/2 key rotation\x00" + bytes.fromhex(header["device"]) + key
                    if not ed25519_verify(endorsement[0], message, endorsement[1]):
                        raise Failure("signatureInvalid", "the endorsement does not verify")
            return {"header": header, "deviceCard": card}
        if kind == "snapshotPart":
            return {"header": header, "snapshotPart": decode_snapshot_part(payload)}
        covers = _vector(r)
        if header["minor"] == 0:
            # The 3.0 slot: an opaque body.
            return {"header": header, "snapshot": {"covers": covers, "body": r.raw(r.remaining()).hex()}}
        return {"header": header, "snapshot": decode_snapshot_body(r, covers)}
    except Malformed as e:
        raise Failure("malformedPayload", str(e))


def decode_snapshot_body(r, covers):
    """The body of a snapshot of format 3.1 (SPEC.md section 7.6)."""
    version = r.varint()
    if version > SNAPSHOT_BODY_VERSION:
        raise Failure("newerSnapshotFormat", "snapshot body version %d" % version)
    if version != SNAPSHOT_BODY_VERSION:
        raise Malformed("snapshot body version %d" % version)
    clock = r.varint()
    heads, previous = {}, None
    for _ in range(r.count(r.remaining() // 48)):
        device = r.raw(16)
        if previous is not None and not previous < device:
            raise Malformed("snapshot heads not in ascending order")
        if device.hex() not in covers:
            raise Malformed("snapshot head of a device the snapshot does not cover")
        heads[device.hex()] = r.raw(32).hex()
        previous = device
    n = r.count(r.remaining() // 34)
    if not 1 <= n <= MAX_SNAPSHOT_PARTS:
        raise Malformed("snapshot of %d parts" % n)
    parts = [{"records": r.varint(), "length": r.varint(), "sha256": r.raw(32).hex()} for _ in range(n)]
    if not r.at_end():
        raise Malformed("bytes after the last part")
    return {"covers": covers, "clock": clock, "heads": heads, "parts": parts}


def _standalone_value(data):
    """A value with references written as 16-byte ids (SPEC.md section 7.6, part values)."""
    r = Reader(data)
    tag = r.byte()
    if tag == 0x06:
        value = {"kind": "ref", "value": r.raw(16).hex()}
    elif tag == 0x08:
        value = {"kind": "refs", "value": [r.raw(16).hex() for _ in range(r.count(r.remaining() // 16))]}
    else:
        value = _body(r, tag, [])
    if not r.at_end():
        raise Malformed("bytes after a value")
    return value


def decode_snapshot_part(payload):
    """A snapshot part (SPEC.md section 7.6, kind 5)."""
    r = Reader(payload)
    strings = [r.string() for _ in range(r.count(r.remaining()))]
    devices = [r.raw(16).hex() for _ in range(r.count(r.remaining() // 16))]

    def index(table):
        i = r.varint()
        if i >= len(table):
            raise Malformed("table index out of range")
        return table[i]

    def seq():
        v = r.varint()
        if v == 0:
            raise Malformed("sequence number 0")
        return v

    records = []
    for _ in range(r.count(r.remaining() // 20)):
        entity = index(strings)
        rid = r.raw(16).hex()
        status = r.byte()
        if status & ~3:
            raise Malformed("record status %d" % status)
        survivor = r.raw(16).hex() if status & 2 else None
        conflicts = [{"field": index(strings), "kind": index(strings)} for _ in range(r.count(r.remaining() // 2))]
        fields = []
        for _ in range(r.count(r.remaining() // 2)):
            name = index(strings)
            n = r.count(r.remaining() // 6)
            if n == 0:
                raise Malformed("a field without values")
            values = []
            for _ in range(n):
                device, s, hlc = index(devices), seq(), r.varint()
                value = _standalone_value(r.raw(r.count(r.remaining())))
                item = {"device": device, "seq": s, "hlc": hlc, "value": value}
                flag = r.byte()
                if flag == 1:
                    past, previous = {}, None
                    for _ in range(r.count(r.remaining() // 2)):
                        d = index(devices)
                        if previous is not None and not bytes.fromhex(previous) < bytes.fromhex(d):
                            raise Malformed("causal past not in ascending order")
                        past[d] = seq()
                        previous = d
                    item["past"] = past
                elif flag != 0:
                    raise Malformed("causal past flag %d" % flag)
                values.append(item)
            fields.append({"name": name, "values": values})
        records.append({"entity": entity, "id": rid, "hidden": bool(status & 1), "survivor": survivor,
                        "conflicts": conflicts, "fields": fields})
    if not r.at_end():
        raise Malformed("bytes after the last record")
    return {"records": records}


def check_pins(decoded, pinned):
    """SPEC.md section 8, step 16: the signer against the pinned keys (device hex -> key hex)."""
    header = decoded["header"]
    device, signer = header["device"], header.get("signer")
    if signer is None:
        raise Failure("unsigned", "format 1.x")
    if header["kind"] == "deviceCard":
        card = decoded["deviceCard"]
        pin = pinned.get(device)
        if pin is None or pin == card["publicKey"]:
            return
        if card.get("endorsement", {}).get("previousKey") == pin:
            return
        raise Failure("keyMismatch", "a card with another key than the pinned one, not endorsed by it")
    if device not in pinned:
        raise Failure("signerUnknown", "no key pinned for the device: wait for its card")
    if pinned[device] != signer:
        raise Failure("keyMismatch", "signed by another key than the device's pinned key")


def read(file_bytes, key_file=None, passphrase=None, pinned=None, legacy=False):
    """Verifies and decodes a file. With `pinned` (device hex -> public key hex) also checks the
    signer (step 16); with `legacy`, a 1.x file is decoded instead of refused as unsigned."""
    key = unlock(key_file, passphrase) if key_file is not None else None
    header, payload, signature = open_file(file_bytes, key, accept_unsigned=legacy)
    decoded = decode_payload(header, payload)
    if signature is not None:
        decoded = dict([("header", decoded["header"]), ("signature", signature.hex())]
                       + [(k, v) for k, v in decoded.items() if k != "header"])
    if pinned is not None and not legacy:
        check_pins(decoded, pinned)
    return decoded


# ---------------------------------------------------------------------------------------------
# Names (SPEC.md sections 2 and 11.2)

HEX = set("0123456789abcdef")


def _device(s):
    return s if len(s) == 32 and set(s) <= HEX else None


def _number(s):
    if not s or len(s) > 20 or not s.isascii() or not s.isdigit() or (len(s) > 1 and s[0] == "0"):
        return None
    v = int(s)
    return v if v < 1 << 64 else None


def _change_name(name):
    """`<first>-<last>.tbc` or `<first>-<last>.<edition>.tbc` (edition >= 2) -> (first, last, edition)."""
    if not name.endswith(".tbc"):
        return None
    dotted = name[:-4].split(".")
    if len(dotted) > 2:
        return None
    edition = 1
    if len(dotted) == 2:
        edition = _number(dotted[1])
        if edition is None or edition < 2:
            return None
    parts = dotted[0].split("-")
    if len(parts) != 2:
        return None
    first, last = _number(parts[0]), _number(parts[1])
    if first is None or last is None or not 1 <= first <= last:
        return None
    return first, last, edition


def parse_name(path):
    """What a folder path names, as in names.json (`entry`), or None for a name a reader ignores."""
    parts = path.split("/")
    if len(parts) == 1:
        return {"kind": "keyFile"} if parts[0] == "touchbase-folder.key" else None
    if len(parts) == 2:
        for directory, ext, kind in (("acks", ".tba", "ack"), ("devices", ".tbd", "deviceCard")):
            if parts[0] == directory and parts[1].endswith(ext) and _device(parts[1][:-4]):
                return {"kind": kind, "device": parts[1][:-4], "relayer": None}
        return None
    if len(parts) == 3 and parts[0] in ("changes", "snapshots") and _device(parts[1]):
        if parts[0] == "changes":
            r = _change_name(parts[2])
            return r and {"kind": "changes", "device": parts[1], "first": r[0], "last": r[1], "edition": r[2], "relayer": None}
        stem = parts[2][:-4] if parts[2].endswith(".tbs") else ""
        total, _, digest = stem.partition("-")
        if _number(total) is not None and len(digest) == 16 and set(digest) <= HEX:
            return {"kind": "snapshot", "device": parts[1], "relayer": None}
        return None
    if len(parts) == 4 and parts[0] == "relays" and _device(parts[1]) and _device(parts[2]) and parts[1] != parts[2]:
        relayer, author = parts[1], parts[2]
        if parts[3] == "card.tbd":
            return {"kind": "deviceCard", "device": author, "relayer": relayer}
        r = _change_name(parts[3])
        return r and {"kind": "changes", "device": author, "first": r[0], "last": r[1], "edition": r[2], "relayer": relayer}
    return None


def check_name(decoded, path):
    """SPEC.md section 8 step 14: the header's kind, device and range must match the name."""
    entry = parse_name(path)
    h = decoded["header"]
    want = (entry["kind"], entry["device"], entry.get("first", 0), entry.get("last", 0))
    got = (h["kind"], h["device"], h["first"] if h["kind"] == "changes" else 0, h["last"] if h["kind"] == "changes" else 0)
    if want != got:
        raise Failure("nameMismatch", "the header says %s of %s %d-%d" % (got[0], got[1], got[2], got[3]))


def _check_names(directory, pinned):
    """names.json: every path parses as listed, and every file checks against its name as listed."""
    path = os.path.join(directory, "names.json")
    if not os.path.exists(path):
        return 0, 0
    with open(path, encoding="utf-8") as f:
        names = json.load(f)
    passed = failed = 0
    for n in names["names"]:
        got = parse_name(n["path"])
        if got == n["entry"]:
            passed += 1
        else:
            print("FAIL name %s: parsed %s, expected %s" % (n["path"], got, n["entry"]))
            failed += 1
    for n in names["files"]:
        key_file = _load(directory, n["keyFile"]) if n.get("keyFile") else None
        try:
            check_name(read(_load(directory, n["file"]), key_file, n.get("passphrase"), pinned), n["path"])
            error = None
        except Failure as e:
            error = e.code
        if error == n["error"]:
            passed += 1
        else:
            print("FAIL %s as %s: %s, expected %s" % (n["file"], n["path"], error, n["error"]))
            failed += 1
    return passed, failed


# ---------------------------------------------------------------------------------------------
# Command line

def _read_at_most(f, limit, code):
    """Reads f to its end, never more than `limit` bytes (it may grow while it is read)."""
    data = f.read(limit + 1)
    if len(data) > limit:
        raise Failure(code, "the file grew past %d bytes while it was read" % limit)
    return data


def load_exchange_file(path):
    """Reads an exchange file, checking sizes before reading it whole (SPEC.md section 8, last
    paragraph): a file larger than the largest valid file of any kind is refused unread; otherwise
    the header is read first, and a file larger than the largest valid file of the header's kind is
    refused without reading its payload. A header too damaged to name its kind is left to the full
    verification, which reports it in the normative order."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        largest = max(max_file_size(k) for k in MAX_PAYLOAD)
        if size > largest:
            raise Failure("tooLarge", "file of %d bytes, larger than any valid exchange file" % size)
        head = f.read(min(size, MAX_HEADER))
        if len(head) >= 13 and head[:8] == MAGIC and head[8] <= MAJOR and head[12] in KINDS:
            kind = KINDS[head[12]]
            if size > max_file_size(kind):
                raise Failure("tooLarge", "file of %d bytes, limit %d for its kind (%s)" % (size, max_file_size(kind), kind))
            limit = max_file_size(kind)
        else:
            limit = largest
        return head + _read_at_most(f, limit - len(head), "tooLarge")


def load_key_file(path):
    """Reads a folder key file, refusing one over MAX_KEY_FILE bytes unread."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_KEY_FILE:
            raise Failure("badKeyFile", "key file of %d bytes, must be %d" % (size, KEY_FILE_LENGTH))
        return _read_at_most(f, MAX_KEY_FILE, "badKeyFile")


def _load(base, rel):
    path = base + "/" + rel
    return load_key_file(path) if rel.endswith(".key") else load_exchange_file(path)


def check(directory):
    with open(directory + "/manifest.json", encoding="utf-8") as f:
        manifest = json.load(f)
    passed = failed = 0
    legacy = str(manifest.get("format", "")).startswith("1.")
    pinned = manifest.get("pinned", {})

    def run(entry):
        key_file = _load(directory, entry["keyFile"]) if entry.get("keyFile") else None
        return read(_load(directory, entry["file"]), key_file, entry.get("passphrase"), pinned, legacy)

    for entry in manifest["good"]:
        try:
            got = run(entry)
            with open(directory + "/" + entry["json"], encoding="utf-8") as f:
                expected = json.load(f)
            if got == expected:
                passed += 1
                continue
            print("FAIL %s: decoded content differs from %s" % (entry["file"], entry["json"]))
        except Failure as e:
            print("FAIL %s: rejected (%s), expected to decode" % (entry["file"], e))
        failed += 1
    for entry in manifest["bad"]:
        if legacy and entry["error"] == "newerMajorVersion":
            continue  # a 1.x "newer major" file is format 2, read differently now
        label = "%s (%s)" % (entry["file"], entry.get("description", ""))
        try:
            run(entry)
            print("FAIL %s: accepted, expected %s" % (label, entry["error"]))
            failed += 1
        except Failure as e:
            if e.code == entry["error"]:
                passed += 1
            else:
                print("FAIL %s: %s, expected %s" % (label, e, entry["error"]))
                failed += 1
    p, f = _check_crashers(directory)
    passed += p
    failed += f
    p, f = _check_names(directory, pinned)
    passed += p
    failed += f
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def _check_crashers(directory):
    """Every input that ever crashed a fuzz target (crashers/) must end in a Failure or a decoded
    file, never in another exception: as it is and with its checksum recomputed, with and without
    the vector folder key, and as a key file (unlocked only at the testing scrypt cost)."""
    folder = os.path.join(directory, "crashers")
    if not os.path.isdir(folder):
        return 0, 0
    key = unlock(load_key_file(os.path.join(directory, "good", "touchbase-folder.key")),
                 "correct horse battery staple")
    passed = failed = 0
    for name in sorted(os.listdir(folder)):
        if name.startswith(".") or name == "README.md":
            continue
        data = load_exchange_file(os.path.join(folder, name))
        views = [data]
        if len(data) >= BASE_HEADER + 32:
            views.append(data[:-32] + hashlib.sha256(data[:-32]).digest())
        if len(data) == KEY_FILE_LENGTH:
            views.append(data[:84] + hashlib.sha256(data[:84]).digest())
        try:
            for view in views:
                for k in (None, key):
                    try:
                        header, payload = open_file(view, k)
                        decode_payload(header, payload)
                    except Failure:
                        pass
                try:
                    if len(view) < 12 or view[11] <= 10:
                        unlock(view, "correct horse battery staple")
                except Failure:
                    pass
            passed += 1
        except Exception as e:  # anything but a Failure is a reader bug
            print("FAIL crashers/%s: %s: %s" % (name, type(e).__name__, e))
            failed += 1
    return passed, failed


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        return check(argv[2])
    if len(argv) >= 2 and not argv[1].startswith("--"):
        args = argv[2:]
        opts = dict(zip(args[::2], args[1::2]))
        try:
            data = load_exchange_file(argv[1])
            key_file = load_key_file(opts["--key-file"]) if "--key-file" in opts else None
            print(json.dumps(read(data, key_file, opts.get("--passphrase")), indent=2, ensure_ascii=False))
        except Failure as e:
            print("error: %s" % e, file=sys.stderr)
            return 2
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
