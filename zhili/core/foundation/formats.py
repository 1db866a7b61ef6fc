"""Numbers as people read them on a page: thousands separated, at most two decimals, no trailing zeros."""


def plain_number(value) -> str:
    """``123456.7`` → ``123,456.7``, ``2.0`` → ``2``, ``1234.5678`` → ``1,234.57`` (floats, Decimals and ints)."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
