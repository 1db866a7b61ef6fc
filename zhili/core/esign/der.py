"""DER (X.690) encoding of the few structures the platform assembles from bytes it already holds."""


def der_length(size: int) -> bytes:
    if size < 0x80:
        return bytes([size])
    encoded = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(encoded)]) + encoded


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + der_length(len(content)) + content


def der_integer(value: int) -> bytes:
    return tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big", signed=True))


def der_set_of(items: list[bytes]) -> bytes:
    return tlv(0x31, b"".join(sorted(items)))  # DER: SET OF elements in ascending order of their encodings
