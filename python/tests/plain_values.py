"""Python values as JSON has them, for comparisons with print-json and with what was written."""


def plain(value):
    """Tuples as lists, recursively."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
